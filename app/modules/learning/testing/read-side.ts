import { randomUUID } from 'node:crypto'
import { ulid } from 'ulid'
import type { CardState, Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { submitAnswer } from '../submission.server'
import { rightAnswer } from './fixtures'

/**
 * Fixtures for the learner's read side (dashboard, subject/topic pages, progress): a subject
 * with several topics, and rows written straight to the tables the pages read. Task answers
 * follow testing/fixtures.ts (task i answers i + 1), so `rightAnswer` works here too.
 */
export async function createSubject({
  topics = 2,
  tasks = 3,
  order = 0,
  active = true,
  topic = {},
}: {
  topics?: number
  tasks?: number
  order?: number
  active?: boolean
  topic?: Partial<Prisma.TopicXpConfigUncheckedCreateInput>
} = {}) {
  const tag = randomUUID().slice(0, 8)
  const subject = await prisma.subject.create({
    data: { slug: `s-${tag}`, title: `Subject ${tag}`, order, active },
    select: { id: true, slug: true, title: true },
  })
  const made = []
  for (let t = 0; t < topics; t++) {
    const row = await prisma.topicXpConfig.create({
      data: {
        slug: `${subject.slug}-t${t}`,
        title: `Topic ${t} of ${tag}`,
        subjectId: subject.id,
        order: t,
        dailyFullTasks: 3,
        levelThresholds: [0, 100, 250, 500, 1000],
        reviewIntervals: [1, 3, 7, 14, 30],
        tags: [],
        ...topic,
      },
      select: { id: true, slug: true, title: true },
    })
    const taskIds: string[] = []
    for (let i = 0; i < tasks; i++) {
      const id = `${row.slug}.task-${String(i).padStart(3, '0')}`
      await prisma.task.create({
        data: {
          id,
          topicId: row.id,
          kind: 'numeric',
          prompt: `What is ${i} + 1?`,
          answer: i + 1,
          difficulty: 'easy',
          concepts: [`${row.slug}.c${i % 2}`],
          order: i,
        },
        select: { id: true },
      })
      taskIds.push(id)
    }
    made.push({ ...row, taskIds })
  }
  return { ...subject, topics: made }
}

export async function setClock(userId: string, timezone: string, dayStartHour = 4) {
  await prisma.user.update({ where: { id: userId }, data: { timezone, dayStartHour }, select: { id: true } })
}

/** An XP ledger entry (and the user's cached total), as an award would write it. */
export async function addXp(userId: string, dayKey: string, amount: number, topicId: string | null = null) {
  await prisma.xpLedgerEntry.create({
    data: { userId, amount, source: 'admin', sourceId: ulid(), topicId, dayKey },
    select: { id: true },
  })
  await prisma.user.update({ where: { id: userId }, data: { totalXp: { increment: amount } }, select: { id: true } })
}

export async function addCard(userId: string, taskId: string, topicId: string, due: Date, state: CardState = 'review') {
  return prisma.reviewCard.create({
    data: {
      userId,
      taskId,
      topicId,
      due,
      state,
      reps: 1,
      stability: 3,
      lastReview: new Date(due.getTime() - 3 * 86_400_000),
    },
    select: { id: true },
  })
}

/** A review (or a first answer when `state` is new) of a card at `at`. */
export async function addReviewLog(userId: string, cardId: string, at: Date, state: CardState = 'review') {
  await prisma.reviewLog.create({
    data: {
      userId,
      cardId,
      rating: 3,
      state,
      due: at,
      stability: 3,
      difficulty: 5,
      elapsedDays: 1,
      lastElapsedDays: 0,
      scheduledDays: 3,
      learningSteps: 0,
      review: at,
    },
    select: { id: true },
  })
}

export async function setStreak(
  userId: string,
  type: 'daily' | 'weekly' | 'monthly',
  state: {
    currentCount: number
    longestCount?: number
    startDate?: string
    lastActivityDate: string
    freezesHeld?: number
    isActive?: boolean
  },
) {
  const values = {
    currentCount: state.currentCount,
    longestCount: state.longestCount ?? state.currentCount,
    startDate: state.startDate ?? state.lastActivityDate,
    lastActivityDate: state.lastActivityDate,
    freezesHeld: state.freezesHeld ?? 0,
    isActive: state.isActive ?? true,
  }
  await prisma.streak.upsert({
    where: { userId_type: { userId, type } },
    create: { userId, type, ...values },
    update: values,
    select: { id: true },
  })
}

/** Answers a fixture task through the real write path. */
export function answer(
  userId: string,
  taskId: string,
  now: Date,
  { correct = true, hintUsed = false }: { correct?: boolean; hintUsed?: boolean } = {},
) {
  return submitAnswer(
    { userId, taskId, answer: correct ? rightAnswer(taskId) : '-1', attemptId: ulid(), hintUsed },
    now,
  )
}
