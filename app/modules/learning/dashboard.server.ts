import { serverNow } from '~/utils/clock.server'
import type { MasteryLevel } from '~/generated/prisma/client'
import {
  dailyGoalView,
  loadLearner,
  loadStreaks,
  reviewsDue,
  studiedSubjects,
  topicXpByTopic,
  xpOnDay,
} from './learner.server'
import { knowledgeGaps } from './mastery'
import { currentMasteries } from './mastery-now.server'
import { overallLevel } from './overall-level'
import { answersCountedToday, conceptLabel, masteryLabel, type StreakView } from './progress-view'
import { type LevelProgress, progressToNextLevel, remainingFullXpAnswers } from './xp-rules'

/** "Practise next" concepts shown on the dashboard. */
export const DASHBOARD_GAP_LIMIT = 5

export interface DashboardTopic {
  slug: string
  title: string
  subjectSlug: string
  currentXp: number
  maxXp: number
  progress: LevelProgress
  /** answers in this topic that still earn full XP today */
  remainingFullXp: number
  dailyFullTasks: number
  started: boolean
  dueReviews: number
}

export interface Dashboard {
  today: string
  /** never answered a task: the page shows a start state */
  firstVisit: boolean
  totalXp: number
  overall: LevelProgress
  subjects: Array<{ slug: string; title: string; topics: DashboardTopic[] }>
  streaks: StreakView[]
  xpToday: ReturnType<typeof dailyGoalView>
  reviews: { due: number; reviewedToday: number; cap: number; offered: number }
  gaps: Array<{
    concept: string
    label: string
    mastery: number
    level: MasteryLevel
    levelLabel: string
    topic: { slug: string; title: string; subjectSlug: string }
  }>
}

/** The signed-in learner's dashboard as of `now`. */
export async function getDashboard(userId: string, now = serverNow()): Promise<Dashboard> {
  const learner = await loadLearner(userId, now)
  const [subjects, topicXp, streaks, earnedToday, reviews, masteries] = await Promise.all([
    studiedSubjects(learner),
    topicXpByTopic(userId),
    loadStreaks(userId, learner.today, learner.weekStartsOn),
    xpOnDay(userId, learner.today),
    reviewsDue(learner),
    currentMasteries(userId, now),
  ])

  const topicInfo = new Map(
    subjects.flatMap((s) =>
      s.topics.map((t) => [t.id, { slug: t.slug, title: t.title, subjectSlug: s.slug }] as const),
    ),
  )
  const gaps = knowledgeGaps(masteries, topicInfo.keys(), DASHBOARD_GAP_LIMIT).map((m) => ({
    concept: m.concept,
    label: conceptLabel(m.concept),
    mastery: m.mastery,
    level: m.level,
    levelLabel: masteryLabel(m.level),
    topic: topicInfo.get(m.topicId as string)!,
  }))

  return {
    today: learner.today,
    firstVisit: topicXp.size === 0,
    totalXp: learner.totalXp,
    overall: overallLevel(learner.totalXp),
    subjects: subjects.map((s) => ({
      slug: s.slug,
      title: s.title,
      topics: s.topics.map((t) => {
        const row = topicXp.get(t.id)
        const currentXp = row?.currentXp ?? 0
        return {
          slug: t.slug,
          title: t.title,
          subjectSlug: s.slug,
          currentXp,
          maxXp: t.maxXp,
          progress: progressToNextLevel(currentXp, t.levelThresholds),
          remainingFullXp: remainingFullXpAnswers(answersCountedToday(row, learner.today), t),
          dailyFullTasks: t.dailyFullTasks,
          started: row !== undefined,
          dueReviews: reviews.byTopic.get(t.id) ?? 0,
        }
      }),
    })),
    streaks,
    xpToday: dailyGoalView(learner, earnedToday),
    reviews: { due: reviews.due, reviewedToday: reviews.reviewedToday, cap: reviews.cap, offered: reviews.offered },
    gaps,
  }
}
