import { describe, expect, it } from 'vitest'
import { formatFieldPath, validateSubjectFile, validateTasksFile, validateTopicConfig, type FieldIssue, type Validation } from './content-schema'

function issues<T>(result: Validation<T>): FieldIssue[] {
  return result.ok ? [] : result.issues
}

const subject = { slug: 'math', title: 'Mathematics', description: 'Numbers.', order: 1 }

describe('subject.json', () => {
  it('accepts a good file, order defaulting to 0', () => {
    expect(validateSubjectFile(subject, 'math')).toEqual({ ok: true, value: subject })
    expect(validateSubjectFile({ slug: 'math', title: 'Mathematics' }, 'math')).toEqual({ ok: true, value: { slug: 'math', title: 'Mathematics', order: 0 } })
  })

  it.each([
    ['not an object', [], 'math', '', 'must be an object { ... }'],
    ['title missing', { slug: 'math' }, 'math', 'title', 'is required'],
    ['blank title', { ...subject, title: '  ' }, 'math', 'title', 'must not be empty'],
    ['bad slug', { ...subject, slug: 'Math Stuff' }, 'Math Stuff', 'slug', 'must be lower-case letters, digits and single dashes, e.g. "negative-numbers"'],
    ['slug is not the folder', subject, 'maths', 'slug', 'must match the folder name "maths" (found "math")'],
    ['negative order', { ...subject, order: -1 }, 'math', 'order', 'must be at least 0'],
    ['misspelt field', { ...subject, titel: 'x' }, 'math', 'titel', 'is not a known field (check the spelling)'],
  ])('%s', (_name, json, folder, path, message) => {
    expect(issues(validateSubjectFile(json, folder))).toContainEqual({ path, message })
  })
})

const config = {
  slug: 'fractions',
  title: 'Fractions',
  category: 'number',
  description: 'Parts of a whole.',
  difficulty: 'beginner',
  maxXp: 1000,
  baseTaskXp: 10,
  dailyFullTasks: 10,
  dailyHalfTasks: 10,
  multiplierFull: 1,
  multiplierHalf: 0.5,
  multiplierLow: 0.1,
  multiplierEarly: 0.5,
  levelThresholds: [0, 100, 250, 500, 1000],
  dailyXpDecay: 0.5,
  minXpPercent: 0.1,
  reviewIntervals: [1, 3, 7, 14, 30],
  tags: ['fractions'],
  scheduler: 'stages',
  order: 2,
}

describe('config.json', () => {
  it('accepts a complete file unchanged', () => {
    expect(validateTopicConfig(config, 'fractions')).toEqual({ ok: true, value: config })
  })

  it('fills the schema defaults when values are omitted', () => {
    const result = validateTopicConfig({ slug: 'fractions', title: 'Fractions', levelThresholds: [0, 100] }, 'fractions')
    expect(result).toEqual({
      ok: true,
      value: {
        slug: 'fractions',
        title: 'Fractions',
        levelThresholds: [0, 100],
        maxXp: 1000,
        baseTaskXp: 10,
        dailyFullTasks: 10,
        dailyHalfTasks: 10,
        multiplierFull: 1,
        multiplierHalf: 0.5,
        multiplierLow: 0.1,
        multiplierEarly: 0.5,
        dailyXpDecay: 0,
        minXpPercent: 0.1,
        reviewIntervals: [],
        tags: [],
        scheduler: 'fsrs',
        order: 0,
      },
    })
  })

  it.each([
    [
      'the boundaries',
      { multiplierFull: 0, multiplierHalf: 0, multiplierLow: 0, multiplierEarly: 1, dailyXpDecay: 1, minXpPercent: 0, dailyFullTasks: 0, baseTaskXp: 0 },
    ],
    ['a single threshold', { levelThresholds: [0] }],
    ['the top threshold equal to maxXp', { maxXp: 500, levelThresholds: [0, 500] }],
    ['fsrs without intervals', { scheduler: 'fsrs', reviewIntervals: [] }],
  ])('accepts %s', (_name, change) => {
    expect(issues(validateTopicConfig({ ...config, ...change }, 'fractions'))).toEqual([])
  })

  it.each([
    ['levelThresholds missing', { levelThresholds: undefined }, 'levelThresholds', 'is required'],
    ['levelThresholds empty', { levelThresholds: [] }, 'levelThresholds', 'must list at least one threshold (0)'],
    ['levelThresholds not starting at 0', { levelThresholds: [10, 100] }, 'levelThresholds[0]', 'must be 0 (the first threshold is where levels start)'],
    ['levelThresholds not ascending', { levelThresholds: [0, 100, 100] }, 'levelThresholds[2]', 'must be greater than the one before (100)'],
    ['levelThresholds descending', { levelThresholds: [0, 300, 200] }, 'levelThresholds[2]', 'must be greater than the one before (300)'],
    [
      'a level above maxXp',
      { maxXp: 400, levelThresholds: [0, 100, 500] },
      'levelThresholds[2]',
      '500 is above maxXp (400), so that level could never be reached',
    ],
    ['a fractional threshold', { levelThresholds: [0, 10.5] }, 'levelThresholds[1]', 'must be a whole number'],
    ['a threshold of the wrong type', { levelThresholds: [0, '100'] }, 'levelThresholds[1]', 'must be a whole number'],
    ['maxXp 0', { maxXp: 0 }, 'maxXp', 'must be at least 1'],
    ['maxXp as text', { maxXp: '1000' }, 'maxXp', 'must be a whole number'],
    ['negative baseTaskXp', { baseTaskXp: -1 }, 'baseTaskXp', 'must be at least 0'],
    ['fractional dailyFullTasks', { dailyFullTasks: 2.5 }, 'dailyFullTasks', 'must be a whole number'],
    ['negative multiplier', { multiplierLow: -0.1 }, 'multiplierLow', 'must be at least 0'],
    ['huge multiplier', { multiplierFull: 11 }, 'multiplierFull', 'must be at most 10'],
    ['half above full', { multiplierFull: 1, multiplierHalf: 1.5 }, 'multiplierHalf', 'must not be above multiplierFull (1)'],
    ['low above half', { multiplierHalf: 0.5, multiplierLow: 0.6 }, 'multiplierLow', 'must not be above multiplierHalf (0.5)'],
    ['early multiplier above 1', { multiplierEarly: 1.5 }, 'multiplierEarly', 'must be between 0 and 1'],
    ['decay above 1', { dailyXpDecay: 1.2 }, 'dailyXpDecay', 'must be between 0 and 1'],
    ['min percent as a percentage', { minXpPercent: 10 }, 'minXpPercent', 'must be between 0 and 1'],
    ['interval of 0 days', { reviewIntervals: [0, 1] }, 'reviewIntervals[0]', 'must be at least 1'],
    ['intervals not ascending', { reviewIntervals: [1, 3, 3] }, 'reviewIntervals[2]', 'must be longer than the one before (3 days)'],
    [
      'stages without intervals',
      { reviewIntervals: [] },
      'reviewIntervals',
      'must list the stage intervals in days (e.g. [1, 3, 7, 14, 30]) when scheduler is "stages"',
    ],
    ['unknown scheduler', { scheduler: 'sm2' }, 'scheduler', 'must be "fsrs" or "stages"'],
    ['tags not a list', { tags: 'fractions' }, 'tags', 'must be a list of strings'],
    ['repeated tag', { tags: ['a', 'b', 'a'] }, 'tags[2]', 'repeats tags[0]'],
    ['misspelt field', { maxXP: 10 }, 'maxXP', 'is not a known field (check the spelling)'],
    ['slug is not the folder', { slug: 'fraction' }, 'slug', 'must match the folder name "fractions" (found "fraction")'],
  ])('%s', (_name, change, path, message) => {
    expect(issues(validateTopicConfig({ ...config, ...change }, 'fractions'))).toContainEqual({ path, message })
  })
})

const choice = {
  id: 'math.fractions.equivalent-001',
  kind: 'multiple_choice',
  difficulty: 'easy',
  concepts: ['fractions.equivalent'],
  prompt: 'Which fraction equals 1/2?',
  choices: ['2/3', '3/6', '2/5', '4/6'],
  answer: 1,
  explanation: '1/2 = 3/6.',
}
const numeric = {
  id: 'math.fractions.n-001',
  kind: 'numeric',
  difficulty: 'hard',
  concepts: ['fractions.equivalent'],
  prompt: '3/8 as a decimal?',
  answer: 0.375,
  tolerance: 0.001,
  baseXp: 30,
  hints: ['1/8 = 0.125'],
  explanation: '3 × 0.125.',
}
const text = {
  id: 'math.fractions.t-001',
  kind: 'short_text',
  difficulty: 'medium',
  concepts: ['fractions.simplify', 'fractions.equivalent'],
  prompt: 'Simplify 6/8.',
  answer: ['3/4'],
  explanation: 'Divide by 2.',
}

describe('tasks.json', () => {
  it('accepts one task of each kind, unchanged', () => {
    expect(validateTasksFile([choice, numeric, text])).toEqual({ ok: true, value: [choice, numeric, text] })
  })

  it.each([
    ['several correct choices', { ...choice, answer: [0, 3] }],
    ['the last choice', { ...choice, answer: 3 }],
    ['two choices', { ...choice, choices: ['yes', 'no'], answer: 0 }],
    ['a numeric answer of 0 without tolerance', { ...numeric, answer: 0, tolerance: undefined }],
    ['a negative numeric answer', { ...numeric, answer: -7 }],
    ['baseXp 0', { ...numeric, baseXp: 0 }],
  ])('accepts %s', (_name, task) => {
    expect(issues(validateTasksFile([task]))).toEqual([])
  })

  it.each([
    ['not a list', { tasks: [] }, '', 'must be a list of tasks [ ... ]'],
    ['an empty list', [], '', 'must contain at least one task'],
    ['a task that is not an object', [choice, 'x'], '[1]', 'must be an object { ... }'],
    ['index beyond the choices', [choice, { ...choice, id: 'x.y', answer: 4 }], '[1].answer', 'must be an index into choices (0–3)'],
    ['negative index', [{ ...choice, answer: -1 }], '[0].answer', 'must be an index into choices (0–3)'],
    ['choice text instead of index', [{ ...choice, answer: '3/6' }], '[0].answer', 'must be an index into choices (0–3)'],
    ['one bad index of several', [{ ...choice, answer: [1, 9] }], '[0].answer[1]', 'must be an index into choices (0–3)'],
    ['repeated index', [{ ...choice, answer: [1, 1] }], '[0].answer[1]', 'repeats answer[0]'],
    ['no index', [{ ...choice, answer: [] }], '[0].answer', 'must list at least one index'],
    ['choices missing', [{ ...choice, choices: undefined }], '[0].choices', 'is required for multiple_choice tasks (a list of 2 to 6 options)'],
    ['one choice', [{ ...choice, choices: ['only'], answer: 0 }], '[0].choices', 'must have 2 to 6 options (has 1)'],
    ['seven choices', [{ ...choice, choices: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], answer: 0 }], '[0].choices', 'must have 2 to 6 options (has 7)'],
    ['the same choice twice', [{ ...choice, choices: ['3/6', '2/3', ' 3/6 '] }], '[0].choices[2]', 'is the same option as choices[0]'],
    ['numeric answer as text', [{ ...numeric, answer: '0.375' }], '[0].answer', 'must be a number'],
    ['negative tolerance', [{ ...numeric, tolerance: -0.1 }], '[0].tolerance', 'must be at least 0'],
    ['tolerance on a choice task', [{ ...choice, tolerance: 1 }], '[0].tolerance', 'is only for numeric tasks'],
    ['choices on a numeric task', [{ ...numeric, choices: ['a', 'b'] }], '[0].choices', 'is only for multiple_choice tasks'],
    ['short text answer as a string', [{ ...text, answer: '3/4' }], '[0].answer', 'must be a list of accepted answers, e.g. ["one half", "a half"]'],
    ['an empty accepted answer', [{ ...text, answer: ['3/4', ' . '] }], '[0].answer[1]', 'must be a non-empty string'],
    ['answer missing', [{ ...text, answer: undefined }], '[0].answer', 'is required'],
    ['unknown kind', [{ ...text, kind: 'essay' }], '[0].kind', 'must be "multiple_choice", "numeric" or "short_text"'],
    ['unknown difficulty', [{ ...text, difficulty: 'tricky' }], '[0].difficulty', 'must be "easy", "medium" or "hard"'],
    [
      'bad id',
      [{ ...text, id: 'Math Fractions 1' }],
      '[0].id',
      'must be lower-case letters and digits joined by ".", "-" or "_", e.g. "math.fractions.add-001"',
    ],
    ['the same id twice', [text, numeric, { ...text }], '[2].id', '"math.fractions.t-001" is already used by [0]'],
    ['no concept', [{ ...text, concepts: [] }], '[0].concepts', 'must name at least one concept'],
    ['undotted concept', [{ ...text, concepts: ['fractions'] }], '[0].concepts[0]', 'must be a dotted key of lower-case words, e.g. "fractions.add"'],
    ['repeated concept', [{ ...text, concepts: ['a.b', 'a.b'] }], '[0].concepts[1]', 'repeats concepts[0]'],
    ['explanation missing', [{ ...text, explanation: undefined }], '[0].explanation', 'is required'],
    ['blank prompt', [{ ...text, prompt: ' ' }], '[0].prompt', 'must not be empty'],
    ['hints not a list', [{ ...text, hints: 'think' }], '[0].hints', 'must be a list of strings'],
    ['fractional baseXp', [{ ...text, baseXp: 1.5 }], '[0].baseXp', 'must be a whole number'],
    ['misspelt field', [{ ...text, explaination: 'x' }], '[0].explaination', 'is not a known field (check the spelling)'],
  ])('%s', (_name, json, path, message) => {
    expect(issues(validateTasksFile(json))).toContainEqual({ path, message })
  })
})

describe('formatFieldPath', () => {
  it.each([
    [[], ''],
    [['maxXp'], 'maxXp'],
    [['levelThresholds', 2], 'levelThresholds[2]'],
    [[3, 'answer'], '[3].answer'],
    [[3, 'answer', 1], '[3].answer[1]'],
    [['a', 'b'], 'a.b'],
  ])('%j → %j', (path, expected) => {
    expect(formatFieldPath(path)).toBe(expected)
  })
})
