import { describe, expect, it } from 'vitest'
import { checkAnswer, describeAnswer, MalformedTaskError, normaliseText, parseNumberAnswer, type CheckableTask } from './answer-check'

const single: CheckableTask = { kind: 'multiple_choice', choices: ['2/3', '3/6', '2/5', '4/6'], answer: 1 }
const several: CheckableTask = { kind: 'multiple_choice', choices: ['a', 'b', 'c', 'd', 'e'], answer: [0, 2, 3] }

describe('checkAnswer: multiple choice', () => {
  it.each([
    [single, '1', true, '1'],
    [single, ' 1 ', true, '1'],
    [single, '0', false, '0'],
    [single, '3', false, '3'],
    [single, '7', false, '7'], // out of range: wrong, not an error
    [single, '1,2', false, '1,2'],
    [single, '1,1', true, '1'], // a repeated index is the same choice
    [single, '', false, ''],
    [single, 'b', false, ''],
    [single, '-1', false, ''],
    [single, '1.0', false, ''],
    [several, '0,2,3', true, '0,2,3'],
    [several, '3,0,2', true, '0,2,3'],
    [several, '0 2 3', true, '0,2,3'],
    [several, '0, 2, 3', true, '0,2,3'],
    [several, '0,2', false, '0,2'], // a subset is not enough
    [several, '0,2,3,4', false, '0,2,3,4'], // nor a superset
    [several, '2', false, '2'],
  ])('%j answered %j → correct %s, normalised %j', (task, submitted, isCorrect, normalised) => {
    expect(checkAnswer(task, submitted)).toEqual({ isCorrect, normalised })
  })
})

describe('checkAnswer: numeric', () => {
  const exact: CheckableTask = { kind: 'numeric', answer: 3.5 }
  const negative: CheckableTask = { kind: 'numeric', answer: -7 }
  const rounded: CheckableTask = { kind: 'numeric', answer: 4.08, tolerance: 0.005 }
  const third: CheckableTask = { kind: 'numeric', answer: 1 / 3, tolerance: 0.001 }
  const tenths: CheckableTask = { kind: 'numeric', answer: 0.3 }
  const big: CheckableTask = { kind: 'numeric', answer: 12000 }
  const percent: CheckableTask = { kind: 'numeric', answer: 25 }

  it.each([
    [exact, '3.5', true, '3.5'],
    [exact, '3,5', true, '3.5'],
    [exact, ' 3.50 ', true, '3.5'],
    [exact, '+3.5', true, '3.5'],
    [exact, '7/2', false, ''], // fractions are not read: "write 7/2 as a decimal" must not accept "7/2"
    [exact, '3 1/2', false, ''],
    [exact, '3.6', false, '3.6'],
    [exact, '3.5000001', false, '3.5000001'],
    [exact, 'three and a half', false, ''], // not a number: wrong, not an error
    [exact, '', false, ''],
    [exact, '3.5.1', false, ''],
    [exact, '1e3', false, ''],
    [negative, '-7', true, '-7'],
    [negative, '−7', true, '-7'], // the typographic minus sign
    [negative, '- 7', true, '-7'],
    [negative, '7', false, '7'],
    [rounded, '4.08', true, '4.08'],
    [rounded, '4.085', true, '4.085'], // at the edge of the tolerance
    [rounded, '4.075', true, '4.075'],
    [rounded, '4.0833', true, '4.0833'],
    [rounded, '4.086', false, '4.086'], // just outside
    [rounded, '4.07', false, '4.07'],
    [third, '1/3', false, ''],
    [third, '0.333', true, '0.333'],
    [third, '0.33', false, '0.33'],
    [tenths, '0.3', true, '0.3'],
    [tenths, '.3', true, '0.3'],
    [tenths, '0,3', true, '0.3'],
    [big, '12000', true, '12000'],
    [big, '12 000', true, '12000'], // spaces group thousands
    [big, '12,000', false, '12'], // a comma is always a decimal separator
    [percent, '25%', true, '25'],
    [percent, '25 %', true, '25'],
    [percent, '0.25', false, '0.25'],
  ])('%j answered %j → correct %s, normalised %j', (task, submitted, isCorrect, normalised) => {
    expect(checkAnswer(task, submitted)).toEqual({ isCorrect, normalised })
  })

  it('absorbs binary rounding without a tolerance', () => {
    expect(checkAnswer({ kind: 'numeric', answer: 0.1 + 0.2 }, '0.3').isCorrect).toBe(true)
  })
})

describe('checkAnswer: short text', () => {
  const half: CheckableTask = { kind: 'short_text', answer: ['one half', 'a half', '1/2'] }
  const mixed: CheckableTask = { kind: 'short_text', answer: ['4 1/12'] }
  const formula: CheckableTask = { kind: 'short_text', answer: ['=SUM(C2:C9)'] }
  const accent: CheckableTask = { kind: 'short_text', answer: ['café'] }

  it.each([
    [half, 'one half', true, 'one half'],
    [half, '  One   Half ', true, 'one half'],
    [half, 'A HALF.', true, 'a half'],
    [half, '1 / 2', true, '1/2'],
    [half, 'onehalf', false, 'onehalf'],
    [half, 'half', false, 'half'],
    [half, '', false, ''],
    [half, '   ', false, ''],
    [mixed, '4 1/12', true, '4 1/12'],
    [mixed, '41/12', false, '41/12'], // the space between two numbers matters
    [formula, '=sum(c2:c9)', true, '=sum(c2:c9)'],
    [formula, '= SUM( C2 : C9 )', true, '=sum(c2:c9)'],
    [formula, 'SUM(C2:C9)', false, 'sum(c2:c9)'],
    [accent, 'cafe', true, 'cafe'], // diacritics are stripped on both sides
    [accent, 'CAFÉ', true, 'cafe'],
  ])('%j answered %j → correct %s, normalised %j', (task, submitted, isCorrect, normalised) => {
    expect(checkAnswer(task, submitted)).toEqual({ isCorrect, normalised })
  })
})

describe('normaliseText', () => {
  it.each([
    ['  Hello   World  ', 'hello world'],
    ['Ｆｕｌｌ', 'full'],
    ['naïve résumé', 'naive resume'],
    ['don’t', "don't"],
    ['“quoted”', '"quoted"'],
    ['−7, −1, 0, 3', '-7,-1,0,3'],
    ['Paris!', 'paris'],
    ['Really?!', 'really'],
    ['a\tb\nc', 'a b c'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseText(input)).toBe(expected)
  })
})

describe('parseNumberAnswer', () => {
  it.each([
    ['0', 0],
    ['-0.5', -0.5],
    ['5.', 5],
    ['1 000 000', 1_000_000],
    ['1 00', null],
    ['1/4', null],
    ['-1 1/2', null],
    ['-12 345,5', -12345.5],
    ['1\u00a0000', 1000], // a no-break space groups thousands too
    ['abc', null],
    ['1,2,3', null],
    ['--1', null],
  ])('%j → %s', (input, expected) => {
    expect(parseNumberAnswer(input)).toBe(expected)
  })
})

describe('malformed stored tasks', () => {
  it.each<[CheckableTask]>([
    [{ kind: 'multiple_choice', answer: 'b' }],
    [{ kind: 'multiple_choice', answer: [] }],
    [{ kind: 'numeric', answer: '3' }],
    [{ kind: 'short_text', answer: 'yes' }],
    [{ kind: 'essay' as 'numeric', answer: 1 }],
  ])('%j throws, since the sync should never have stored it', (task) => {
    expect(() => checkAnswer(task, '1')).toThrow(MalformedTaskError)
  })
})

describe('describeAnswer', () => {
  it.each([
    [single, '3/6'],
    [several, 'a; c; d'],
    [{ kind: 'numeric', answer: 4.08, tolerance: 0.005 } as CheckableTask, '4.08 (± 0.005)'],
    [{ kind: 'numeric', answer: -7 } as CheckableTask, '-7'],
    [{ kind: 'short_text', answer: ['3/4', '0.75'] } as CheckableTask, '3/4'],
  ])('%j → %j', (task, expected) => {
    expect(describeAnswer(task)).toBe(expected)
  })
})
