/**
 * Concept mastery rules (seed 004 + Khan Academy bands; docs/scheduling.md): a 0–100 score per
 * concept from the learner's evidence on the tasks that exercise it, its level, when a Progress
 * history row is due, and the knowledge gaps offered as "practise next".
 */
import type { MasteryLevel } from '~/generated/prisma/client'
import { FSRS_PARAMETERS } from './scheduling'

/** What one task (one ReviewCard of the learner) says about a concept it exercises. */
export type TaskEvidence = {
  /** predicted recall now, 0..1 (recallProbability) */
  recall: number
  /** answers given to the task, right or wrong */
  attempts: number
  /** the latest answer to the task was right without a hint (Khan: a hinted answer is not proof) */
  lastCorrect: boolean
  /** distinct learner days (UserTaskAttempt.dayKey) with a right answer without a hint */
  correctDays: number
}

/** Distinct tasks needed for full marks, and retained tasks needed for Mastered. */
export const MASTERY_BREADTH = 3
/** Mastered also needs the average predicted recall at the scheduler's target retention. */
export const MASTERED_MIN_RAW = Math.round(FSRS_PARAMETERS.request_retention * 100)
export const FAMILIAR_MIN = 50
export const PROFICIENT_MIN = 80
export const MASTERED_SCORE = 100
/** A Progress row is written when the level changes or the score moves at least this much. */
export const PROGRESS_MIN_DELTA = 5
/** Concepts with evidence below this score are knowledge gaps (below Proficient). */
export const KNOWLEDGE_GAP_BELOW = PROFICIENT_MIN

export const MASTERY_LABELS: Record<MasteryLevel, string> = {
  not_started: 'Not started',
  attempted: 'Attempted',
  familiar: 'Familiar',
  proficient: 'Proficient',
  mastered: 'Mastered',
}

/**
 * 0–100. Each answered task contributes its predicted recall if its latest answer was right,
 * nothing otherwise; the sum is divided by max(answered tasks, breadth), so one task alone
 * cannot carry a concept and a wrong answer or a fading memory pulls the score down. The score
 * is capped at 99 unless the concept is mastered: at least `breadth` tasks answered right on two
 * or more days (latest answer right) and the unrounded score at least MASTERED_MIN_RAW.
 * `taskCount` (tasks that exercise the concept) lowers the breadth for concepts with fewer tasks.
 */
export function conceptMastery(evidence: readonly TaskEvidence[], { taskCount }: { taskCount?: number } = {}): number {
  const answered = evidence.filter((e) => e.attempts > 0)
  if (answered.length === 0) return 0
  const breadth = Math.min(MASTERY_BREADTH, Math.max(1, taskCount ?? MASTERY_BREADTH))
  const strength = answered.reduce((sum, e) => sum + (e.lastCorrect ? Math.min(1, Math.max(0, e.recall)) : 0), 0)
  // the epsilon keeps sums like 0.9 + 0.9 + 0.9 from landing just under a band edge
  const raw = (100 * strength) / Math.max(answered.length, breadth) + 1e-9
  const retained = answered.filter((e) => e.lastCorrect && e.correctDays >= 2).length
  if (retained >= breadth && raw >= MASTERED_MIN_RAW) return MASTERED_SCORE
  return Math.min(MASTERED_SCORE - 1, Math.floor(raw))
}

/** Khan-style band of a score: 0–49 Attempted, 50–79 Familiar, 80–99 Proficient, 100 Mastered. */
export function masteryLevel(score: number, hasEvidence: boolean): MasteryLevel {
  if (!hasEvidence) return 'not_started'
  if (score >= MASTERED_SCORE) return 'mastered'
  if (score >= PROFICIENT_MIN) return 'proficient'
  if (score >= FAMILIAR_MIN) return 'familiar'
  return 'attempted'
}

/** Score and level of one concept (the ConceptMastery columns). */
export function assessConcept(
  evidence: readonly TaskEvidence[],
  opts: { taskCount?: number } = {},
): { mastery: number; level: MasteryLevel } {
  const mastery = conceptMastery(evidence, opts)
  return {
    mastery,
    level: masteryLevel(
      mastery,
      evidence.some((e) => e.attempts > 0),
    ),
  }
}

type MasteryState = { mastery: number; level: MasteryLevel }

/** Whether the change from `before` (null: no row yet) to `after` deserves a Progress row. */
export function masteryChange(
  before: MasteryState | null,
  after: MasteryState,
): { record: boolean; delta: number; levelChanged: boolean } {
  const previous = before ?? { mastery: 0, level: 'not_started' }
  const delta = after.mastery - previous.mastery
  const levelChanged = after.level !== previous.level
  return { record: levelChanged || Math.abs(delta) >= PROGRESS_MIN_DELTA, delta, levelChanged }
}

/** Progress.evidence for a change caused by an answer. */
export function attemptEvidence({
  attemptId,
  taskId,
  isCorrect,
  hintUsed,
  tutorMessageId = null,
}: {
  attemptId: string
  taskId: string
  isCorrect: boolean
  hintUsed: boolean
  /** the tutor answer the task was made from, if it was */
  tutorMessageId?: string | null
}): string {
  const outcome = isCorrect ? (hintUsed ? 'correct with hint' : 'correct without hint') : 'wrong'
  const from = tutorMessageId ? ` (a card from tutor message ${tutorMessageId})` : ''
  return `attempt ${attemptId}: ${outcome} on task ${taskId}${from}`
}

/** Progress.evidence for a review card made from a tutor answer (Progress.tutorMessageId links it). */
export function tutorCardEvidence({ tutorMessageId, title }: { tutorMessageId: string; title: string }): string {
  return `tutor message ${tutorMessageId}: review card made from "${title}"`
}

const GAP_ORDER: Partial<Record<MasteryLevel, number>> = { attempted: 0, familiar: 1 }

/**
 * "Practise next": concepts of the topics the learner studies that have evidence but score below
 * Proficient — Attempted ones first, then Familiar ones (mostly memories fading since their
 * last review), weakest first within each, ties by concept key. Not-started concepts are new
 * material, not gaps.
 */
export function knowledgeGaps<
  M extends { concept: string; topicId: string | null; mastery: number; level: MasteryLevel },
>(masteries: readonly M[], studiedTopicIds: Iterable<string>, limit: number): M[] {
  const studied = new Set(studiedTopicIds)
  return masteries
    .filter(
      (m) =>
        m.topicId !== null && studied.has(m.topicId) && m.level !== 'not_started' && m.mastery < KNOWLEDGE_GAP_BELOW,
    )
    .sort(
      (a, b) =>
        (GAP_ORDER[a.level] ?? 2) - (GAP_ORDER[b.level] ?? 2) ||
        a.mastery - b.mastery ||
        (a.concept < b.concept ? -1 : a.concept > b.concept ? 1 : 0),
    )
    .slice(0, Math.max(0, limit))
}
