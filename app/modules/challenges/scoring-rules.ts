/**
 * How a challenge scores (docs/challenges.md). Pure: the server reads the rows, these rules decide.
 *
 * - `xp`: the XP the learning engine awarded for answers inside the window (anti-grind tiers,
 *   early-review multipliers and all) to tasks in scope.
 * - `tasks_mastered`: distinct in-scope tasks with an answer inside the window after which the
 *   task's mastery (the mean of its concepts' mastery, UserTaskAttempt.masteryLevel) was 100.
 * - `retention` ("retained memory"): the sum over the in-scope concepts of the learner's predicted
 *   recall of the concept, where a concept's recall is the mean FSRS recall of the learner's cards
 *   of in-scope tasks exercising it that were reviewed inside the window. Recall is predicted at
 *   the retention instant — the challenge end plus RETENTION_HORIZON_DAYS — so what counts is what
 *   the challenge leaves behind: a card crammed the last evening has a low stability and has
 *   faded a week later; spaced reviews have built stability and still hold. Stored ×1000 as an
 *   integer (2 concepts recalled at 0.9 and 0.75 → 1650).
 */
import type { CardState, ChallengeMetric, Scheduler } from '~/generated/prisma/client'
import { type CardFields, recallProbability } from '~/modules/learning/scheduling'
import { MASTERED_SCORE } from '~/modules/learning/mastery'

/** The metrics a challenge can be created with (the enum has more, kept for later). */
export const SCORED_METRICS = ['xp', 'tasks_mastered', 'retention'] as const satisfies readonly ChallengeMetric[]
export type ScoredMetric = (typeof SCORED_METRICS)[number]

export const METRIC_LABEL: Record<ChallengeMetric, string> = {
  xp: 'XP earned',
  tasks_mastered: 'Tasks mastered',
  retention: 'Retained memory',
  correct_tasks: 'Correct answers',
  reviews_on_time: 'Reviews on time',
  active_days: 'Active days',
}

export const METRIC_HINT: Record<ScoredMetric, string> = {
  xp: 'XP earned in the window, with the usual daily tiers.',
  tasks_mastered: 'Tasks brought to full mastery in the window.',
  retention: 'What you still remember a week after the end: spaced practice beats cramming.',
}

export function isScoredMetric(metric: ChallengeMetric): metric is ScoredMetric {
  return (SCORED_METRICS as readonly string[]).includes(metric)
}

/** Retention scores are stored as integers: recall × RETENTION_SCALE. */
export const RETENTION_SCALE = 1000
/** Recall is predicted this many days after the challenge end. */
export const RETENTION_HORIZON_DAYS = 7
/** A task counts as mastered once its mastery reaches this (learning's Mastered band). */
export const TASK_MASTERED_AT = MASTERED_SCORE

const DAY_MS = 24 * 60 * 60 * 1000

/** Which tasks a challenge scores: null = no restriction of that kind. */
export interface ChallengeScope {
  topicIds: readonly string[] | null
  concepts: readonly string[] | null
}

export const WHOLE_CATALOGUE: ChallengeScope = { topicIds: null, concepts: null }

/** A task is in scope when its topic is (if topics are named) and it exercises a named concept (if concepts are named). */
export function taskInScope(task: { topicId: string; concepts: readonly string[] }, scope: ChallengeScope): boolean {
  if (scope.topicIds && !scope.topicIds.includes(task.topicId)) return false
  if (scope.concepts && !task.concepts.some((c) => scope.concepts!.includes(c))) return false
  return true
}

/** The concepts of a task that a retention challenge sums over. */
export function conceptsInScope(concepts: readonly string[], scope: ChallengeScope): string[] {
  const unique = [...new Set(concepts)]
  return scope.concepts ? unique.filter((c) => scope.concepts!.includes(c)) : unique
}

/** The instant a retention challenge predicts recall at. */
export function retentionInstant(endDate: Date): Date {
  return new Date(endDate.getTime() + RETENTION_HORIZON_DAYS * DAY_MS)
}

/** One of the learner's review cards, as retention scoring needs it. */
export interface MemoryCard {
  taskId: string
  topicId: string
  concepts: readonly string[]
  stability: number
  difficulty: number
  lastReview: Date | null
  reps: number
  state: CardState
  scheduledDays: number
  scheduler: Scheduler
}

/** Predicted recall of one card at `at` (learning's recallProbability, 0..1). */
export function cardRecall(card: MemoryCard, at: Date): number {
  const fields: CardFields = {
    due: at,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: 0,
    scheduledDays: card.scheduledDays,
    learningSteps: 0,
    reps: card.reps,
    lapses: 0,
    state: card.state,
    lastReview: card.lastReview,
    stage: 0,
    nextReviewDate: null,
  }
  return recallProbability(fields, at, card.scheduler)
}

export interface RetainedMemory {
  /** Σ concept recall × RETENTION_SCALE, rounded */
  score: number
  concepts: Array<{ concept: string; recall: number; cards: number }>
}

/**
 * Retained memory of a learner for a challenge: only cards of in-scope tasks reviewed inside
 * [start, end) count (memory practised during the challenge), each concept is the mean recall
 * of its cards at the retention instant, and the score sums the concepts.
 */
export function retainedMemory(
  cards: readonly MemoryCard[],
  { scope, startDate, endDate }: { scope: ChallengeScope; startDate: Date; endDate: Date },
): RetainedMemory {
  const at = retentionInstant(endDate)
  const byConcept = new Map<string, number[]>()
  for (const card of cards) {
    if (!card.lastReview || card.lastReview < startDate || card.lastReview >= endDate) continue
    if (!taskInScope(card, scope)) continue
    const recall = cardRecall(card, at)
    for (const concept of conceptsInScope(card.concepts, scope))
      byConcept.set(concept, [...(byConcept.get(concept) ?? []), recall])
  }
  const concepts = [...byConcept.entries()]
    .map(([concept, recalls]) => ({
      concept,
      recall: recalls.reduce((a, b) => a + b, 0) / recalls.length,
      cards: recalls.length,
    }))
    .sort((a, b) => (a.concept < b.concept ? -1 : a.concept > b.concept ? 1 : 0))
  const total = concepts.reduce((sum, c) => sum + c.recall, 0)
  return { score: Math.round(total * RETENTION_SCALE + 1e-9), concepts }
}

/** How a score reads on a page. */
export function formatScore(metric: ChallengeMetric, score: number): string {
  if (metric === 'retention') return (score / RETENTION_SCALE).toFixed(2)
  return String(score)
}

/** The unit after a score ("XP", "tasks", "concepts recalled"). */
export function scoreUnit(metric: ChallengeMetric): string {
  if (metric === 'xp') return 'XP'
  if (metric === 'tasks_mastered') return 'tasks'
  if (metric === 'retention') return 'concepts retained'
  return ''
}
