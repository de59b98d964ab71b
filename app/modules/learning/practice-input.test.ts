import { encodeTime, ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import {
  AnswerInput,
  MAX_DURATION_MS,
  MAX_HINTS,
  durationFromAttemptId,
  joinChoices,
  readPracticeQuery,
} from './practice-input'
import { MAX_ANSWER_LENGTH, nextTaskHref, taskHref } from './practice-links'

const base = { taskId: 'math.fractions.add-001', attemptId: ulid() }
const parse = (extra: Record<string, unknown>) => AnswerInput.safeParse({ ...base, ...extra })
const fieldsOf = (extra: Record<string, unknown>) => {
  const result = parse(extra)
  return result.success ? [] : result.error.issues.map((i) => i.path[0])
}

describe('an answer', () => {
  it.each([
    ['text', 'one half', 'one half'],
    ['a number (JSON)', 3.5, '3.5'],
    ['a negative number (JSON)', -2, '-2'],
    ['choice indexes (JSON)', [2, 0], '2,0'],
    ['exactly the longest answer', 'x'.repeat(MAX_ANSWER_LENGTH), 'x'.repeat(MAX_ANSWER_LENGTH)],
  ])('accepts %s', (_what, answer, expected) => {
    expect(parse({ answer }).data?.answer).toBe(expected)
  })

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '   '],
    ['one character too long', 'x'.repeat(MAX_ANSWER_LENGTH + 1)],
    ['an object', { text: 'x' }],
    ['an empty list', []],
    ['a list of fractions', [0.5]],
    ['not a finite number', Number.NaN],
  ])('refuses an answer that is %s, naming answer', (_what, answer) => {
    expect(fieldsOf({ answer })).toEqual(['answer'])
  })
})

describe('the other fields', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['0', false],
    ['false', false],
    ['1', true],
    ['on', true],
    ['TRUE', true],
    [true, true],
    [false, false],
  ])('hintUsed %j is %s', (hintUsed, expected) => {
    expect(parse({ answer: '1', hintUsed }).data?.hintUsed).toBe(expected)
  })

  it.each([['maybe'], [2], ['null']])('hintUsed %j is refused', (hintUsed) => {
    expect(fieldsOf({ answer: '1', hintUsed })).toEqual(['hintUsed'])
  })

  it('upper-cases the attempt id (one key per attempt) and refuses what is not a ULID', () => {
    const id = ulid()
    expect(parse({ answer: '1', attemptId: id.toLowerCase() }).data?.attemptId).toBe(id)
    for (const attemptId of [undefined, '', 'not-a-ulid', `${id}X`, id.slice(1)])
      expect(fieldsOf({ answer: '1', attemptId })).toEqual(['attemptId'])
  })

  it.each([
    [undefined, undefined, true],
    ['', undefined, true],
    [0, 0, true],
    ['1500', 1500, true],
    [MAX_DURATION_MS, MAX_DURATION_MS, true],
    [MAX_DURATION_MS + 1, undefined, false],
    [-1, undefined, false],
    [1.5, undefined, false],
  ])('durationMs %j', (durationMs, expected, ok) => {
    const result = parse({ answer: '1', durationMs })
    expect(result.success).toBe(ok)
    if (ok) expect(result.data?.durationMs).toBe(expected)
  })

  it('refuses a missing or overlong task id', () => {
    expect(fieldsOf({ answer: '1', taskId: undefined })).toEqual(['taskId'])
    expect(fieldsOf({ answer: '1', taskId: 't'.repeat(101) })).toEqual(['taskId'])
    expect(fieldsOf({ answer: '1', taskId: 't'.repeat(100) })).toEqual([])
  })
})

describe('several ticked checkboxes', () => {
  it('become one answer; a single value is left alone', () => {
    const form = new FormData()
    form.append('answer', '0')
    form.append('answer', '2')
    expect(joinChoices(form).get('answer')).toBe('0,2')
    const one = new FormData()
    one.append('answer', '1')
    expect(joinChoices(one).getAll('answer')).toEqual(['1'])
  })
})

describe('the time to answer, read from the attempt id', () => {
  const now = new Date('2026-03-02T10:00:00Z')
  const idAt = (ms: number) => `${encodeTime(ms, 10)}${'0'.repeat(16)}`
  it.each([
    ['shown 20 s ago', now.getTime() - 20_000, 20_000],
    ['shown just now', now.getTime(), 0],
    ['shown exactly 3 h ago', now.getTime() - MAX_DURATION_MS, MAX_DURATION_MS],
    ['shown more than 3 h ago', now.getTime() - MAX_DURATION_MS - 1, undefined],
    ['made in the future', now.getTime() + 1, undefined],
  ])('%s', (_what, shownAt, expected) => {
    expect(durationFromAttemptId(idAt(shownAt), now)).toBe(expected)
  })
  it('is undefined for a malformed id', () => {
    expect(durationFromAttemptId('!!!', now)).toBeUndefined()
  })
})

describe('the page URL', () => {
  const read = (query: string) => readPracticeQuery(new URL(`http://x/practice/fractions${query}`))
  it('reads task, attempt, hints and after, ignoring what is malformed', () => {
    const id = ulid()
    expect(read(`?task=a.b&attempt=${id}&hints=2&after=c.d`)).toEqual({
      taskId: 'a.b',
      attemptId: id,
      hints: 2,
      after: 'c.d',
    })
    expect(read('')).toEqual({ taskId: null, attemptId: null, hints: 0, after: null })
    expect(read('?attempt=nope&hints=abc')).toMatchObject({ attemptId: null, hints: 0 })
  })
  it.each([
    ['-1', 0],
    ['0', 0],
    ['1.5', 0],
    [String(MAX_HINTS), MAX_HINTS],
    [String(MAX_HINTS + 1), MAX_HINTS],
  ])('hints=%s reads as %i', (hints, expected) => {
    expect(read(`?hints=${hints}`).hints).toBe(expected)
  })
  it('builds the links the form and the "Next task" button use', () => {
    expect(taskHref('/practice/fractions', { taskId: 'a.b', attemptId: 'X', hints: 0 })).toBe(
      '/practice/fractions?task=a.b&attempt=X',
    )
    expect(taskHref('/reviews', { taskId: 'a.b', attemptId: 'X', hints: 2 })).toBe(
      '/reviews?task=a.b&attempt=X&hints=2',
    )
    expect(nextTaskHref('/practice/fractions', 'a.b')).toBe('/practice/fractions?after=a.b')
  })
})
