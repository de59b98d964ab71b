import { describe, expect, it } from 'vitest'
import { revealHints, toTaskView, type TaskViewSource } from './task-view'

/** A full row as Prisma returns it, secrets included. */
function row(overrides: Partial<TaskViewSource> & Record<string, unknown>): TaskViewSource {
  return {
    id: 'math.fractions.add-001',
    topicId: 'topic-1',
    kind: 'short_text',
    prompt: 'Work out 1/5 + 2/5.',
    choices: null,
    answer: ['3/5'],
    tolerance: null,
    difficulty: 'easy',
    baseXp: 25,
    concepts: ['fractions.add-subtract'],
    hints: null,
    explanation: 'Add the numerators.',
    order: 0,
    active: true,
    contentHash: 'abc',
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  } as TaskViewSource
}

const SECRET_KEYS = ['answer', 'tolerance', 'explanation', 'contentHash', 'baseXp']

describe('toTaskView', () => {
  it.each([
    [
      'multiple choice, one answer',
      row({ kind: 'multiple_choice', choices: ['2/3', '3/6'], answer: 1, hints: ['Halve it'], difficulty: 'medium' }),
      { choices: ['2/3', '3/6'], multipleAnswers: false, hintCount: 1, difficulty: 'medium' },
    ],
    [
      'multiple choice, several answers',
      row({ kind: 'multiple_choice', choices: ['a', 'b', 'c'], answer: [0, 2] }),
      { choices: ['a', 'b', 'c'], multipleAnswers: true, hintCount: 0 },
    ],
    [
      'numeric with a tolerance',
      row({ kind: 'numeric', answer: 4.08, tolerance: 0.005, hints: ['a', 'b'] }),
      { choices: null, multipleAnswers: false, hintCount: 2 },
    ],
    ['short text', row({}), { choices: null, multipleAnswers: false, hintCount: 0, concepts: ['fractions.add-subtract'] }],
    ['choices on a non-choice task are dropped', row({ kind: 'numeric', answer: 3, choices: ['x'] }), { choices: null }],
  ])('%s', (_name, task, expected) => {
    const view = toTaskView(task)
    expect(view).toMatchObject({ id: task.id, kind: task.kind, prompt: task.prompt, ...expected })
    for (const key of SECRET_KEYS) expect(view).not.toHaveProperty(key)
    // Nothing of the answer or explanation leaks into any value either.
    expect(JSON.stringify(view)).not.toContain('Add the numerators')
  })

  it('has exactly the allowed keys', () => {
    expect(Object.keys(toTaskView(row({}))).sort()).toEqual(['choices', 'concepts', 'difficulty', 'hintCount', 'id', 'kind', 'multipleAnswers', 'prompt'])
  })
})

describe('revealHints', () => {
  const task = row({ hints: ['first', 'second', 'third'] })
  it.each([
    [0, []],
    [1, ['first']],
    [2, ['first', 'second']],
    [5, ['first', 'second', 'third']],
    [-1, []],
    [1.7, ['first']],
  ])('%s hint(s) asked → %j', (count, expected) => {
    expect(revealHints(task, count)).toEqual(expected)
  })

  it('gives nothing for a task without hints', () => {
    expect(revealHints(row({ hints: null }), 3)).toEqual([])
  })
})
