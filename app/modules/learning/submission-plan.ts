import type { MasteryLevel, StreakType } from '~/generated/prisma/client'
import { checkAnswer, describeAnswer } from '~/modules/content/answer-check'
import { learnerDay } from '~/utils/time'
import { assessConcept, attemptEvidence, knowledgeGaps, masteryChange, type TaskEvidence } from './mastery'
import {
  gradeFor,
  isAnsweredBeforeDue,
  newCardFields,
  recallProbability,
  scheduleFsrs,
  scheduleStages,
  type ScheduleResult,
} from './scheduling'
import type { SubmissionState } from './submission-state.server'
import { type StreakState, newStreak, recordQualifyingDay } from './streak-rules'
import { type XpAward, awardXp } from './xp-rules'

/**
 * What one answer changes, computed from what was read (pure): the XP award, the
 * review card, the concepts' mastery and the streaks. submission.server.ts turns
 * the plan into one atomic write.
 */
export interface SubmissionPlan {
  isCorrect: boolean
  normalisedAnswer: string
  correctAnswer: string
  award: XpAward
  topicRow: {
    currentXp: number
    totalXpEarned: number
    level: number
    dailyTasksCount: number
    dailyTasksDate: string
    srsStage: number
    nextReviewDate: string | null
  }
  schedule: ScheduleResult
  reviewCount: number
  /** 0-100: the mean mastery of the task's concepts after this answer */
  taskMastery: number
  masteries: Array<{ concept: string; mastery: number; level: MasteryLevel; progressEvidence: string | null }>
  profile: { masteryMap: Record<string, number>; knowledgeGaps: string[] }
  streaks: Array<{ type: StreakType; state: StreakState; frozenPeriods: string[] }>
  goalReachedToday: boolean
  xpToday: number
}

export interface SubmissionAnswer {
  attemptId: string
  answer: string
  hintUsed: boolean
}

export const KNOWLEDGE_GAP_LIMIT = 10

export function planSubmission(state: SubmissionState, input: SubmissionAnswer): SubmissionPlan {
  const { now, today, task, topic, user } = state
  const { isCorrect, normalised } = checkAnswer(task, input.answer)
  const day = { timeZone: user.timezone, dayStartHour: user.dayStartHour }

  const n = state.topicXp && state.topicXp.dailyTasksDate === today ? state.topicXp.dailyTasksCount : 0
  const early =
    isCorrect &&
    state.card !== null &&
    isAnsweredBeforeDue(state.card, { todayKey: today, scheduler: topic.scheduler, ...day })
  const award = awardXp({
    topic,
    task,
    isCorrect,
    earningCorrectToday: n,
    repeatsToday: state.correctToTaskToday,
    answeredBeforeDue: early,
    currentXp: state.topicXp?.currentXp ?? 0,
    totalXpEarned: state.topicXp?.totalXpEarned ?? 0,
  })

  const before = state.card ?? newCardFields(now)
  const schedule =
    topic.scheduler === 'stages'
      ? scheduleStages(before, {
          now,
          isCorrect,
          hintUsed: input.hintUsed,
          todayKey: today,
          reviewIntervals: topic.reviewIntervals,
          ...day,
        })
      : scheduleFsrs(before, now, gradeFor({ isCorrect, hintUsed: input.hintUsed }))
  const topicDue =
    state.otherTopicDue && state.otherTopicDue < schedule.card.due ? state.otherTopicDue : schedule.card.due

  const masteries = state.concepts.map((c) => {
    const own = c.thisTask
    const correctNow = isCorrect && !input.hintUsed
    const correctDays = own.correctDays + (correctNow && !own.correctToday ? 1 : 0)
    const evidence: TaskEvidence[] = [
      ...c.otherTasks.map((o) => ({
        recall: recallProbability(o.card, now, o.scheduler),
        attempts: o.attempts,
        lastCorrect: o.lastCorrect,
        correctDays: o.correctDays,
      })),
      {
        recall: recallProbability(schedule.card, now, topic.scheduler),
        attempts: own.attempts + 1,
        lastCorrect: correctNow,
        correctDays,
      },
    ]
    const after = assessConcept(evidence, { taskCount: c.taskCount })
    const change = masteryChange(c.current, after)
    return {
      concept: c.concept,
      ...after,
      progressEvidence: change.record
        ? attemptEvidence({
            attemptId: input.attemptId,
            taskId: task.id,
            isCorrect,
            hintUsed: input.hintUsed,
            tutorMessageId: task.source?.tutorMessageId ?? null,
          })
        : null,
    }
  })
  const allMasteries = [
    ...state.allMasteries.filter((m) => !masteries.some((x) => x.concept === m.concept)),
    ...masteries.map((m) => ({
      concept: m.concept,
      topicId: state.allMasteries.find((x) => x.concept === m.concept)?.topicId ?? topic.id,
      mastery: m.mastery,
      level: m.level,
    })),
  ]
  const studied = new Set(allMasteries.map((m) => m.topicId).filter((id): id is string => id !== null))

  const xpToday = state.xpToday + award.earned
  const goalReachedToday = state.xpToday < user.dailyGoal && xpToday >= user.dailyGoal
  const streaks: SubmissionPlan['streaks'] = []
  if (goalReachedToday) {
    for (const type of ['daily', 'weekly', 'monthly'] as const) {
      const update = recordQualifyingDay(state.streaks[type] ?? newStreak(), today, type, user.weekStartsOn)
      if (update.changed) streaks.push({ type, state: update.state, frozenPeriods: update.frozenPeriods })
    }
  }

  return {
    isCorrect,
    normalisedAnswer: normalised,
    correctAnswer: describeAnswer(task),
    award,
    topicRow: {
      currentXp: award.currentXp,
      totalXpEarned: award.totalXpEarned,
      level: award.level,
      dailyTasksCount: n + (award.countsTowardDailyTier ? 1 : 0),
      dailyTasksDate: today,
      srsStage: schedule.card.stage,
      nextReviewDate: learnerDay(topicDue, user.timezone, user.dayStartHour),
    },
    schedule,
    reviewCount: state.previousAnswers,
    taskMastery: masteries.length ? Math.round(masteries.reduce((sum, m) => sum + m.mastery, 0) / masteries.length) : 0,
    masteries,
    profile: {
      masteryMap: Object.fromEntries(allMasteries.map((m) => [m.concept, m.mastery])),
      knowledgeGaps: knowledgeGaps(allMasteries, studied, KNOWLEDGE_GAP_LIMIT).map((m) => m.concept),
    },
    streaks,
    goalReachedToday,
    xpToday,
  }
}
