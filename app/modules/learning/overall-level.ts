/**
 * The overall level of a learner, from their lifetime XP across all topics (User.totalXp,
 * the sum of the XP ledger). Level n starts at 50 × n × (n − 1) XP: 0, 100, 300, 600,
 * 1000, 1500, … — each level needs 100 XP more than the one before, so early levels come
 * quickly and later ones mark real effort. Topic levels (xp-rules.ts) are separate.
 * docs/xp.md, "Overall level".
 */
import type { LevelProgress } from './xp-rules'

/** Extra XP each level needs over the one before. */
export const OVERALL_LEVEL_STEP = 100

/** Total XP at which `level` (1, 2, 3, …) begins. */
export function overallLevelStart(level: number): number {
  if (!Number.isInteger(level) || level < 1) throw new RangeError(`level must be a whole number ≥ 1, got ${level}`)
  return (OVERALL_LEVEL_STEP * level * (level - 1)) / 2
}

/** Level, where it began, where the next one begins and the fraction of the way there. Negative totals count as 0. */
export function overallLevel(totalXp: number): LevelProgress {
  const xp = Math.max(0, Math.floor(totalXp))
  // The closed form gets within one level; the loops settle float rounding at the edges.
  let level = Math.max(1, Math.floor((1 + Math.sqrt(1 + (8 * xp) / OVERALL_LEVEL_STEP)) / 2))
  while (overallLevelStart(level + 1) <= xp) level++
  while (level > 1 && overallLevelStart(level) > xp) level--
  const floor = overallLevelStart(level)
  const next = overallLevelStart(level + 1)
  return { level, floor, next, fraction: (xp - floor) / (next - floor) }
}
