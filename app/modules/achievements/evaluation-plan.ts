/**
 * What one evaluation round writes (evaluate.server.ts), planned from the state read before it.
 * Pure: no I/O.
 *
 * For every active achievement the learner does not hold yet (a row with unlockedAt set, even a
 * revoked one, is never awarded again: its XP was paid for that row):
 *  - met, and (when seasonal) inside its window on the learner's day → unlock;
 *  - otherwise, when visible and its progress differs from the stored one → keep the new progress.
 *    No progress is stored for hidden achievements, and none for a first row at zero.
 */
import { progressOf, type AchievementFacts, type Criteria, type Progress } from './criteria'
import { inSeason } from './season-rules'

export interface PlannedAchievement {
  id: string
  isHidden: boolean
  season: { start: string; end: string } | null
  criteria: Criteria
}

/** A UserAchievement row of the learner. */
export interface HeldRow {
  id: string
  achievementId: string
  unlockedAt: Date | null
  progressData: unknown
}

/** What UserAchievement.progressData holds. */
export type StoredProgress = Pick<Progress, 'current' | 'target'>

export interface PlannedWrite<A> {
  achievement: A
  /** the learner's row, when one exists */
  rowId: string | null
  progress: StoredProgress
}

export interface EvaluationPlan<A> {
  unlocks: PlannedWrite<A>[]
  progress: PlannedWrite<A>[]
}

export function planEvaluation<A extends PlannedAchievement>(
  catalogue: readonly A[],
  facts: AchievementFacts,
  held: ReadonlyMap<string, HeldRow>,
  todayKey: string,
): EvaluationPlan<A> {
  const plan: EvaluationPlan<A> = { unlocks: [], progress: [] }
  for (const achievement of catalogue) {
    const row = held.get(achievement.id) ?? null
    if (row?.unlockedAt) continue
    const { current, target, met } = progressOf(achievement.criteria, facts)
    const write = { achievement, rowId: row?.id ?? null, progress: { current, target } }
    const open = !achievement.season || inSeason(todayKey, achievement.season.start, achievement.season.end)
    if (met && open) plan.unlocks.push(write)
    else if (!achievement.isHidden && !sameProgress(row?.progressData ?? null, write.progress) && (row || current > 0))
      plan.progress.push(write)
  }
  return plan
}

/** The stored progress, or null when the column holds nothing this code wrote. */
export function storedProgress(value: unknown): StoredProgress | null {
  if (typeof value !== 'object' || value === null) return null
  const { current, target } = value as Record<string, unknown>
  return typeof current === 'number' && typeof target === 'number' ? { current, target } : null
}

function sameProgress(stored: unknown, progress: StoredProgress): boolean {
  const before = storedProgress(stored)
  return before !== null && before.current === progress.current && before.target === progress.target
}
