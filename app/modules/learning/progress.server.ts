import { serverNow } from '~/utils/clock.server'
import { databaseReady, prisma } from '~/utils/db.server'
import { lastNDays, learnerDay } from '~/utils/time'
import { PROGRESS_DAYS } from './learn-format'
import { dailyGoalView, loadLearner, loadStreaks } from './learner.server'
import { currentMasteries } from './mastery-now.server'
import { overallLevel } from './overall-level'
import { dailyXpSeries, groupConceptsByTopic, seriesSummary, streakViews } from './progress-view'

/** The signed-in learner's progress page as of `now`: XP per day, streaks, mastery per concept, totals. */
export async function getProgress(userId: string, now = serverNow()) {
  const learner = await loadLearner(userId, now)
  const days = lastNDays(learner.today, PROGRESS_DAYS)
  const [ledger, streaks, masteries, { answers, correct, topicsStarted }] = await Promise.all([
    prisma.xpLedgerEntry.groupBy({
      by: ['dayKey'],
      where: { userId, dayKey: { gte: days[0]!, lte: learner.today } },
      _sum: { amount: true },
    }),
    loadStreaks(userId, learner.today, learner.weekStartsOn),
    currentMasteries(userId, now),
    answerTotals(userId),
  ])
  const series = dailyXpSeries(
    days,
    ledger.map((g) => ({ dayKey: g.dayKey, xp: g._sum.amount ?? 0 })),
  )
  // The series ends on today (lastNDays), so today's XP is its last entry rather than another query.
  const lastDay = series.at(-1)
  if (lastDay?.day !== learner.today)
    throw new Error(`The XP series should end on ${learner.today}, not ${lastDay?.day ?? 'nothing'}`)

  const withEvidence = masteries.filter((m) => m.level !== 'not_started')
  const topicIds = [...new Set(withEvidence.flatMap((m) => (m.topicId ? [m.topicId] : [])))]
  const topics = await prisma.topicXpConfig.findMany({
    where: { id: { in: topicIds }, active: true },
    orderBy: [{ subject: { order: 'asc' } }, { subject: { title: 'asc' } }, { order: 'asc' }, { title: 'asc' }],
    select: { id: true, slug: true, title: true, subject: { select: { slug: true, active: true } } },
  })
  const groups = groupConceptsByTopic(
    withEvidence,
    topics
      .filter((t) => t.subject.active)
      .map((t) => ({ id: t.id, slug: t.slug, title: t.title, subjectSlug: t.subject.slug })),
  )

  return {
    today: learner.today,
    totalXp: learner.totalXp,
    overall: overallLevel(learner.totalXp),
    xpToday: dailyGoalView(learner, lastDay.xp),
    series,
    summary: seriesSummary(series, learner.dailyGoal),
    streaks,
    mastery: groups.map((g) => ({
      topic: g.topic && { slug: g.topic.slug, title: g.topic.title, subjectSlug: g.topic.subjectSlug },
      concepts: g.concepts,
    })),
    totals: {
      answers,
      correct,
      topicsStarted,
      conceptsPractised: withEvidence.length,
      conceptsMastered: withEvidence.filter((m) => m.level === 'mastered').length,
    },
  }
}

/** How many answers, how many of them right, and how many topics started: one statement rather than three counts. */
async function answerTotals(userId: string) {
  const row = (
    await (
      await databaseReady()
    ).execute({
      sql: `SELECT (SELECT COUNT(*) FROM "UserTaskAttempt" WHERE "userId" = ?) AS "answers",
        (SELECT COUNT(*) FROM "UserTaskAttempt" WHERE "userId" = ? AND "isCorrect" = 1) AS "correct",
        (SELECT COUNT(*) FROM "UserTopicXp" WHERE "userId" = ?) AS "topicsStarted"`,
      args: [userId, userId, userId],
    })
  ).rows[0]!
  return { answers: Number(row.answers), correct: Number(row.correct), topicsStarted: Number(row.topicsStarted) }
}

export interface MemberProgress {
  totalXp: number
  level: number
  /** current daily streak, as of the member's own day */
  streak: number
  /** the member reached their daily goal today */
  doneToday: boolean
}

/**
 * Total XP, overall level and current daily streak of each of these users (the team admin
 * page passes its own members), in two queries whatever the number of users. Each streak is
 * read as of that user's own day, in their time zone.
 */
export async function memberProgress(
  userIds: readonly string[],
  now = serverNow(),
): Promise<Map<string, MemberProgress>> {
  if (userIds.length === 0) return new Map()
  const [users, streaks] = await Promise.all([
    prisma.user.findMany({
      where: { id: { in: [...userIds] } },
      select: { id: true, totalXp: true, timezone: true, dayStartHour: true },
    }),
    prisma.streak.findMany({
      where: { userId: { in: [...userIds] }, type: 'daily' },
      select: {
        userId: true,
        type: true,
        currentCount: true,
        longestCount: true,
        startDate: true,
        lastActivityDate: true,
        freezesHeld: true,
        isActive: true,
      },
    }),
  ])
  return new Map(
    users.map((u) => {
      const daily = streakViews(
        streaks.filter((s) => s.userId === u.id),
        learnerDay(now, u.timezone, u.dayStartHour),
      ).find((v) => v.type === 'daily')
      return [
        u.id,
        {
          totalXp: u.totalXp,
          level: overallLevel(u.totalXp).level,
          streak: daily!.current,
          doneToday: daily!.doneThisPeriod,
        },
      ]
    }),
  )
}
