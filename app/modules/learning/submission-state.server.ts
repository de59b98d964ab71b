import type { MasteryLevel, Scheduler, StreakType, TaskDifficulty, TaskKind } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { learnerDay } from '~/utils/time'
import type { CardFields } from './scheduling'
import type { StreakState } from './streak-rules'
import { TOPIC_RULES_SELECT } from './topic-rules-select.server'
import type { XpTopicConfig } from './xp-rules'

/**
 * Everything one submission reads before it computes: the task and its topic's
 * rules, the learner's day, topic XP, review card, today's counts, the concepts'
 * evidence and the streaks. Rows that the write will guard carry their `version`.
 */
export interface SubmissionState {
  now: Date
  user: { id: string; timezone: string; dayStartHour: number; dailyGoal: number; activeTeamId: string | null }
  today: string
  task: {
    id: string
    kind: TaskKind
    answer: unknown
    tolerance: number | null
    choices: unknown
    difficulty: TaskDifficulty
    baseXp: number | null
    concepts: string[]
    explanation: string | null
  }
  topic: XpTopicConfig & { id: string; slug: string; title: string; scheduler: Scheduler; reviewIntervals: number[] }
  topicXp: { id: string; version: number; currentXp: number; totalXpEarned: number; dailyTasksCount: number; dailyTasksDate: string | null } | null
  card: (CardFields & { id: string; version: number }) | null
  /** correct answers to this task earlier today (k) */
  correctToTaskToday: number
  /** answers to this task before this one */
  previousAnswers: number
  /** XP the learner earned today before this answer, across topics (daily goal) */
  xpToday: number
  /** other cards of the learner in this topic: the topic's next review date */
  otherTopicDue: Date[]
  concepts: Array<{
    concept: string
    taskCount: number
    current: { mastery: number; level: MasteryLevel } | null
    /** evidence of the concept's other tasks (this task's is added by the plan) */
    otherTasks: Array<{ card: CardFields; scheduler: Scheduler; attempts: number; lastCorrect: boolean; correctDays: number }>
    /** this task's history before this answer */
    thisTask: { attempts: number; lastCorrect: boolean; correctDays: string[] }
  }>
  /** every ConceptMastery row of the learner (for the LearnerProfile snapshot) */
  allMasteries: Array<{ concept: string; topicId: string | null; mastery: number; level: MasteryLevel }>
  streaks: Record<StreakType, (StreakState & { id: string; version: number }) | null>
}

export const CARD_SELECT = {
  id: true,
  version: true,
  due: true,
  stability: true,
  difficulty: true,
  elapsedDays: true,
  scheduledDays: true,
  learningSteps: true,
  reps: true,
  lapses: true,
  state: true,
  lastReview: true,
  stage: true,
  nextReviewDate: true,
} as const

const asNumbers = (value: unknown): number[] => (Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [])
const asStrings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])

export class TaskUnavailable extends Error {}

export async function loadSubmissionState(userId: string, taskId: string, now: Date): Promise<SubmissionState> {
  const [user, task] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: { id: true, timezone: true, dayStartHour: true, dailyXpGoal: true, activeTeamId: true, activeTeam: { select: { settings: { select: { dailyXpGoal: true } } } } },
    }),
    prisma.task.findUnique({
      where: { id: taskId },
      select: {
        id: true,
        active: true,
        kind: true,
        answer: true,
        tolerance: true,
        choices: true,
        difficulty: true,
        baseXp: true,
        concepts: true,
        explanation: true,
        topic: {
          select: {
            id: true,
            slug: true,
            title: true,
            active: true,
            ...TOPIC_RULES_SELECT,
          },
        },
      },
    }),
  ])
  if (!task || !task.active || !task.topic.active) throw new TaskUnavailable(taskId)
  const today = learnerDay(now, user.timezone, user.dayStartHour)
  const { topic } = task
  const concepts = asStrings(task.concepts)

  const [topicXp, card, correctToTaskToday, previousAnswers, xpToday, topicCards, streakRows, allMasteries] = await Promise.all([
    prisma.userTopicXp.findUnique({
      where: { userId_topicId: { userId, topicId: topic.id } },
      select: { id: true, version: true, currentXp: true, totalXpEarned: true, dailyTasksCount: true, dailyTasksDate: true },
    }),
    prisma.reviewCard.findUnique({ where: { userId_taskId: { userId, taskId } }, select: CARD_SELECT }),
    prisma.userTaskAttempt.count({ where: { userId, taskId, dayKey: today, isCorrect: true } }),
    prisma.userTaskAttempt.count({ where: { userId, taskId } }),
    prisma.xpLedgerEntry.aggregate({ where: { userId, dayKey: today }, _sum: { amount: true } }),
    prisma.reviewCard.findMany({ where: { userId, topicId: topic.id, taskId: { not: taskId } }, select: { due: true } }),
    prisma.streak.findMany({
      where: { userId },
      select: { id: true, version: true, type: true, currentCount: true, longestCount: true, startDate: true, lastActivityDate: true, freezesHeld: true, isActive: true },
    }),
    prisma.conceptMastery.findMany({ where: { userId }, select: { concept: true, topicId: true, mastery: true, level: true } }),
  ])

  const streaks: SubmissionState['streaks'] = { daily: null, weekly: null, monthly: null }
  for (const row of streakRows) streaks[row.type] = row

  return {
    now,
    user: {
      id: user.id,
      timezone: user.timezone,
      dayStartHour: user.dayStartHour,
      dailyGoal: user.activeTeam?.settings?.dailyXpGoal ?? user.dailyXpGoal,
      activeTeamId: user.activeTeamId,
    },
    today,
    task: { ...task, concepts },
    topic: { ...topic, levelThresholds: asNumbers(topic.levelThresholds), reviewIntervals: asNumbers(topic.reviewIntervals) },
    topicXp,
    card,
    correctToTaskToday,
    previousAnswers,
    xpToday: xpToday._sum.amount ?? 0,
    otherTopicDue: topicCards.map((c) => c.due),
    concepts: await Promise.all(concepts.map((concept) => loadConceptEvidence(userId, taskId, concept, allMasteries))),
    allMasteries,
    streaks,
  }
}

async function loadConceptEvidence(userId: string, taskId: string, concept: string, masteries: SubmissionState['allMasteries']) {
  // Tasks whose concepts (a JSON array) name this concept.
  const tasks = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT t."id" FROM "Task" t WHERE t."active" = 1 AND EXISTS (SELECT 1 FROM json_each(t."concepts") WHERE json_each.value = ${concept})`
  const taskIds = tasks.map((t) => t.id)
  const [cards, attempts] = await Promise.all([
    prisma.reviewCard.findMany({ where: { userId, taskId: { in: taskIds } }, select: { ...CARD_SELECT, taskId: true, topic: { select: { scheduler: true } } } }),
    prisma.userTaskAttempt.findMany({
      where: { userId, taskId: { in: taskIds } },
      select: { taskId: true, isCorrect: true, hintUsed: true, dayKey: true },
      orderBy: { completedAt: 'asc' },
    }),
  ])
  const history = (id: string) => {
    const own = attempts.filter((a) => a.taskId === id)
    const last = own.at(-1)
    return {
      attempts: own.length,
      lastCorrect: Boolean(last?.isCorrect && !last.hintUsed),
      correctDays: [...new Set(own.filter((a) => a.isCorrect && !a.hintUsed).map((a) => a.dayKey))],
    }
  }
  const current = masteries.find((m) => m.concept === concept)
  return {
    concept,
    taskCount: taskIds.length,
    current: current ? { mastery: current.mastery, level: current.level } : null,
    otherTasks: cards
      .filter((c) => c.taskId !== taskId)
      .map((c) => {
        const h = history(c.taskId)
        return { card: c, scheduler: c.topic.scheduler, attempts: h.attempts, lastCorrect: h.lastCorrect, correctDays: h.correctDays.length }
      }),
    thisTask: history(taskId),
  }
}
