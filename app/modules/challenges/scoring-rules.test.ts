import { describe, expect, it } from 'vitest'
import {
  type MemoryCard,
  RETENTION_HORIZON_DAYS,
  WHOLE_CATALOGUE,
  cardRecall,
  conceptsInScope,
  formatScore,
  retainedMemory,
  retentionInstant,
  taskInScope,
} from './scoring-rules'

const DAY = 24 * 60 * 60 * 1000
const start = new Date('2026-03-01T00:00:00Z')
const end = new Date('2026-03-08T00:00:00Z')
/** Recall is predicted at end + 7 days = 2026-03-15T00:00Z. */
const at = retentionInstant(end)

/** An FSRS card of task `taskId` reviewed `daysBeforeRetention` days before the retention instant. */
function card(
  taskId: string,
  stability: number,
  daysBeforeRetention: number,
  over: Partial<MemoryCard> = {},
): MemoryCard {
  return {
    taskId,
    topicId: 'topic-a',
    concepts: ['c.one'],
    stability,
    difficulty: 5,
    lastReview: new Date(at.getTime() - daysBeforeRetention * DAY),
    reps: 3,
    state: 'review',
    scheduledDays: Math.round(stability),
    scheduler: 'fsrs',
    ...over,
  }
}

describe('scope', () => {
  it.each([
    { scope: WHOLE_CATALOGUE, task: { topicId: 't1', concepts: ['a'] }, inScope: true },
    { scope: { topicIds: ['t1'], concepts: null }, task: { topicId: 't1', concepts: [] }, inScope: true },
    { scope: { topicIds: ['t2'], concepts: null }, task: { topicId: 't1', concepts: ['a'] }, inScope: false },
    { scope: { topicIds: null, concepts: ['a'] }, task: { topicId: 't9', concepts: ['b', 'a'] }, inScope: true },
    { scope: { topicIds: null, concepts: ['a'] }, task: { topicId: 't9', concepts: ['b'] }, inScope: false },
    { scope: { topicIds: ['t1'], concepts: ['a'] }, task: { topicId: 't2', concepts: ['a'] }, inScope: false },
  ])('$task.topicId $task.concepts in $scope → $inScope', ({ scope, task, inScope }) => {
    expect(taskInScope(task, scope)).toBe(inScope)
  })

  it('sums only the named concepts of a task, each once', () => {
    expect(conceptsInScope(['a', 'b', 'a'], WHOLE_CATALOGUE)).toEqual(['a', 'b'])
    expect(conceptsInScope(['a', 'b'], { topicIds: null, concepts: ['b', 'z'] })).toEqual(['b'])
  })
})

describe('retained memory', () => {
  it(`predicts recall ${RETENTION_HORIZON_DAYS} days after the end`, () => {
    expect(at.toISOString()).toBe('2026-03-15T00:00:00.000Z')
  })

  // FSRS-6 forgetting curve (ts-fsrs 5, default decay d = 0.1542): R(t, S) = (1 + F·t/S)^(−d) with
  // F = 0.9^(−1/d) − 1 = 0.98034649, t in whole days since the last review. By construction R(S, S) = 0.9.
  //   R(0, S)   = 1
  //   R(10, 10) = 0.9
  //   R(12, 4)  = (1 + 0.98034649·3)^(−0.1542)   = 3.94103948^(−0.1542) = 0.80939
  //   R(8, 2)   = (1 + 0.98034649·4)^(−0.1542)   = 4.92138597^(−0.1542) = 0.78213
  //   R(7, 0.5) = (1 + 0.98034649·14)^(−0.1542)  = 14.7248509^(−0.1542) = 0.66052 (7.5 days: whole days count)
  it.each([
    { name: 'reviewed at the retention instant', stability: 10, days: 0, recall: 1 },
    { name: 'one stability ago', stability: 10, days: 10, recall: 0.9 },
    { name: 'three stabilities ago', stability: 4, days: 12, recall: 0.80939 },
    { name: 'four stabilities ago', stability: 2, days: 8, recall: 0.78213 },
    { name: 'crammed (S = 0.5) the evening before the end', stability: 0.5, days: 7.5, recall: 0.66052 },
  ])('card recall: $name → $recall', ({ stability, days, recall }) => {
    expect(cardRecall(card('t', stability, days), at)).toBeCloseTo(recall, 5)
  })

  it('gives nothing for a card never answered', () => {
    expect(cardRecall(card('t', 0, 3, { reps: 0, lastReview: null, state: 'new' }), at)).toBe(0)
  })

  it.each([
    {
      name: 'one concept, two cards: the mean',
      // c.one: (0.9 + 0.80939) / 2 = 0.854695 → 855
      cards: [card('t1', 10, 10), card('t2', 4, 12)],
      score: 855,
    },
    {
      name: 'two concepts: the sum of their recall',
      // t1 (c.one) 0.9, t2 (c.one and c.two) 0.80939, t3 (c.two) 0.9:
      // c.one = (0.9 + 0.80939) / 2 = 0.854695, c.two = (0.80939 + 0.9) / 2 = 0.854695 → 1709.39 → 1709
      cards: [
        card('t1', 10, 10),
        card('t2', 4, 12, { concepts: ['c.one', 'c.two'] }),
        card('t3', 10, 10, { concepts: ['c.two'] }),
      ],
      score: 1709,
    },
    {
      name: 'cards reviewed before the window or outside the scope do not count',
      cards: [
        card('t1', 10, 10),
        card('old', 40, 40, { lastReview: new Date(start.getTime() - DAY) }),
        card('other', 10, 10, { topicId: 'topic-b', concepts: ['c.three'] }),
      ],
      scope: { topicIds: ['topic-a'], concepts: null },
      score: 900,
    },
    {
      // Spaced practice builds stability 10 by a review 3 days before the end (10 days before
      // the retention instant) → 0.9; cramming the last evening leaves S = 0.5, 7.5 days → 0.66052:
      // 0.9 + 0.66052 = 1.56052 → 1561.
      name: 'spaced practice beats cramming the last evening',
      cards: [card('spaced', 10, 10, { concepts: ['spaced'] }), card('crammed', 0.5, 7.5, { concepts: ['crammed'] })],
      score: 1561,
    },
    { name: 'no card', cards: [], score: 0 },
  ])('$name', ({ cards, score, scope }) => {
    expect(retainedMemory(cards, { scope: scope ?? WHOLE_CATALOGUE, startDate: start, endDate: end }).score).toBe(score)
  })

  it('reads a stage card by its interval (recall 0.9 at the interval)', () => {
    const stage = card('s', 0, 7, { scheduler: 'stages', scheduledDays: 7, stability: 0 })
    expect(cardRecall(stage, at)).toBeCloseTo(0.9, 5)
  })

  it('shows retention scores as recall sums', () => {
    expect(formatScore('retention', 1709)).toBe('1.71')
    expect(formatScore('xp', 120)).toBe('120')
  })
})
