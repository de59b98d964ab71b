/**
 * What the reading APIs and the practice page say about one learner in one topic
 * (issue 4, item 5): the topic's XP row and rules (seed 000 `GET /api/xp/user`), the
 * learner's standing (level, progress, full-XP answers left today) and statistics.
 * The topic rules never include tasks, so never an answer.
 */
import { visibleTaskWhere } from '~/modules/content/own-tasks.server'
import { serverNow } from '~/utils/clock.server'
import type { Scheduler } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { NotFound } from '~/utils/errors.server'
import { type LearnerClock, learnerClock } from './reviews.server'
import { TOPIC_RULES_SELECT } from './topic-rules-select.server'
import { type XpTopicConfig, progressToNextLevel, remainingFullXpAnswers } from './xp-rules'

const CONFIG_SELECT = {
  id: true,
  slug: true,
  title: true,
  category: true,
  description: true,
  difficulty: true,
  ...TOPIC_RULES_SELECT,
  tags: true,
} as const

/** A topic's rules (seed 000 TopicXpConfig, `topicSlug` → slug). */
export interface TopicConfigView extends XpTopicConfig {
  slug: string
  title: string
  category: string | null
  description: string | null
  difficulty: string | null
  levelThresholds: number[]
  reviewIntervals: number[]
  tags: string[]
  scheduler: Scheduler
}

/** The learner's UserTopicXp row (seed 000). */
export interface UserTopicXpView {
  currentXp: number
  totalXpEarned: number
  level: number
  /** ISO instant */
  lastActivity: string | null
  /** correct answers counted on `dailyTasksDate` (the daily tiers) */
  dailyTasksCount: number
  dailyTasksDate: string | null
  srsStage: number
  nextReviewDate: string | null
  lastPracticedDate: string | null
}

export interface TopicStanding {
  level: number
  currentXp: number
  /** XP where the current level began */
  levelFloor: number
  /** XP the next level needs; null at the top level */
  nextLevelAt: number | null
  /** 0..1 of the way to the next level */
  levelProgress: number
  /** answers in this topic today that still earn the full multiplier */
  fullXpAnswersLeftToday: number
}

const numbers = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : []
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []

async function findTopic(slug: string) {
  const topic = await prisma.topicXpConfig.findFirst({
    where: { slug, active: true, subject: { active: true } },
    select: CONFIG_SELECT,
  })
  if (!topic) throw new NotFound('There is no such topic.')
  const { id, levelThresholds, reviewIntervals, tags, ...rest } = topic
  const config: TopicConfigView = {
    ...rest,
    levelThresholds: numbers(levelThresholds),
    reviewIntervals: numbers(reviewIntervals),
    tags: strings(tags),
  }
  return { id, config }
}

async function topicXpRow(userId: string, topicId: string) {
  return prisma.userTopicXp.findUnique({
    where: { userId_topicId: { userId, topicId } },
    select: {
      currentXp: true,
      totalXpEarned: true,
      level: true,
      lastActivity: true,
      dailyTasksCount: true,
      dailyTasksDate: true,
      srsStage: true,
      nextReviewDate: true,
      lastPracticedDate: true,
    },
  })
}

function standingOf(
  row: { currentXp: number; dailyTasksCount: number; dailyTasksDate: string | null } | null,
  config: TopicConfigView,
  today: string,
): TopicStanding {
  const currentXp = row?.currentXp ?? 0
  const progress = progressToNextLevel(currentXp, config.levelThresholds)
  const countedToday = row && row.dailyTasksDate === today ? row.dailyTasksCount : 0
  return {
    level: progress.level,
    currentXp,
    levelFloor: progress.floor,
    nextLevelAt: progress.next,
    levelProgress: progress.fraction,
    fullXpAnswersLeftToday: remainingFullXpAnswers(countedToday, config),
  }
}

export interface UserTopicXpAnswer {
  /** null until the learner has answered a task of the topic */
  userXP: UserTopicXpView | null
  topicConfig: TopicConfigView
  /** tasks of the topic the learner has answered correctly at least once, by id */
  completedTaskIds: string[]
}

/** `GET /api/xp/user?topicSlug=` (seed 000). NotFound for an unknown topic. */
export async function userTopicXp(userId: string, topicSlug: string): Promise<UserTopicXpAnswer> {
  const { id, config } = await findTopic(topicSlug)
  const [row, completed] = await Promise.all([
    topicXpRow(userId, id),
    prisma.userTaskAttempt.findMany({
      where: { userId, topicId: id, isCorrect: true },
      select: { taskId: true },
      distinct: ['taskId'],
      orderBy: { taskId: 'asc' },
    }),
  ])
  return {
    userXP: row ? { ...row, lastActivity: row.lastActivity?.toISOString() ?? null } : null,
    topicConfig: config,
    completedTaskIds: completed.map((c) => c.taskId),
  }
}

/** Level, progress and today's full-XP answers of a learner in a topic (practice page header). */
export async function topicStanding(userId: string, topicSlug: string, clock?: LearnerClock): Promise<TopicStanding> {
  const { id, config } = await findTopic(topicSlug)
  const [row, { today }] = await Promise.all([topicXpRow(userId, id), clock ?? learnerClock(userId)])
  return standingOf(row, config, today)
}

export interface TopicStats extends TopicStanding {
  topic: { slug: string; title: string }
  today: string
  attempts: number
  correctAttempts: number
  /** correct ÷ all attempts, 0..1 rounded to 3 places; null before the first attempt */
  correctRate: number | null
  xpToday: number
  xpTotal: number
  /** the learner's cards of this topic due now */
  dueCount: number
  tasks: { total: number; answered: number }
}

/** `GET /api/topics/:topicSlug/stats`. NotFound for an unknown topic. */
export async function topicStats(userId: string, topicSlug: string, now = serverNow()): Promise<TopicStats> {
  const [{ id, config }, clock] = await Promise.all([findTopic(topicSlug), learnerClock(userId, now)])
  const activeTask = { active: true }
  const [row, attempts, correctAttempts, xpToday, dueCount, total, answered] = await Promise.all([
    topicXpRow(userId, id),
    prisma.userTaskAttempt.count({ where: { userId, topicId: id } }),
    prisma.userTaskAttempt.count({ where: { userId, topicId: id, isCorrect: true } }),
    prisma.userTaskAttempt.aggregate({ where: { userId, topicId: id, dayKey: clock.today }, _sum: { xpEarned: true } }),
    prisma.reviewCard.count({ where: { userId, topicId: id, due: { lte: now }, task: activeTask } }),
    prisma.task.count({ where: { topicId: id, ...activeTask, ...visibleTaskWhere(userId) } }),
    prisma.reviewCard.count({ where: { userId, topicId: id, task: activeTask } }),
  ])
  return {
    topic: { slug: config.slug, title: config.title },
    today: clock.today,
    ...standingOf(row, config, clock.today),
    attempts,
    correctAttempts,
    correctRate: attempts === 0 ? null : Math.round((correctAttempts / attempts) * 1000) / 1000,
    xpToday: xpToday._sum.xpEarned ?? 0,
    xpTotal: row?.totalXpEarned ?? 0,
    dueCount,
    tasks: { total, answered },
  }
}
