/**
 * Streak rules (issue 4, item 7; seed 003): daily, weekly and monthly streaks as a pure state
 * machine over learner-local day keys from utils/time.ts. The caller decides that a day counts
 * (the learner reached their daily XP goal) and stores the state in Streak / StreakFreeze.
 * docs/streaks.md explains the rules with examples.
 */
import { type WeekStart, DEFAULT_WEEK_START, addDays, dayNumber, isoWeekKey, monthKey, startOfWeek } from '~/utils/time'

export type StreakType = 'daily' | 'weekly' | 'monthly'

/** Mirrors the Streak row; the dates are day keys "YYYY-MM-DD", null before the first qualifying day. */
export type StreakState = {
  currentCount: number
  longestCount: number
  startDate: string | null
  lastActivityDate: string | null
  freezesHeld: number
  isActive: boolean
}

export const MAX_FREEZES_HELD = 2
/** One freeze is earned on every 7th consecutive qualifying day (7, 14, 21, …). */
export const FREEZE_EARNED_EVERY = 7

export function newStreak(): StreakState {
  return { currentCount: 0, longestCount: 0, startDate: null, lastActivityDate: null, freezesHeld: 0, isActive: false }
}

/**
 * The period a day belongs to: the day itself, its week — the ISO week "YYYY-Www" for weeks
 * starting on Monday, else the week's first day "YYYY-MM-DD" — or its month "YYYY-MM".
 */
export function streakPeriodKey(
  dayKey: string,
  type: StreakType,
  weekStartsOn: WeekStart = DEFAULT_WEEK_START,
): string {
  if (type === 'weekly') return weekStartsOn === 1 ? isoWeekKey(dayKey) : startOfWeek(dayKey, weekStartsOn)
  if (type === 'monthly') return monthKey(dayKey)
  dayNumber(dayKey) // validates
  return dayKey
}

/** Consecutive periods have consecutive indexes, across year edges and 53-week years. */
function periodIndex(dayKey: string, type: StreakType, weekStartsOn: WeekStart): number {
  // Every week's first day has the same weekday, so they are exactly 7 day numbers apart.
  if (type === 'weekly') return Math.floor(dayNumber(startOfWeek(dayKey, weekStartsOn)) / 7)
  if (type === 'monthly') {
    const [year, month] = monthKey(dayKey).split('-').map(Number) as [number, number]
    return year * 12 + month - 1
  }
  return dayNumber(dayKey)
}

/** Periods with no qualifying day strictly between the last activity and `dayKey`. */
function missedPeriods(state: StreakState, dayKey: string, type: StreakType, weekStartsOn: WeekStart): number {
  const period = periodIndex(dayKey, type, weekStartsOn) // validates the key even for a new streak
  if (state.lastActivityDate === null) return Infinity
  return period - periodIndex(state.lastActivityDate, type, weekStartsOn) - 1
}

function coverableByFreezes(missed: number, state: StreakState, type: StreakType): boolean {
  return missed <= 0 || (type === 'daily' && missed <= state.freezesHeld)
}

export type StreakUpdate = {
  state: StreakState
  /** false when the day was already counted (same period, or a day key before the last one) */
  changed: boolean
  /** day keys kept by a consumed freeze (daily only): one StreakFreeze row each */
  frozenPeriods: string[]
  freezeEarned: boolean
  /** the streak had lapsed and starts again at 1 */
  restarted: boolean
}

/**
 * Records a qualifying day. Same period again, or a day key earlier than the last activity (a
 * learner who moved west can see a day key again), changes no count. The next period adds 1.
 * Missed days in between are covered by held freezes (daily only) when there are enough for all
 * of them; otherwise the streak restarts at 1 and the freezes are kept for a later run.
 */
export function recordQualifyingDay(
  state: StreakState,
  dayKey: string,
  type: StreakType = 'daily',
  weekStartsOn: WeekStart = DEFAULT_WEEK_START,
): StreakUpdate {
  const unchanged = { state, changed: false, frozenPeriods: [], freezeEarned: false, restarted: false }
  const missed = missedPeriods(state, dayKey, type, weekStartsOn)

  if (missed < 0) {
    // Same period (or an earlier one): already counted. Weekly/monthly keep the latest day seen.
    if (state.lastActivityDate !== null && dayKey > state.lastActivityDate && missed === -1 && type !== 'daily') {
      return { ...unchanged, state: { ...state, lastActivityDate: dayKey }, changed: true }
    }
    return unchanged
  }

  const continues = state.isActive && state.lastActivityDate !== null && coverableByFreezes(missed, state, type)
  const frozenPeriods =
    continues && missed > 0
      ? Array.from({ length: missed }, (_, i) => addDays(state.lastActivityDate as string, i + 1))
      : []
  const currentCount = continues ? state.currentCount + 1 : 1
  let freezesHeld = state.freezesHeld - frozenPeriods.length
  const freezeEarned = type === 'daily' && currentCount % FREEZE_EARNED_EVERY === 0 && freezesHeld < MAX_FREEZES_HELD
  if (freezeEarned) freezesHeld++

  return {
    state: {
      currentCount,
      longestCount: Math.max(state.longestCount, currentCount),
      startDate: continues ? state.startDate : dayKey,
      lastActivityDate: dayKey,
      freezesHeld,
      isActive: true,
    },
    changed: true,
    frozenPeriods,
    freezeEarned,
    restarted: !continues && state.lastActivityDate !== null,
  }
}

export type StreakStatus = {
  /** the count to show today */
  count: number
  alive: boolean
  /** today's period already counts */
  doneThisPeriod: boolean
  /** freezes the next qualifying day will use for the days missed so far (daily only) */
  freezesToBeUsed: number
}

/**
 * What the streak looks like on `todayKey`, without changing anything (no freeze is consumed).
 * The run is alive while it can still continue — the last qualifying period was this one or the
 * one before, or (daily) the days missed since are at most the freezes held — and shows 0 once not.
 */
export function streakStatusAsOf(
  state: StreakState,
  todayKey: string,
  type: StreakType = 'daily',
  weekStartsOn: WeekStart = DEFAULT_WEEK_START,
): StreakStatus {
  const missed = missedPeriods(state, todayKey, type, weekStartsOn)
  const alive = state.isActive && state.lastActivityDate !== null && coverableByFreezes(missed, state, type)
  return {
    count: alive ? state.currentCount : 0,
    alive,
    doneThisPeriod: alive && missed < 0,
    freezesToBeUsed: alive ? Math.max(0, missed) : 0,
  }
}
