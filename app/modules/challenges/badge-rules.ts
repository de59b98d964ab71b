/**
 * Badges a challenge awards when it ends (docs/challenges.md, "Badges"). Pure. Each is awarded at
 * most once per learner and challenge (the unique index of UserChallengeBadge), and only to
 * someone who scored: a board where nobody scored has no winner.
 */
import { addDays } from '~/utils/time'

export type BadgeKey =
  'challenge-winner' | 'challenge-podium' | 'challenge-top-10' | 'challenge-finisher' | 'challenge-streak'

export interface BadgeDefinition {
  key: BadgeKey
  name: string
  description: string
  icon: string
  /** placing badges: the final ranks that earn it */
  ranks?: { from: number; to: number }
}

/** Days in a row with a right answer in scope, inside the window, for the streak badge. */
export const STREAK_BADGE_DAYS = 3

/** The reusable badges (Badge rows with challengeId null), best placing first. A learner gets one placing badge: the best. */
export const CHALLENGE_BADGES: readonly BadgeDefinition[] = [
  {
    key: 'challenge-winner',
    name: 'Challenge winner',
    description: 'Finished first in a challenge.',
    icon: '🥇',
    ranks: { from: 1, to: 1 },
  },
  {
    key: 'challenge-podium',
    name: 'Podium',
    description: 'Finished in the top 3 of a challenge.',
    icon: '🥈',
    ranks: { from: 2, to: 3 },
  },
  {
    key: 'challenge-top-10',
    name: 'Top 10',
    description: 'Finished in the top 10 of a challenge.',
    icon: '🏅',
    ranks: { from: 4, to: 10 },
  },
  { key: 'challenge-finisher', name: 'Finisher', description: 'Scored in a challenge by its end.', icon: '🏁' },
  {
    key: 'challenge-streak',
    name: 'Steady',
    description: `Practised ${STREAK_BADGE_DAYS} days in a row inside a challenge.`,
    icon: '🔥',
  },
]

export const BADGE_BY_KEY = new Map(CHALLENGE_BADGES.map((b) => [b.key, b]))

/** The most consecutive learner days among these day keys ("YYYY-MM-DD"). */
export function longestRun(dayKeys: readonly string[]): number {
  const days = [...new Set(dayKeys)].sort()
  let best = 0
  let run = 0
  days.forEach((day, i) => {
    run = i > 0 && addDays(days[i - 1]!, 1) === day ? run + 1 : 1
    best = Math.max(best, run)
  })
  return best
}

/** The badges of one participant at the end: the placing of their final rank, finishing, a streak. */
export function badgesFor({
  rank,
  score,
  activeDays,
}: {
  rank: number
  score: number
  activeDays: readonly string[]
}): BadgeKey[] {
  if (score <= 0) return []
  const placing = CHALLENGE_BADGES.find((b) => b.ranks && rank >= b.ranks.from && rank <= b.ranks.to)
  return [
    ...(placing ? [placing.key] : []),
    'challenge-finisher',
    ...(longestRun(activeDays) >= STREAK_BADGE_DAYS ? (['challenge-streak'] as const) : []),
  ]
}

/** A badge a learner holds, as pages and the trophy case show it. */
export interface EarnedBadge {
  key: string
  name: string
  description: string | null
  icon: string | null
  rank: number | null
  awardedAt: string
  challenge: { id: string; title: string }
}
