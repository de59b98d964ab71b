/**
 * The due-review queue across topics and a task's history (issue 4, items 3 and 5).
 *
 * The queue: the learner's cards due now, oldest due first, at most the daily review
 * cap minus the reviews already done today (buildReviewQueue). A review is an answer
 * to a card that had been answered before: a ReviewLog row whose state (the card's
 * state before the answer) is not `new`. "Today" is the learner's day (utils/time.ts).
 */
import { visibleTaskWhere } from '~/modules/content/own-tasks.server'
import { serverNow } from '~/utils/clock.server'
import type { CardState, TaskKind } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { NotFound } from '~/utils/errors.server'
import { addDays, dayStartInstant, learnerDay } from '~/utils/time'
import { DEFAULT_DAILY_REVIEW_CAP, buildReviewQueue } from './scheduling'

export interface LearnerClock {
  timeZone: string
  dayStartHour: number
  /** the learner's day key now */
  today: string
}

/** The learner's time zone, day-start hour and today's day key. */
export async function learnerClock(userId: string, now = serverNow()): Promise<LearnerClock> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { timezone: true, dayStartHour: true },
  })
  return {
    timeZone: user.timezone,
    dayStartHour: user.dayStartHour,
    today: learnerDay(now, user.timezone, user.dayStartHour),
  }
}

/** Reviews (answers to cards that were not new) the learner made during the learner day `today`. */
export async function reviewsDoneOn(userId: string, clock: LearnerClock): Promise<number> {
  const from = dayStartInstant(clock.today, clock.timeZone, clock.dayStartHour)
  const to = dayStartInstant(addDays(clock.today, 1), clock.timeZone, clock.dayStartHour)
  return prisma.reviewLog.count({ where: { userId, state: { not: 'new' }, review: { gte: from, lt: to } } })
}

export interface DueReview {
  taskId: string
  kind: TaskKind
  prompt: string
  topic: { slug: string; title: string }
  /** ISO instant the card became due */
  due: string
  /** the learner day it became due */
  dueDay: string
}

export interface ReviewQueue {
  today: string
  /** reviews offered per day at most */
  cap: number
  reviewedToday: number
  /** cards due now, offered or not */
  dueNow: number
  /** the reviews to do now, oldest due first */
  reviews: DueReview[]
  /** due cards held back by the cap: they come first on a later day */
  moreTomorrow: number
  capReached: boolean
  /** ISO instant the next card not yet due comes due; null when there is none */
  nextDue: string | null
}

const activeCard = (userId: string, topicId?: string) => ({
  userId,
  ...(topicId ? { topicId } : {}),
  task: { active: true, ...visibleTaskWhere(userId), topic: { active: true, subject: { active: true } } },
})

/** How many of the learner's cards are due now (the queue's `dueNow`, without the rows). */
export function dueReviewCount(userId: string, now: Date): Promise<number> {
  return prisma.reviewCard.count({ where: { ...activeCard(userId), due: { lte: now } } })
}

export async function reviewQueue(
  userId: string,
  { now = serverNow(), cap = DEFAULT_DAILY_REVIEW_CAP, topicId }: { now?: Date; cap?: number; topicId?: string } = {},
): Promise<ReviewQueue> {
  const clock = await learnerClock(userId, now)
  const reviewedToday = await reviewsDoneOn(userId, clock)
  const room = Math.max(0, cap - reviewedToday)
  const dueWhere = { ...activeCard(userId, topicId), due: { lte: now } }
  const [dueNow, rows, upcoming] = await Promise.all([
    prisma.reviewCard.count({ where: dueWhere }),
    room === 0
      ? []
      : prisma.reviewCard.findMany({
          where: dueWhere,
          select: {
            taskId: true,
            topicId: true,
            due: true,
            task: { select: { kind: true, prompt: true } },
            topic: { select: { slug: true, title: true } },
          },
          orderBy: [{ due: 'asc' }, { taskId: 'asc' }],
          take: room,
        }),
    prisma.reviewCard.findFirst({
      where: { ...activeCard(userId, topicId), due: { gt: now } },
      select: { due: true },
      orderBy: { due: 'asc' },
    }),
  ])
  const reviews = buildReviewQueue(rows, { now, cap, reviewedToday }).map((c) => ({
    taskId: c.taskId,
    kind: c.task.kind,
    prompt: c.task.prompt,
    topic: c.topic,
    due: c.due.toISOString(),
    dueDay: learnerDay(c.due, clock.timeZone, clock.dayStartHour),
  }))
  return {
    today: clock.today,
    cap,
    reviewedToday,
    dueNow,
    reviews,
    moreTomorrow: dueNow - reviews.length,
    capReached: dueNow > reviews.length,
    nextDue: upcoming?.due.toISOString() ?? null,
  }
}

export interface TaskHistory {
  task: { id: string; prompt: string; topic: { slug: string; title: string } }
  attempts: Array<{
    attemptId: string
    /** ISO instant */
    answeredAt: string
    /** the learner day it counted towards */
    day: string
    /** what the learner submitted */
    answer: string | null
    isCorrect: boolean
    hintUsed: boolean
    xpEarned: number
    multiplier: number
    nextReviewDay: string | null
    reviewCount: number
    masteryLevel: number
  }>
  summary: { attempts: number; correct: number; xpEarned: number }
  card: { due: string; state: CardState; reps: number; lapses: number } | null
}

/** The learner's own attempts of one task, newest first. NotFound for an unknown task. */
export async function taskHistory(userId: string, taskId: string): Promise<TaskHistory> {
  const task = await prisma.task.findFirst({
    where: { id: taskId, ...visibleTaskWhere(userId) },
    select: { id: true, prompt: true, topic: { select: { slug: true, title: true } } },
  })
  if (!task) throw new NotFound('There is no such task.')
  const [attempts, card] = await Promise.all([
    prisma.userTaskAttempt.findMany({
      where: { userId, taskId },
      select: {
        attemptId: true,
        completedAt: true,
        dayKey: true,
        answer: true,
        isCorrect: true,
        hintUsed: true,
        xpEarned: true,
        multiplier: true,
        nextReviewDate: true,
        reviewCount: true,
        masteryLevel: true,
      },
      orderBy: [{ completedAt: 'desc' }, { id: 'desc' }],
    }),
    prisma.reviewCard.findUnique({
      where: { userId_taskId: { userId, taskId } },
      select: { due: true, state: true, reps: true, lapses: true },
    }),
  ])
  return {
    task,
    attempts: attempts.map((a) => ({
      attemptId: a.attemptId,
      answeredAt: a.completedAt.toISOString(),
      day: a.dayKey,
      answer: typeof a.answer === 'string' ? a.answer : a.answer === null ? null : JSON.stringify(a.answer),
      isCorrect: a.isCorrect,
      hintUsed: a.hintUsed,
      xpEarned: a.xpEarned,
      multiplier: a.multiplier,
      nextReviewDay: a.nextReviewDate,
      reviewCount: a.reviewCount,
      masteryLevel: a.masteryLevel,
    })),
    summary: {
      attempts: attempts.length,
      correct: attempts.filter((a) => a.isCorrect).length,
      xpEarned: attempts.reduce((sum, a) => sum + a.xpEarned, 0),
    },
    card: card ? { due: card.due.toISOString(), state: card.state, reps: card.reps, lapses: card.lapses } : null,
  }
}
