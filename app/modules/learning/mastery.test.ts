import { describe, expect, it } from 'vitest'
import {
  type TaskEvidence,
  assessConcept,
  attemptEvidence,
  conceptMastery,
  knowledgeGaps,
  masteryChange,
  masteryLevel,
} from './mastery'
import { type CardFields, newCardFields, recallProbability, scheduleFsrs } from './scheduling'

const DAY = 24 * 60 * 60_000
const day1 = new Date('2025-03-03T09:00:00Z')
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms)

/** A task answered right on day 1 (and, when `reviewed`, right again when it came due 2 days later). */
function practised(reviewed: boolean): CardFields {
  const first = scheduleFsrs(newCardFields(day1), day1, 'good').card
  return reviewed ? scheduleFsrs(first, first.due, 'good').card : first
}
const reviewDay = practised(true).lastReview ?? day1 // 2025-03-05T09:00Z

function evidence(
  card: CardFields,
  now: Date,
  answers: { lastCorrect: boolean; attempts: number; correctDays: number },
): TaskEvidence {
  return { recall: recallProbability(card, now), ...answers }
}
const rightOnce = (now: Date) => evidence(practised(false), now, { lastCorrect: true, attempts: 1, correctDays: 1 })
const rightTwice = (now: Date) => evidence(practised(true), now, { lastCorrect: true, attempts: 2, correctDays: 2 })
const wrongNow = (now: Date) =>
  evidence(scheduleFsrs(practised(true), now, 'again').card, now, { lastCorrect: false, attempts: 3, correctDays: 2 })

describe('conceptMastery rises with practice', () => {
  it.each([
    ['no evidence', 0, 'not_started', []],
    ['one task, wrong', 0, 'attempted', [{ recall: 1, attempts: 1, lastCorrect: false, correctDays: 0 }]],
    ['one task right', 33, 'attempted', [rightOnce(day1)]],
    ['two tasks right', 66, 'familiar', [rightOnce(day1), rightOnce(day1)]],
    ['three tasks right, all on day 1', 99, 'proficient', [rightOnce(day1), rightOnce(day1), rightOnce(day1)]],
    [
      'three tasks right again when due',
      100,
      'mastered',
      [rightTwice(reviewDay), rightTwice(reviewDay), rightTwice(reviewDay)],
    ],
  ] as const)('%s → %i %s', (_label, score, level, ev) => {
    expect(assessConcept(ev)).toEqual({ mastery: score, level })
  })
})

describe('conceptMastery fades with predicted recall (the same cards, evaluated later)', () => {
  // after two right answers FSRS puts the cards at stability ≈ 10.96 days
  it.each([
    [1, 100, 'mastered'], // recall 0.9869
    [10, 100, 'mastered'], // recall 0.9085: still at the target retention
    [11, 89, 'proficient'], // recall 0.8998: the reviews are due
    [30, 81, 'proficient'], // recall 0.8179
    [60, 75, 'familiar'], // recall 0.7517
    [365, 58, 'familiar'],
  ] as const)('%i days after the last review → %i %s', (days, score, level) => {
    const now = plus(reviewDay, days * DAY)
    expect(assessConcept([rightTwice(now), rightTwice(now), rightTwice(now)])).toEqual({ mastery: score, level })
  })

  it('a day-1 learner fades faster than one who reviewed', () => {
    const later = plus(day1, 30 * DAY)
    const once = conceptMastery([rightOnce(later), rightOnce(later), rightOnce(later)])
    const twice = conceptMastery([rightTwice(later), rightTwice(later), rightTwice(later)])
    expect(once).toBeLessThan(twice)
  })
})

describe('conceptMastery goes down on misses and needs breadth', () => {
  const now = plus(reviewDay, DAY)
  it.each([
    ['three retained, one of them now wrong', 65, [rightTwice(now), rightTwice(now), wrongNow(now)]],
    ['four tasks, one wrong', 74, [rightTwice(now), rightTwice(now), rightTwice(now), wrongNow(now)]],
    ['only two tasks answered, both retained', 65, [rightTwice(now), rightTwice(now)]],
    ['five tasks retained', 100, [rightTwice(now), rightTwice(now), rightTwice(now), rightTwice(now), rightTwice(now)]],
  ])('%s → %i', (_label, score, ev) => {
    expect(conceptMastery(ev)).toBe(score)
  })

  it.each([
    [[0.9, 0.9, 0.9], 2, 100],
    [[0.9, 0.9, 0.8999], 2, 89],
    [[0.95, 0.95, 0.95], 1, 95], // right on one day only: not retained, so not mastered
  ])('recall %j, right on %i day(s) → %i', (recalls, correctDays, score) => {
    expect(
      conceptMastery(recalls.map((recall) => ({ recall, attempts: correctDays, lastCorrect: true, correctDays }))),
    ).toBe(score)
  })

  it.each([
    [1, 'its task right on day 1', 99, [rightOnce(day1)]],
    [1, 'its task right again when due', 100, [rightTwice(reviewDay)]],
    [2, 'both right on day 1', 99, [rightOnce(day1), rightOnce(day1)]],
    [2, 'both right again when due', 100, [rightTwice(reviewDay), rightTwice(reviewDay)]],
    [2, 'one of them right again when due', 50, [rightTwice(reviewDay)]],
    [10, 'two right again when due', 66, [rightTwice(reviewDay), rightTwice(reviewDay)]],
  ])('a concept with %i task(s), %s → %i', (taskCount, _label, score, ev) => {
    expect(conceptMastery(ev, { taskCount })).toBe(score)
  })

  it('ignores cards without answers', () => {
    expect(assessConcept([{ recall: 0, attempts: 0, lastCorrect: false, correctDays: 0 }])).toEqual({
      mastery: 0,
      level: 'not_started',
    })
  })
})

describe('masteryLevel band edges', () => {
  it.each([
    [0, false, 'not_started'],
    [100, false, 'not_started'],
    [0, true, 'attempted'],
    [49, true, 'attempted'],
    [50, true, 'familiar'],
    [79, true, 'familiar'],
    [80, true, 'proficient'],
    [99, true, 'proficient'],
    [100, true, 'mastered'],
  ] as const)('%i (evidence: %s) → %s', (score, hasEvidence, level) => {
    expect(masteryLevel(score, hasEvidence)).toBe(level)
  })
})

describe('masteryChange', () => {
  it.each([
    ['first evidence', true, 33, null, { mastery: 33, level: 'attempted' }],
    ['first evidence, all wrong', true, 0, null, { mastery: 0, level: 'attempted' }],
    ['small move in a band', false, 4, { mastery: 33, level: 'attempted' }, { mastery: 37, level: 'attempted' }],
    ['five points', true, 5, { mastery: 33, level: 'attempted' }, { mastery: 38, level: 'attempted' }],
    ['five points down', true, -5, { mastery: 85, level: 'proficient' }, { mastery: 80, level: 'proficient' }],
    ['four points down', false, -4, { mastery: 85, level: 'proficient' }, { mastery: 81, level: 'proficient' }],
    ['one point across a band', true, -1, { mastery: 50, level: 'familiar' }, { mastery: 49, level: 'attempted' }],
    [
      'mastered fades to proficient',
      true,
      -1,
      { mastery: 100, level: 'mastered' },
      { mastery: 99, level: 'proficient' },
    ],
    ['no change', false, 0, { mastery: 66, level: 'familiar' }, { mastery: 66, level: 'familiar' }],
  ] as const)('%s → record: %s, Δ %i', (_label, record, delta, before, after) => {
    expect(masteryChange(before, after)).toMatchObject({ record, delta })
  })

  it.each([
    [true, false, 'attempt 01JATTEMPT: correct without hint on task math.fractions.add-003'],
    [true, true, 'attempt 01JATTEMPT: correct with hint on task math.fractions.add-003'],
    [false, false, 'attempt 01JATTEMPT: wrong on task math.fractions.add-003'],
  ])('evidence for correct=%s hint=%s', (isCorrect, hintUsed, text) => {
    expect(attemptEvidence({ attemptId: '01JATTEMPT', taskId: 'math.fractions.add-003', isCorrect, hintUsed })).toBe(
      text,
    )
  })
})

describe('knowledgeGaps', () => {
  const rows = [
    { concept: 'fractions.mixed', topicId: 't1', mastery: 79, level: 'familiar' },
    { concept: 'fractions.add', topicId: 't1', mastery: 40, level: 'attempted' },
    { concept: 'fractions.compare', topicId: 't1', mastery: 90, level: 'proficient' },
    { concept: 'fractions.simplify', topicId: 't1', mastery: 100, level: 'mastered' },
    { concept: 'fractions.divide', topicId: 't1', mastery: 0, level: 'not_started' },
    { concept: 'grammar.articles', topicId: 't2', mastery: 55, level: 'familiar' },
    { concept: 'grammar.tenses', topicId: 't2', mastery: 10, level: 'attempted' },
    { concept: 'grammar.cases', topicId: 't2', mastery: 40, level: 'attempted' },
    { concept: 'chemistry.bonds', topicId: 't3', mastery: 5, level: 'attempted' }, // topic not studied
    { concept: 'orphan', topicId: null, mastery: 5, level: 'attempted' },
  ] as const

  it.each([
    [10, ['grammar.tenses', 'fractions.add', 'grammar.cases', 'grammar.articles', 'fractions.mixed']],
    [3, ['grammar.tenses', 'fractions.add', 'grammar.cases']],
    [0, []],
  ])('limit %i → %j', (limit, expected) => {
    expect(knowledgeGaps(rows, ['t1', 't2'], limit).map((g) => g.concept)).toEqual(expected)
  })

  it('is empty when the learner studies none of the topics', () => {
    expect(knowledgeGaps(rows, new Set<string>(), 5)).toEqual([])
  })
})
