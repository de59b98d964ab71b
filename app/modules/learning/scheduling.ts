/**
 * Review scheduling rules (docs/scheduling.md): FSRS through ts-fsrs, or the fixed stage
 * schedule of seed 000, and the due-review queue. Pure: the caller loads a ReviewCard row,
 * calls a rule and writes the returned fields back 1:1.
 */
import { type Card, type Grade, type ReviewLog as FsrsLog, fsrs, generatorParameters, Rating, State } from 'ts-fsrs'
import type { CardState, ReviewCard, ReviewLog, Scheduler } from '~/generated/prisma/client'
import { addDays, daysBetween, dayStartInstant, learnerDay } from '~/utils/time'

export type ReviewGrade = 'again' | 'hard' | 'good'

/** The ReviewCard columns the schedulers read and write. */
export type CardFields = Pick<
  ReviewCard,
  | 'due'
  | 'stability'
  | 'difficulty'
  | 'elapsedDays'
  | 'scheduledDays'
  | 'learningSteps'
  | 'reps'
  | 'lapses'
  | 'state'
  | 'lastReview'
  | 'stage'
  | 'nextReviewDate'
>

/**
 * The ReviewLog columns of one review: the card as it was BEFORE the review, with ts-fsrs
 * semantics — `due` is the card's previous scheduling instant (its lastReview, or its due when it
 * was new), from which ts-fsrs `rollback` restores lastReview.
 */
export type ReviewLogFields = Pick<
  ReviewLog,
  | 'rating'
  | 'state'
  | 'due'
  | 'stability'
  | 'difficulty'
  | 'elapsedDays'
  | 'lastElapsedDays'
  | 'scheduledDays'
  | 'learningSteps'
  | 'review'
>

export type ScheduleResult = { card: CardFields; log: ReviewLogFields }

/** Which learner day an instant belongs to. */
export type DayContext = { timeZone: string; dayStartHour: number }

/**
 * FSRS settings (why: docs/scheduling.md). One 10-minute (re)learning step: a wrong answer comes
 * back within the same session, a correct first answer goes straight to a review days later.
 */
export const FSRS_PARAMETERS = generatorParameters({
  request_retention: 0.9,
  maximum_interval: 365,
  enable_fuzz: false,
  enable_short_term: true,
  learning_steps: ['10m'],
  relearning_steps: ['10m'],
})

const scheduler = fsrs(FSRS_PARAMETERS)

/** Reviews a learner is offered per day at most (answers beyond it still count). */
export const DEFAULT_DAILY_REVIEW_CAP = 50

/** The ts-fsrs Rating of each grade (the number stored in ReviewLog.rating). */
export const RATING: Record<ReviewGrade, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
}

const TO_FSRS_STATE: Record<CardState, State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
}
const FROM_FSRS_STATE: Record<State, CardState> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
}

/** Wrong → Again; correct → Good; correct after a hint → Hard. */
export function gradeFor({ isCorrect, hintUsed }: { isCorrect: boolean; hintUsed: boolean }): ReviewGrade {
  if (!isCorrect) return 'again'
  return hintUsed ? 'hard' : 'good'
}

/** A card nobody has answered yet: due now, state new, no stage schedule. */
export function newCardFields(now: Date): CardFields {
  return {
    due: now,
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    state: 'new',
    lastReview: null,
    stage: 0,
    nextReviewDate: null,
  }
}

function toFsrsCard(card: CardFields): Card {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: TO_FSRS_STATE[card.state],
    last_review: card.lastReview ?? undefined,
  }
}

function fromFsrsLog(log: FsrsLog): ReviewLogFields {
  return {
    rating: log.rating,
    state: FROM_FSRS_STATE[log.state],
    due: log.due,
    stability: log.stability,
    difficulty: log.difficulty,
    elapsedDays: log.elapsed_days,
    lastElapsedDays: log.last_elapsed_days,
    scheduledDays: log.scheduled_days,
    learningSteps: log.learning_steps,
    review: log.review,
  }
}

/** One FSRS review at `now`. Stage fields are carried over untouched. */
export function scheduleFsrs(card: CardFields, now: Date, grade: ReviewGrade): ScheduleResult {
  const input = toFsrsCard(card)
  // A card without FSRS memory (e.g. kept from a `stages` topic) starts its FSRS life as new.
  if (card.state !== 'new' && !(card.stability > 0)) Object.assign(input, { state: State.New, learning_steps: 0 })
  const { card: next, log } = scheduler.next(input, now, RATING[grade])
  return {
    card: {
      due: next.due,
      stability: next.stability,
      difficulty: next.difficulty,
      elapsedDays: next.elapsed_days,
      scheduledDays: next.scheduled_days,
      learningSteps: next.learning_steps,
      reps: next.reps,
      lapses: next.lapses,
      state: FROM_FSRS_STATE[next.state],
      lastReview: next.last_review ?? now,
      stage: card.stage,
      nextReviewDate: card.nextReviewDate,
    },
    log: fromFsrsLog(log),
  }
}

/**
 * The seed-000 stage rule on its own (also usable for UserTopicXp.srsStage): correct → stage + 1,
 * next review after `reviewIntervals[stage]` days (the stage BEFORE the increment; beyond the last
 * interval the stage stops at `reviewIntervals.length` and the last interval repeats); wrong →
 * stage 0, due tomorrow.
 */
export function nextStage(
  stage: number,
  {
    isCorrect,
    todayKey,
    reviewIntervals,
  }: { isCorrect: boolean; todayKey: string; reviewIntervals: readonly number[] },
): { stage: number; intervalDays: number; nextReviewDate: string } {
  if (!isCorrect) return { stage: 0, intervalDays: 1, nextReviewDate: addDays(todayKey, 1) }
  const last = reviewIntervals.length - 1
  const raw = last < 0 ? 1 : reviewIntervals[Math.min(Math.max(stage, 0), last)]
  const intervalDays = raw !== undefined && Number.isFinite(raw) ? Math.max(1, Math.round(raw)) : 1
  return {
    stage: Math.min(Math.max(stage, 0) + 1, Math.max(reviewIntervals.length, 1)),
    intervalDays,
    nextReviewDate: addDays(todayKey, intervalDays),
  }
}

/**
 * One review of a card of a `stages` topic. Besides the stage and day it sets `due` to the start
 * of the learner's due day, so one queue ordered by `due` serves both schedulers, and keeps
 * reps/lapses/state/lastReview meaningful (a lapse = a wrong answer to a card past stage 0).
 */
export function scheduleStages(
  card: CardFields,
  opts: {
    now: Date
    isCorrect: boolean
    hintUsed?: boolean
    todayKey: string
    reviewIntervals: readonly number[]
  } & DayContext,
): ScheduleResult {
  const { now, isCorrect, todayKey, timeZone, dayStartHour } = opts
  const step = nextStage(card.stage, opts)
  const elapsedDays = card.lastReview
    ? Math.max(0, daysBetween(learnerDay(card.lastReview, timeZone, dayStartHour), todayKey))
    : 0
  const lapsed = !isCorrect && card.stage > 0
  return {
    card: {
      due: dayStartInstant(step.nextReviewDate, timeZone, dayStartHour),
      stability: card.stability,
      difficulty: card.difficulty,
      elapsedDays,
      scheduledDays: step.intervalDays,
      learningSteps: 0,
      reps: card.reps + 1,
      lapses: card.lapses + (lapsed ? 1 : 0),
      state: isCorrect ? 'review' : lapsed || card.state === 'relearning' ? 'relearning' : 'learning',
      lastReview: now,
      stage: step.stage,
      nextReviewDate: step.nextReviewDate,
    },
    log: {
      rating: RATING[gradeFor({ isCorrect, hintUsed: opts.hintUsed ?? false })],
      state: card.state,
      due: card.lastReview ?? card.due,
      stability: card.stability,
      difficulty: card.difficulty,
      elapsedDays,
      lastElapsedDays: card.elapsedDays,
      scheduledDays: card.scheduledDays,
      learningSteps: card.learningSteps,
      review: now,
    },
  }
}

/**
 * Whether answering now counts as an early review (the XP "early" multiplier): the card is due on
 * a later learner day than today. A card never answered before is not early. FSRS compares the
 * learner day of `due` (pass `dueDayKey` if already computed); stages compare `nextReviewDate`.
 */
export function isAnsweredBeforeDue(
  card: Pick<CardFields, 'due' | 'reps' | 'lastReview' | 'nextReviewDate'>,
  opts: { todayKey: string; scheduler: Scheduler } & ({ dueDayKey: string } | DayContext),
): boolean {
  if (card.reps === 0 || card.lastReview === null) return false
  if (opts.scheduler === 'stages') return card.nextReviewDate !== null && card.nextReviewDate > opts.todayKey
  const dueDay = 'dueDayKey' in opts ? opts.dueDayKey : learnerDay(card.due, opts.timeZone, opts.dayStartHour)
  return dueDay > opts.todayKey
}

/**
 * Predicted probability (0..1) that the learner recalls the task at `now`; 0 for a card never
 * answered. FSRS cards: ts-fsrs retrievability. Stage cards: a proxy that treats the stage
 * interval as the FSRS stability (by definition the interval at which recall is 90 %), so recall
 * is above 0.9 before the due day and decays on the same curve after it.
 */
export function recallProbability(card: CardFields, now: Date, kind: Scheduler = 'fsrs'): number {
  if (card.reps === 0 || card.lastReview === null) return 0
  const fsrsCard = toFsrsCard(card)
  if (kind === 'stages') {
    fsrsCard.state = State.Review
    fsrsCard.stability = Math.max(1, card.scheduledDays)
  }
  if (!(fsrsCard.stability > 0)) return 0
  const r = scheduler.get_retrievability(fsrsCard, now, false)
  return Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0
}

/**
 * The reviews to offer now: cards due at or before `now`, oldest due first (ties by task id), at
 * most `cap - reviewedToday` of them. Cards left out stay due and come first on a later day.
 */
export function buildReviewQueue<C extends { taskId: string; topicId: string; due: Date }>(
  cards: readonly C[],
  { now, cap = DEFAULT_DAILY_REVIEW_CAP, reviewedToday }: { now: Date; cap?: number; reviewedToday: number },
): C[] {
  const room = Math.max(0, cap - reviewedToday)
  if (room === 0) return []
  return cards
    .filter((c) => c.due.getTime() <= now.getTime())
    .sort((a, b) => a.due.getTime() - b.due.getTime() || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0))
    .slice(0, room)
}
