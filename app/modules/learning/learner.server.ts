import { z } from 'zod'
import { databaseReady, prisma } from '~/utils/db.server'
import { numberOrNull, parsedJson } from '~/utils/db/row-values'
import { LESSONS_SLUG } from '~/modules/content/lesson-tasks.server'
import { OWN_NOTES_SLUG } from '~/modules/content/own-tasks.server'
import { type WeekStart, DEFAULT_WEEK_START, asWeekStart, learnerDay } from '~/utils/time'
import { reviewsOfferedToday, streakViews, type StreakView } from './progress-view'
import { reviewsDoneOn } from './reviews.server'
import { DEFAULT_DAILY_REVIEW_CAP } from './scheduling'

/**
 * The reads the learner's pages share (dashboard, subject and topic pages, progress):
 * who the learner is today, which subjects they study, their streaks, today's XP and
 * their due reviews. Every query is scoped to one user id, which callers take from the
 * session — never from the URL. Read only.
 */
export interface Learner {
  id: string
  timeZone: string
  dayStartHour: number
  /** the ISO weekday weekly streaks start on (1 Monday … 7 Sunday) */
  weekStartsOn: WeekStart
  /** the learner's day key at `now` */
  today: string
  now: Date
  /** XP a day must reach to count for the streaks: the active team's goal when it sets one, else the learner's */
  dailyGoal: number
  goalSource: 'team' | 'personal'
  totalXp: number
  /** Subject ids the active team assigns; null = every active subject */
  teamSubjectIds: string[] | null
}

const SubjectIds = z.array(z.string())

/**
 * Every learner page starts here, so this is one plain statement rather than an ORM query with
 * two relations (three statements). It joins teams' TeamSettings for the active team's goal and
 * subjects: a read (ADR 0009).
 */
const LEARNER_SQL = `
  SELECT u."id", u."timezone", u."dayStartHour", u."weekStartsOn", u."dailyXpGoal", u."totalXp",
    s."dailyXpGoal" AS "teamGoal", s."subjects" AS "teamSubjects"
  FROM "User" u LEFT JOIN "TeamSettings" s ON s."teamId" = u."activeTeamId"
  WHERE u."id" = ?`

export async function loadLearner(userId: string, now: Date): Promise<Learner> {
  const row = (await (await databaseReady()).execute({ sql: LEARNER_SQL, args: [userId] })).rows[0]
  if (!row) throw new Error(`No user ${userId}`)
  const timeZone = String(row.timezone)
  const dayStartHour = Number(row.dayStartHour)
  const teamGoal = numberOrNull(row.teamGoal)
  const subjects = SubjectIds.safeParse(parsedJson(row.teamSubjects))
  return {
    id: String(row.id),
    timeZone,
    dayStartHour,
    weekStartsOn: asWeekStart(Number(row.weekStartsOn)),
    today: learnerDay(now, timeZone, dayStartHour),
    now,
    dailyGoal: teamGoal ?? Number(row.dailyXpGoal),
    goalSource: teamGoal === null ? 'personal' : 'team',
    totalXp: Number(row.totalXp),
    teamSubjectIds: subjects.success && subjects.data.length > 0 ? subjects.data : null,
  }
}

// ─── The catalogue (content tables: the content module has no read API yet) ──

export const TOPIC_SELECT = {
  id: true,
  slug: true,
  title: true,
  description: true,
  category: true,
  difficulty: true,
  maxXp: true,
  dailyFullTasks: true,
  levelThresholds: true,
  order: true,
} as const

const asNumbers = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : []

/**
 * The active subjects the learner studies (the team's subjects when it names some), each with its
 * active topics, in content order. "Your notes" is listed only to a learner who has made a card;
 * "Lessons" never (its tasks are reached from the team's lessons, /lessons).
 */
export async function studiedSubjects(learner: Pick<Learner, 'id' | 'teamSubjectIds'>) {
  const subjects = await prisma.subject.findMany({
    where: {
      active: true,
      slug: { not: LESSONS_SLUG },
      ...(learner.teamSubjectIds ? { id: { in: learner.teamSubjectIds } } : {}),
    },
    orderBy: [{ order: 'asc' }, { title: 'asc' }],
    select: {
      id: true,
      slug: true,
      title: true,
      description: true,
      topics: {
        where: { active: true, OR: [{ slug: { not: OWN_NOTES_SLUG } }, { tasks: { some: { ownerId: learner.id } } }] },
        orderBy: [{ order: 'asc' }, { title: 'asc' }],
        select: TOPIC_SELECT,
      },
    },
  })
  return subjects
    .filter((s) => s.slug !== OWN_NOTES_SLUG || s.topics.length > 0)
    .map((s) => ({ ...s, topics: s.topics.map((t) => withThresholds(t)) }))
}

export function withThresholds<T extends { levelThresholds: unknown }>(
  topic: T,
): Omit<T, 'levelThresholds'> & { levelThresholds: number[] } {
  return { ...topic, levelThresholds: asNumbers(topic.levelThresholds) }
}

// ─── Today ───────────────────────────────────────────────────────────────────

/** The learner's topic XP rows, by topic id. */
export async function topicXpByTopic(userId: string) {
  const rows = await prisma.userTopicXp.findMany({
    where: { userId },
    select: { topicId: true, currentXp: true, totalXpEarned: true, dailyTasksCount: true, dailyTasksDate: true },
  })
  return new Map(rows.map((r) => [r.topicId, r]))
}

export async function loadStreaks(
  userId: string,
  todayKey: string,
  weekStartsOn: WeekStart = DEFAULT_WEEK_START,
): Promise<StreakView[]> {
  const rows = await prisma.streak.findMany({
    where: { userId },
    select: {
      type: true,
      currentCount: true,
      longestCount: true,
      startDate: true,
      lastActivityDate: true,
      freezesHeld: true,
      isActive: true,
    },
  })
  return streakViews(rows, todayKey, weekStartsOn)
}

export async function xpOnDay(userId: string, dayKey: string): Promise<number> {
  const sum = await prisma.xpLedgerEntry.aggregate({ where: { userId, dayKey }, _sum: { amount: true } })
  return sum._sum.amount ?? 0
}

export function dailyGoalView(learner: Pick<Learner, 'dailyGoal' | 'goalSource'>, earned: number) {
  return {
    earned,
    goal: learner.dailyGoal,
    source: learner.goalSource,
    met: earned >= learner.dailyGoal,
    remaining: Math.max(0, learner.dailyGoal - earned),
  }
}

export interface ReviewsDue {
  /** cards due now (active tasks of active topics and subjects) */
  due: number
  /** reviews answered today (ReviewLog rows of today whose card was not new: docs/scheduling.md) */
  reviewedToday: number
  cap: number
  /** what the review queue offers today: min(due, cap − reviewedToday) */
  offered: number
  /** cards due now, per topic id */
  byTopic: Map<string, number>
}

export async function reviewsDue(
  learner: Pick<Learner, 'id' | 'now' | 'today' | 'timeZone' | 'dayStartHour'>,
  cap = DEFAULT_DAILY_REVIEW_CAP,
): Promise<ReviewsDue> {
  const { id: userId, now, today } = learner
  const [groups, reviewedToday] = await Promise.all([
    prisma.reviewCard.groupBy({
      by: ['topicId'],
      // the same cards the review queue offers (reviews.server.ts): active tasks of active topics and subjects
      where: { userId, due: { lte: now }, task: { active: true, topic: { active: true, subject: { active: true } } } },
      _count: { _all: true },
    }),
    reviewsDoneOn(userId, { timeZone: learner.timeZone, dayStartHour: learner.dayStartHour, today }),
  ])
  const byTopic = new Map(groups.map((g) => [g.topicId, g._count._all]))
  const due = groups.reduce((sum, g) => sum + g._count._all, 0)
  return { due, reviewedToday, cap, offered: reviewsOfferedToday(due, reviewedToday, cap), byTopic }
}
