import { Rating } from 'ts-fsrs'
import { describe, expect, it } from 'vitest'
import { dayStartInstant, learnerDay } from '~/utils/time'
import {
  type CardFields,
  DEFAULT_DAILY_REVIEW_CAP,
  buildReviewQueue,
  gradeFor,
  isAnsweredBeforeDue,
  newCardFields,
  nextStage,
  recallProbability,
  scheduleFsrs,
  scheduleStages,
} from './scheduling'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const at = (iso: string) => new Date(iso)
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms)
const BERLIN = { timeZone: 'Europe/Berlin', dayStartHour: 4 }

describe('gradeFor', () => {
  it.each([
    [false, false, 'again'],
    [false, true, 'again'],
    [true, false, 'good'],
    [true, true, 'hard'],
  ] as const)('correct=%s hint=%s → %s', (isCorrect, hintUsed, grade) => {
    expect(gradeFor({ isCorrect, hintUsed })).toBe(grade)
  })
})

describe('scheduleFsrs', () => {
  const now = at('2025-03-03T09:00:00Z')
  const fresh = newCardFields(now)

  it('a new card starts empty and due now', () => {
    expect(fresh).toMatchObject({
      due: now,
      state: 'new',
      reps: 0,
      lapses: 0,
      stability: 0,
      lastReview: null,
      stage: 0,
    })
  })

  // Deterministic (fuzz off): one 10-minute learning step, FSRS-6 default weights.
  it.each([
    ['again', Rating.Again, 'learning', 10 * MINUTE, 0, 0.212, 6.4133],
    ['hard', Rating.Hard, 'learning', 15 * MINUTE, 0, 1.2931, 5.1122],
    ['good', Rating.Good, 'review', 2 * DAY, 2, 2.3065, 2.1181],
  ] as const)(
    'new card graded %s (rating %d) → %s, due after %d ms',
    (grade, rating, state, afterMs, scheduledDays, stability, difficulty) => {
      const { card, log } = scheduleFsrs(fresh, now, grade)
      expect(card.state).toBe(state)
      expect(card.due).toEqual(plus(now, afterMs))
      expect(card.scheduledDays).toBe(scheduledDays)
      expect(card.stability).toBeCloseTo(stability, 4)
      expect(card.difficulty).toBeCloseTo(difficulty, 4)
      expect(card).toMatchObject({ reps: 1, lapses: 0, lastReview: now, stage: 0, nextReviewDate: null })
      // the log is the card BEFORE the review; its rating is the ts-fsrs Rating of the grade
      expect(log).toMatchObject({ rating, state: 'new', due: now, stability: 0, difficulty: 0, review: now })
    },
  )

  it('orders a new card again < hard < good', () => {
    const due = (g: 'again' | 'hard' | 'good') => scheduleFsrs(fresh, now, g).card.due.getTime()
    expect(due('again')).toBeLessThan(due('hard'))
    expect(due('hard')).toBeLessThan(due('good'))
  })

  const learnt = scheduleFsrs(fresh, now, 'good').card
  const reviewed = scheduleFsrs(learnt, learnt.due, 'good')

  it('a correct review on the due day lengthens the interval (2 → 11 days)', () => {
    expect(reviewed.card).toMatchObject({ state: 'review', reps: 2, lapses: 0, scheduledDays: 11, elapsedDays: 2 })
    expect(reviewed.card.due).toEqual(at('2025-03-16T09:00:00Z'))
    expect(reviewed.card.stability).toBeCloseTo(10.9643, 4)
    expect(reviewed.log).toMatchObject({
      rating: Rating.Good,
      state: 'review',
      due: now,
      scheduledDays: 2,
      lastElapsedDays: 0,
    })
    expect(reviewed.log.stability).toBeCloseTo(2.3065, 4)
  })

  it('a review card forgotten goes to relearning for 10 minutes with one more lapse', () => {
    const card = reviewed.card
    const { card: next, log } = scheduleFsrs(card, card.due, 'again')
    expect(next).toMatchObject({ state: 'relearning', reps: 3, lapses: 1, scheduledDays: 0 })
    expect(next.due).toEqual(plus(card.due, 10 * MINUTE))
    expect(next.stability).toBeLessThan(card.stability)
    expect(log).toMatchObject({ rating: Rating.Again, state: 'review', review: card.due })
    const relearnt = scheduleFsrs(next, next.due, 'good').card
    expect(relearnt).toMatchObject({ state: 'review', lapses: 1, reps: 4 })
  })

  it.each([
    ['again', 'relearning', 0],
    ['hard', 'review', 32],
    ['good', 'review', 46],
  ] as const)('the 11-day card reviewed on its due day, graded %s → %s for %i days', (grade, state, scheduledDays) => {
    const card = reviewed.card
    expect(scheduleFsrs(card, card.due, grade).card).toMatchObject({ state, scheduledDays })
  })

  it('orders a due review card again < hard < good', () => {
    const card = reviewed.card
    const due = (g: 'again' | 'hard' | 'good') => scheduleFsrs(card, card.due, g).card.due.getTime()
    expect(due('again')).toBeLessThan(due('hard'))
    expect(due('hard')).toBeLessThan(due('good'))
  })

  it('a wrong first answer graduates (1 day) after a right one 10 minutes later', () => {
    const wrong = scheduleFsrs(fresh, now, 'again').card
    const right = scheduleFsrs(wrong, wrong.due, 'good').card
    expect(right).toMatchObject({ state: 'review', reps: 2, lapses: 0, scheduledDays: 1 })
    expect(right.due).toEqual(plus(wrong.due, DAY))
  })

  it('keeps stage fields untouched', () => {
    const staged: CardFields = { ...fresh, stage: 3, nextReviewDate: '2025-03-10' }
    expect(scheduleFsrs(staged, now, 'good').card).toMatchObject({ stage: 3, nextReviewDate: '2025-03-10' })
  })

  it('a card without FSRS memory (from a stages topic) starts over as new instead of NaN', () => {
    const staged: CardFields = { ...fresh, state: 'review', reps: 4, lastReview: plus(now, -3 * DAY), stage: 3 }
    const { card } = scheduleFsrs(staged, now, 'good')
    expect(card.state).toBe('review')
    expect(card.stability).toBeCloseTo(2.3065, 4)
    expect(card.due).toEqual(plus(now, 2 * DAY))
  })
})

describe('nextStage and scheduleStages (seed 000 stages)', () => {
  const intervals = [1, 3, 7, 14, 30]
  const todayKey = '2025-03-03'

  it.each([
    [0, 1, 1, '2025-03-04'],
    [1, 2, 3, '2025-03-06'],
    [2, 3, 7, '2025-03-10'],
    [3, 4, 14, '2025-03-17'],
    [4, 5, 30, '2025-04-02'],
    [5, 5, 30, '2025-04-02'], // past the last interval: stays at the end, last interval repeats
    [9, 5, 30, '2025-04-02'], // stage left over after the content shortened its intervals
  ])('correct at stage %i → stage %i, %i day(s) later', (stage, nextStageNo, intervalDays, nextReviewDate) => {
    expect(nextStage(stage, { isCorrect: true, todayKey, reviewIntervals: intervals })).toEqual({
      stage: nextStageNo,
      intervalDays,
      nextReviewDate,
    })
  })

  it.each([0, 1, 2, 3, 4, 5])('wrong at stage %i → stage 0, due tomorrow', (stage) => {
    expect(nextStage(stage, { isCorrect: false, todayKey, reviewIntervals: intervals })).toEqual({
      stage: 0,
      intervalDays: 1,
      nextReviewDate: '2025-03-04',
    })
  })

  it('an empty interval list falls back to one day', () => {
    expect(nextStage(0, { isCorrect: true, todayKey, reviewIntervals: [] })).toEqual({
      stage: 1,
      intervalDays: 1,
      nextReviewDate: '2025-03-04',
    })
  })

  const now = at('2025-03-03T09:00:00Z')

  it('a correct answer to a new card: stage 1, due at the start of tomorrow (04:00 Berlin)', () => {
    const { card, log } = scheduleStages(newCardFields(now), {
      now,
      isCorrect: true,
      todayKey,
      reviewIntervals: intervals,
      ...BERLIN,
    })
    expect(card).toMatchObject({
      stage: 1,
      nextReviewDate: '2025-03-04',
      state: 'review',
      reps: 1,
      lapses: 0,
      scheduledDays: 1,
      lastReview: now,
      elapsedDays: 0,
    })
    expect(card.due).toEqual(at('2025-03-04T03:00:00Z'))
    expect(log).toMatchObject({ rating: Rating.Good, state: 'new', due: now, review: now })
  })

  it('the due instant is the learner day start, also across the spring DST night', () => {
    const { card } = scheduleStages(newCardFields(now), {
      now,
      isCorrect: true,
      todayKey: '2025-03-29',
      reviewIntervals: intervals,
      ...BERLIN,
    })
    expect(card.due).toEqual(at('2025-03-30T02:00:00Z')) // 04:00 CEST
    expect(card.due).toEqual(dayStartInstant('2025-03-30', BERLIN.timeZone, BERLIN.dayStartHour))
    expect(learnerDay(card.due, BERLIN.timeZone, BERLIN.dayStartHour)).toBe('2025-03-30')
  })

  it('a wrong answer past stage 0 is a lapse: stage 0, relearning, due tomorrow', () => {
    const card: CardFields = {
      ...newCardFields(now),
      state: 'review',
      reps: 3,
      stage: 3,
      nextReviewDate: '2025-03-03',
      scheduledDays: 7,
      lastReview: at('2025-02-24T10:00:00Z'),
    }
    const { card: next, log } = scheduleStages(card, {
      now,
      isCorrect: false,
      todayKey,
      reviewIntervals: intervals,
      ...BERLIN,
    })
    expect(next).toMatchObject({
      stage: 0,
      nextReviewDate: '2025-03-04',
      state: 'relearning',
      reps: 4,
      lapses: 1,
      elapsedDays: 7,
      scheduledDays: 1,
    })
    expect(log).toMatchObject({ rating: Rating.Again, state: 'review', due: card.lastReview, scheduledDays: 7 })
  })

  it('a wrong first answer is no lapse', () => {
    const { card } = scheduleStages(newCardFields(now), {
      now,
      isCorrect: false,
      todayKey,
      reviewIntervals: intervals,
      ...BERLIN,
    })
    expect(card).toMatchObject({ stage: 0, state: 'learning', lapses: 0, reps: 1 })
  })

  it('logs a correct answer after a hint as Hard', () => {
    const { log } = scheduleStages(newCardFields(now), {
      now,
      isCorrect: true,
      hintUsed: true,
      todayKey,
      reviewIntervals: intervals,
      ...BERLIN,
    })
    expect(log.rating).toBe(Rating.Hard)
  })
})

describe('isAnsweredBeforeDue', () => {
  const todayKey = '2025-03-03'
  const seen = (over: Partial<CardFields>): CardFields => ({
    ...newCardFields(at('2025-03-01T10:00:00Z')),
    reps: 1,
    state: 'review',
    lastReview: at('2025-03-01T10:00:00Z'),
    ...over,
  })

  it.each([
    [
      'never answered, due later',
      false,
      { ...newCardFields(at('2025-03-01T10:00:00Z')), due: at('2025-03-10T10:00:00Z') },
    ],
    ['due yesterday', false, seen({ due: at('2025-03-02T10:00:00Z') })],
    ['due later today', false, seen({ due: at('2025-03-03T20:00:00Z') })],
    ['due 03:59:59 local tomorrow (still today)', false, seen({ due: at('2025-03-04T02:59:59Z') })],
    ['due 04:00 local tomorrow', true, seen({ due: at('2025-03-04T03:00:00Z') })],
    ['due next week', true, seen({ due: at('2025-03-10T03:00:00Z') })],
  ])('fsrs, %s → %s', (_label, early, card) => {
    expect(isAnsweredBeforeDue(card, { todayKey, scheduler: 'fsrs', ...BERLIN })).toBe(early)
  })

  it.each([
    ['2025-03-03', false],
    ['2025-03-04', true],
  ])('fsrs with a precomputed due day %s → %s', (dueDayKey, early) => {
    expect(isAnsweredBeforeDue(seen({}), { todayKey, scheduler: 'fsrs', dueDayKey })).toBe(early)
  })

  it.each([
    ['never answered', false, { ...newCardFields(at('2025-03-01T10:00:00Z')), nextReviewDate: '2025-03-10' }],
    ['due yesterday', false, seen({ nextReviewDate: '2025-03-02' })],
    ['due today', false, seen({ nextReviewDate: '2025-03-03' })],
    ['due tomorrow', true, seen({ nextReviewDate: '2025-03-04' })],
    ['answered but no stage date', false, seen({ nextReviewDate: null })],
  ])('stages, %s → %s', (_label, early, card) => {
    expect(isAnsweredBeforeDue(card, { todayKey, scheduler: 'stages', ...BERLIN })).toBe(early)
  })
})

describe('recallProbability', () => {
  const start = at('2025-03-03T09:00:00Z')
  const learnt = scheduleFsrs(newCardFields(start), start, 'good').card
  const card = scheduleFsrs(learnt, learnt.due, 'good').card // stability ≈ 10.96 days
  const after = (days: number) => recallProbability(card, plus(card.lastReview ?? start, days * DAY))

  it('is 0 for a card never answered', () => {
    expect(recallProbability(newCardFields(start), start)).toBe(0)
    expect(recallProbability(newCardFields(start), start, 'stages')).toBe(0)
  })

  it.each([
    [0, 1],
    [1, 0.9869],
    [11, 0.8998],
    [30, 0.8179],
    [60, 0.7517],
  ])('fsrs: %i days after the review → %f', (days, recall) => {
    expect(after(days)).toBeCloseTo(recall, 4)
  })

  it('decays monotonically', () => {
    const values = [0, 1, 2, 5, 10, 20, 40, 80, 160].map(after)
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1] ?? 0)
  })

  it('stages: above 0.9 before the due day, 0.9 on it, lower after', () => {
    const now = at('2025-03-03T09:00:00Z')
    const staged = scheduleStages(
      { ...newCardFields(now), stage: 2, reps: 2, state: 'review', lastReview: plus(now, -3 * DAY) },
      { now, isCorrect: true, todayKey: '2025-03-03', reviewIntervals: [1, 3, 7], ...BERLIN },
    ).card
    expect(staged.scheduledDays).toBe(7)
    const r = (days: number) => recallProbability(staged, plus(now, days * DAY), 'stages')
    expect(r(3)).toBeGreaterThan(0.9)
    expect(r(7)).toBeCloseTo(0.9, 6)
    expect(r(30)).toBeLessThan(r(7))
  })
})

describe('buildReviewQueue', () => {
  const now = at('2025-03-03T12:00:00Z')
  const cards = [
    { taskId: 'c', topicId: 't2', due: at('2025-03-03T12:00:00Z') }, // due exactly now
    { taskId: 'd', topicId: 't1', due: at('2025-03-03T12:00:01Z') }, // not yet
    { taskId: 'b', topicId: 't1', due: at('2025-03-02T08:00:00Z') },
    { taskId: 'a2', topicId: 't2', due: at('2025-03-01T08:00:00Z') },
    { taskId: 'a1', topicId: 't1', due: at('2025-03-01T08:00:00Z') }, // same instant: by task id
  ]
  const ids = (cap: number, reviewedToday: number) =>
    buildReviewQueue(cards, { now, cap, reviewedToday }).map((c) => c.taskId)

  it.each([
    [50, 0, ['a1', 'a2', 'b', 'c']],
    [3, 0, ['a1', 'a2', 'b']],
    [3, 1, ['a1', 'a2']],
    [3, 2, ['a1']],
    [3, 3, []],
    [3, 9, []],
    [0, 0, []],
  ] as const)('cap %i, %i reviewed today → %j', (cap, reviewedToday, expected) => {
    expect(ids(cap, reviewedToday)).toEqual(expected)
  })

  it('uses the default cap and keeps the caller’s objects', () => {
    expect(DEFAULT_DAILY_REVIEW_CAP).toBe(50)
    const many = Array.from({ length: 60 }, (_, i) => ({
      taskId: `t${String(i).padStart(2, '0')}`,
      topicId: 'x',
      due: plus(now, -i * DAY),
      extra: i,
    }))
    const queue = buildReviewQueue(many, { now, reviewedToday: 0 })
    expect(queue).toHaveLength(50)
    expect(queue[0]).toBe(many[59])
  })
})
