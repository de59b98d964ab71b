/**
 * XP rules (issue 4, item 2; seeds 000/001). Pure functions: the server loads the topic, the
 * task and today's counters, calls `awardXp`, and writes what it returns. docs/xp.md explains
 * the rules with worked examples that xp-rules.test.ts checks.
 */

export type TaskDifficulty = 'easy' | 'medium' | 'hard'
export type DailyTier = 'full' | 'half' | 'low'

/** The TopicXpConfig fields the rules read. */
export type XpTopicConfig = {
  maxXp: number
  baseTaskXp: number
  dailyFullTasks: number
  dailyHalfTasks: number
  multiplierFull: number
  multiplierHalf: number
  multiplierLow: number
  multiplierEarly: number
  /** XP a learner needs for levels 2, 3, …; a leading 0 (level 1) may be given and is not counted */
  levelThresholds: readonly number[]
  /** per further correct answer to the same task on the same day, the XP shrinks by this fraction */
  dailyXpDecay: number
  /** floor of the repeat multiplier (0..1) */
  minXpPercent: number
}

export type XpTask = { baseXp: number | null; difficulty: TaskDifficulty }

export const DIFFICULTY_FACTOR: Record<TaskDifficulty, number> = { easy: 1, medium: 1.5, hard: 2 }

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number ≥ 0, got ${value}`)
}

/**
 * Rounds half up (7.5 → 8). The product is first taken to a millionth, so float noise such as
 * 2.4999999999999996 for an exact 2.5 cannot turn a half into a round-down.
 */
export function roundXp(value: number): number {
  const millionths = Math.round(value * 1e6)
  return Math.floor((millionths + 500_000) / 1e6)
}

/** Base XP of a correct answer: the task's own base XP, else the topic's × 1 / 1.5 / 2 by difficulty. */
export function taskBaseXp(task: XpTask, topic: Pick<XpTopicConfig, 'baseTaskXp'>): number {
  if (task.baseXp !== null) return task.baseXp
  return topic.baseTaskXp * DIFFICULTY_FACTOR[task.difficulty]
}

/** `n` = XP-earning correct answers the learner already made in this topic today. */
export function dailyTierMultiplier(
  n: number,
  topic: Pick<
    XpTopicConfig,
    'dailyFullTasks' | 'dailyHalfTasks' | 'multiplierFull' | 'multiplierHalf' | 'multiplierLow'
  >,
): { tier: DailyTier; multiplier: number } {
  checkCount('n', n)
  if (n < topic.dailyFullTasks) return { tier: 'full', multiplier: topic.multiplierFull }
  if (n < topic.dailyFullTasks + topic.dailyHalfTasks) return { tier: 'half', multiplier: topic.multiplierHalf }
  return { tier: 'low', multiplier: topic.multiplierLow }
}

/** `k` = correct answers to this same task already made today (0 for the first). */
export function repeatMultiplier(k: number, topic: Pick<XpTopicConfig, 'dailyXpDecay' | 'minXpPercent'>): number {
  checkCount('k', k)
  if (k === 0) return 1
  return Math.max(topic.minXpPercent, (1 - topic.dailyXpDecay) ** k)
}

/** How many more answers in this topic today still earn the full multiplier. */
export function remainingFullXpAnswers(n: number, topic: Pick<XpTopicConfig, 'dailyFullTasks'>): number {
  checkCount('n', n)
  return Math.max(0, topic.dailyFullTasks - n)
}

/** Thresholds that count: positive ones, ascending. 0 marks where level 1 starts and never counts. */
function countedThresholds(thresholds: readonly number[]): number[] {
  return thresholds.filter((t) => t > 0).sort((a, b) => a - b)
}

/** level = 1 + the number of (positive) thresholds ≤ currentXp. */
export function levelFor(currentXp: number, thresholds: readonly number[]): number {
  return 1 + countedThresholds(thresholds).filter((t) => t <= currentXp).length
}

export type LevelProgress = {
  level: number
  /** XP where the current level began (0 for level 1) */
  floor: number
  /** XP the next level needs; null at the top level */
  next: number | null
  /** 0..1 of the way from floor to next; 1 at the top level */
  fraction: number
}

export function progressToNextLevel(currentXp: number, thresholds: readonly number[]): LevelProgress {
  const counted = countedThresholds(thresholds)
  const reached = counted.filter((t) => t <= currentXp)
  const floor = reached.at(-1) ?? 0
  const next = counted.find((t) => t > currentXp) ?? null
  const fraction = next === null ? 1 : Math.min(1, Math.max(0, (currentXp - floor) / (next - floor)))
  return { level: 1 + reached.length, floor, next, fraction }
}

export type XpAwardInput = {
  topic: XpTopicConfig
  task: XpTask
  isCorrect: boolean
  /** n: XP-earning correct answers already made in this topic today (before this one) */
  earningCorrectToday: number
  /** k: correct answers to this task already made today (before this one) */
  repeatsToday: number
  /** correct answer given before the day the task is due for review */
  answeredBeforeDue: boolean
  currentXp: number
  totalXpEarned: number
}

export type XpMultipliers = { tier: number; tierName: DailyTier; early: number; repeat: number }

export type XpAward = {
  earned: number
  /** base XP of the task; 0 for a wrong answer */
  base: number
  /** tier × early × repeat (stored as UserTaskAttempt.multiplier); 0 for a wrong answer */
  multiplier: number
  /** null for a wrong answer: no multiplier was applied */
  multipliers: XpMultipliers | null
  /** earned > 0: this answer counts as an XP-earning answer for the daily tiers */
  countsTowardDailyTier: boolean
  currentXp: number
  totalXpEarned: number
  level: number
  leveledUp: boolean
  /** currentXp hit maxXp and some of `earned` did not raise the topic XP (it still counts in totals) */
  capped: boolean
  breakdown: Array<{ label: string; value: string }>
}

const times = (m: number) => `× ${Number(m.toFixed(3))}`
const xp = (n: number) => `${n} XP`
const ordinal = (n: number) =>
  `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`

/** Applies the XP rules to one answer. */
export function awardXp(input: XpAwardInput): XpAward {
  const { topic, task, isCorrect, earningCorrectToday: n, repeatsToday: k, currentXp, totalXpEarned } = input
  checkCount('earningCorrectToday', n)
  checkCount('repeatsToday', k)
  const level = levelFor(currentXp, topic.levelThresholds)

  if (!isCorrect) {
    return {
      earned: 0,
      base: 0,
      multiplier: 0,
      multipliers: null,
      countsTowardDailyTier: false,
      currentXp,
      totalXpEarned,
      level,
      leveledUp: false,
      capped: false,
      breakdown: [{ label: 'Wrong answer', value: xp(0) }],
    }
  }

  const base = taskBaseXp(task, topic)
  const { tier: tierName, multiplier: tier } = dailyTierMultiplier(n, topic)
  const early = input.answeredBeforeDue ? topic.multiplierEarly : 1
  const repeat = repeatMultiplier(k, topic)
  const multiplier = tier * early * repeat
  const earned = roundXp(base * multiplier)
  // A correct answer never lowers topic XP, even if content has lowered maxXp below it since.
  const nextXp = Math.max(currentXp, Math.min(topic.maxXp, currentXp + earned))
  const nextLevel = levelFor(nextXp, topic.levelThresholds)

  const breakdown = [
    {
      label: task.baseXp !== null ? 'Base XP (set by this task)' : `Base XP (${task.difficulty} task)`,
      value: xp(base),
    },
    { label: tierLabel(tierName, n, topic), value: times(tier) },
  ]
  if (early !== 1) breakdown.push({ label: 'Early review (answered before it was due)', value: times(early) })
  if (k > 0)
    breakdown.push({ label: `Repeat: ${ordinal(k + 1)} correct answer to this task today`, value: times(repeat) })
  breakdown.push({ label: 'Earned', value: xp(earned) })
  if (currentXp + earned > topic.maxXp) breakdown.push({ label: 'Topic XP is capped at', value: xp(topic.maxXp) })

  return {
    earned,
    base,
    multiplier,
    multipliers: { tier, tierName, early, repeat },
    countsTowardDailyTier: earned > 0,
    currentXp: nextXp,
    totalXpEarned: totalXpEarned + earned,
    level: nextLevel,
    leveledUp: nextLevel > level,
    capped: currentXp + earned > topic.maxXp,
    breakdown,
  }
}

function tierLabel(tier: DailyTier, n: number, topic: XpTopicConfig): string {
  const answer = `answer ${n + 1} in this topic today`
  if (tier === 'full') return `Full XP: ${answer} (${topic.dailyFullTasks} a day)`
  if (tier === 'half') return `Reduced XP: ${answer} (after ${topic.dailyFullTasks})`
  return `Low XP: ${answer} (after ${topic.dailyFullTasks + topic.dailyHalfTasks})`
}
