import { prisma } from '~/utils/db.server'
import { type Dashboard, getDashboard } from './dashboard.server'

const WEEK_MS = 7 * 86_400_000

/** What tutor's suggestions are proposed from (tutor/suggestion-rules.ts), read from the dashboard's figures. */
export function suggestionFactsOf(dashboard: Dashboard, answersLast7Days: number) {
  return {
    dueByTopic: dashboard.subjects.flatMap((s) =>
      s.topics.map((t) => ({ topic: { slug: t.slug, title: t.title, subjectSlug: s.slug }, due: t.dueReviews })),
    ),
    lowMastery: dashboard.gaps.map((g) => ({ concept: g.concept, label: g.label, mastery: g.mastery, topic: g.topic })),
    answersLast7Days,
  }
}

/** Answers the learner gave in the 7 days before `now`. */
export function answersInLastWeek(userId: string, now: Date): Promise<number> {
  return prisma.userTaskAttempt.count({ where: { userId, createdAt: { gt: new Date(now.getTime() - WEEK_MS) } } })
}

/** Learners who answered anything in the 7 days before `now` (the daily suggestion job's list). */
export async function recentlyActiveLearners(now: Date): Promise<string[]> {
  const rows = await prisma.userTaskAttempt.findMany({
    where: { createdAt: { gt: new Date(now.getTime() - WEEK_MS) } },
    distinct: ['userId'],
    select: { userId: true },
  })
  return rows.map((r) => r.userId)
}

export async function learnerSuggestionFacts(userId: string, now: Date) {
  const [dashboard, answers] = await Promise.all([getDashboard(userId, now), answersInLastWeek(userId, now)])
  return suggestionFactsOf(dashboard, answers)
}
