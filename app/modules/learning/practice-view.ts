/**
 * The feedback after an answer as the practice and review pages show it, built on the
 * server from the submission result (pure). Texts are made here, not in the browser,
 * so the server and the browser render the same words.
 */
import type { TaskSource } from '~/modules/content/task-source'
import type { TaskView } from '~/modules/content/task-view'
import { parseChoiceAnswer } from '~/modules/content/answer-check'
import type { MasteryLevel } from '~/generated/prisma/client'
import { daysBetween, weekdayDayLabel } from '~/utils/time'
import { MASTERY_LABELS } from './mastery'
import { conceptLabel, masteryLabel } from './progress-view'
import type { SubmissionResult } from './submission.server'

export interface FeedbackView {
  taskId: string
  replayed: boolean
  isCorrect: boolean
  prompt: string
  /** what the learner answered, in words (the option texts for multiple choice) */
  yourAnswer: string
  correctAnswer: string
  explanation: string | null
  /** the passage the task was made from (a card made from a tutor answer) */
  source: TaskSource | null
  xp: { earned: number; breakdown: Array<{ label: string; value: string }> }
  topic: { slug: string; title: string; currentXp: number; level: number; leveledUp: boolean }
  /** "now", "later today", "tomorrow", "in 3 days (Mon 1 Dec)"; null when unknown */
  nextReview: string | null
  /** `label` names the concept in words, `levelLabel` its mastery band, as on the progress page */
  masteries: Array<{ concept: string; label: string; mastery: number; levelLabel: string }>
  xpToday: number
  goalReachedToday: boolean
}

export function feedbackView(result: SubmissionResult, task: TaskView, answer: string, today: string): FeedbackView {
  return {
    taskId: result.taskId,
    replayed: result.replayed,
    isCorrect: result.isCorrect,
    prompt: task.prompt,
    yourAnswer: answerInWords(task, answer),
    correctAnswer: result.correctAnswer,
    explanation: result.explanation,
    source: result.source,
    xp: { earned: result.xp.earned, breakdown: result.xp.breakdown },
    topic: result.topic,
    nextReview: result.nextReview.dayKey ? reviewDayText(result.nextReview.dayKey, today) : null,
    masteries: result.masteries.map((m) => ({
      concept: m.concept,
      label: conceptLabel(m.concept),
      mastery: m.mastery,
      levelLabel: isMasteryLevel(m.level) ? masteryLabel(m.level) : m.level,
    })),
    xpToday: result.xpToday,
    goalReachedToday: result.goalReachedToday,
  }
}

// SubmissionResult types the level as a plain string.
const isMasteryLevel = (level: string): level is MasteryLevel => Object.hasOwn(MASTERY_LABELS, level)

/** The learner's answer as they would read it: option texts for multiple choice. */
export function answerInWords(task: Pick<TaskView, 'kind' | 'choices'>, answer: string): string {
  if (task.kind !== 'multiple_choice' || !task.choices) return answer.trim()
  const indexes = parseChoiceAnswer(answer)
  if (!indexes) return answer.trim()
  return indexes.map((i) => task.choices![i] ?? `option ${i + 1}`).join('; ')
}

/** When a review comes back, relative to the learner's today (both day keys). */
export function reviewDayText(dayKey: string, today: string): string {
  const days = daysBetween(today, dayKey)
  if (days < 0) return 'now'
  if (days === 0) return 'later today'
  if (days === 1) return 'tomorrow'
  return `in ${days} days (${weekdayDayLabel(dayKey)})`
}

/** How long a review has been waiting (day keys): "today", "yesterday", "3 days ago". */
export function dueSinceText(dueDay: string, today: string): string {
  const days = daysBetween(dueDay, today)
  if (days <= 0) return 'today'
  if (days === 1) return 'yesterday'
  return `${days} days ago`
}
