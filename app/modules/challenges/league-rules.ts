import type { LeagueOutcome } from '~/generated/prisma/client'
import { type WeekStart, addDays, dayStartInstant, learnerDay, startOfWeek } from '~/utils/time'
import { competitionRanks } from './ranking-rules'

/**
 * Weekly leagues (docs/leagues.md), pure: tiers, how learners of one tier and week are split
 * into cohorts, the learner's league week in their time zone, and the standings that decide
 * promotion and demotion when a cohort ends.
 */

/** Tier 1 is the lowest. */
export const TIERS = ['Bronze', 'Silver', 'Gold', 'Sapphire', 'Diamond'] as const
export const LOWEST_TIER = 1
export const HIGHEST_TIER = TIERS.length

export function tierName(tier: number): string {
  return TIERS[Math.min(HIGHEST_TIER, Math.max(LOWEST_TIER, tier)) - 1]!
}

// ─── Cohorts ────────────────────────────────────────────────────────────────

export const COHORT_TARGET = 30
export const COHORT_MIN = 25
export const COHORT_MAX = 35

/**
 * How `n` learners of one tier and week start are split, sizes as even as possible (largest
 * first): into cohorts of 25–35 whenever such a split exists (k cohorts when 25k ≤ n ≤ 35k),
 * the one whose size is nearest 30; otherwise (below 25, 36–49, 71–74) the split nearest 30,
 * ties to fewer cohorts — one cohort up to 40, then two of 20–25.
 */
export function cohortSizes(n: number): number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`cohortSizes needs a whole number ≥ 0, got ${n}`)
  if (n === 0) return []
  // k cohorts of 25–35 exist when 25k ≤ n ≤ 35k; prefer those, then the size nearest 30 (ties: fewer cohorts)
  const fits = (k: number) => COHORT_MIN * k <= n && n <= COHORT_MAX * k
  const distance = (k: number) => Math.abs(n / k - COHORT_TARGET)
  let best = 1
  for (let k = 2; k <= Math.ceil(n / COHORT_MIN) + 1; k++) {
    const better = fits(k) !== fits(best) ? fits(k) : distance(k) < distance(best)
    if (better) best = k
  }
  const base = Math.floor(n / best)
  return Array.from({ length: best }, (_, i) => base + (i < n % best ? 1 : 0))
}

/**
 * Where a learner who starts their week joins, given the sizes of the open cohorts of their
 * tier and week start (learners arrive one by one, lazily, so nobody is moved later): a new
 * cohort when the split of everyone so far (cohortSizes) has more cohorts than exist, or when
 * every cohort is full (35); otherwise the smallest cohort. Cohorts so never exceed 35, and
 * each but the newest holds at least 25 once 50 or more learners have arrived.
 */
export function chooseCohort(sizes: readonly number[]): number | 'new' {
  const total = sizes.reduce((a, b) => a + b, 0)
  if (sizes.length < cohortSizes(total + 1).length) return 'new'
  let smallest = -1
  sizes.forEach((size, i) => {
    if (size < COHORT_MAX && (smallest < 0 || size < sizes[smallest]!)) smallest = i
  })
  return smallest < 0 ? 'new' : smallest
}

// ─── The learner's week ─────────────────────────────────────────────────────

export interface LeagueClock {
  timezone: string
  dayStartHour: number
  weekStartsOn: WeekStart
}

export interface LeagueWeek {
  /** the first learner day of the week, "YYYY-MM-DD" (LeagueCohort/LeagueMembership.weekStart) */
  weekStart: string
  /** the instant it began: the learner's day-start hour on that day, in their zone */
  startsAt: Date
  /** the instant it ends: the same hour seven local days later (167 or 169 hours across a DST change) */
  endsAt: Date
}

/** The league week an instant belongs to for a learner: their day, their week start, their zone. */
export function leagueWeek(now: Date, clock: LeagueClock): LeagueWeek {
  const weekStart = startOfWeek(learnerDay(now, clock.timezone, clock.dayStartHour), clock.weekStartsOn)
  return {
    weekStart,
    startsAt: dayStartInstant(weekStart, clock.timezone, clock.dayStartHour),
    endsAt: dayStartInstant(addDays(weekStart, 7), clock.timezone, clock.dayStartHour),
  }
}

/** The week before (a learner's last league week, whose outcome sets this week's tier). */
export const previousWeekStart = (weekStart: string) => addDays(weekStart, -7)
export const nextWeekStart = (weekStart: string) => addDays(weekStart, 7)

/** "2 days 5 hours", "3 hours 10 minutes", "12 minutes", "ended". */
export function timeLeftLabel(now: Date, endsAt: Date): string {
  const minutes = Math.floor((endsAt.getTime() - now.getTime()) / 60_000)
  if (minutes <= 0) return 'ended'
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const mins = minutes % 60
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  if (days > 0) return hours > 0 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day')
  if (hours > 0) return mins > 0 ? `${unit(hours, 'hour')} ${unit(mins, 'minute')}` : unit(hours, 'hour')
  return unit(mins, 'minute')
}

// ─── Standings ──────────────────────────────────────────────────────────────

/** How many move up and down at the end of a week. */
export const PROMOTED = 5
export const DEMOTED = 5

/** The tier a learner plays in this week: last week's adjusted by its outcome; 1 for a newcomer. */
export function tierAfter(last: { tier: number; outcome: LeagueOutcome | null } | null): number {
  if (!last) return LOWEST_TIER
  const move = last.outcome === 'promoted' ? 1 : last.outcome === 'demoted' ? -1 : 0
  return Math.min(HIGHEST_TIER, Math.max(LOWEST_TIER, last.tier + move))
}

export type Zone = 'promotion' | 'demotion' | null

/**
 * Where a rank stands in a cohort of `size` in `tier`: the top 5 go up (with XP earned, and not
 * from the highest tier), the bottom 5 go down (not from the lowest tier, and never one of the
 * top 5, so a small cohort demotes fewer). Ties share a rank, so learners tied on the edge of a
 * zone are all in it (top) or all spared (bottom).
 */
export function zoneOf(rank: number, xp: number, size: number, tier: number): Zone {
  if (rank <= PROMOTED && xp > 0 && tier < HIGHEST_TIER) return 'promotion'
  if (rank > Math.max(size - DEMOTED, PROMOTED) && tier > LOWEST_TIER) return 'demotion'
  return null
}

export const outcomeOf = (zone: Zone): LeagueOutcome =>
  zone === 'promotion' ? 'promoted' : zone === 'demotion' ? 'demoted' : 'stayed'

export interface Standing<M> {
  member: M
  rank: number
  zone: Zone
}

/**
 * A cohort's standings: most XP first (standard competition ranking, ties share a rank; inside a
 * tie, who reached the XP first is listed first — the order means nothing for rank or outcome).
 */
export function standings<M extends { xp: number; xpReachedAt: Date }>(
  members: readonly M[],
  tier: number,
): Standing<M>[] {
  const sorted = [...members].sort((a, b) => b.xp - a.xp || a.xpReachedAt.getTime() - b.xpReachedAt.getTime())
  const ranks = competitionRanks(sorted.map((m) => m.xp))
  return sorted.map((member, i) => ({
    member,
    rank: ranks[i]!,
    zone: zoneOf(ranks[i]!, member.xp, sorted.length, tier),
  }))
}

/** The name others see for a learner on a board: "A learner" when they hide from boards. */
export function boardName(
  person: { name: string | null; username: string | null; hideFromBoards: boolean },
  isMe: boolean,
) {
  if (person.hideFromBoards && !isMe) return 'A learner'
  return person.name ?? person.username ?? 'A learner'
}
