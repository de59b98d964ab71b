/**
 * Words for the trophy case (pure): category titles, seasonal windows and the rarity share.
 */
import { isMonthDay } from './season-rules'

const CATEGORY_TITLES: Record<string, string> = {
  xp: 'XP',
  topics: 'Topics',
  streaks: 'Streaks',
  reviews: 'Reviews',
  quests: 'Quests',
  concepts: 'Concepts',
  combos: 'Combinations',
  seasonal: 'Seasonal',
}

/** "combos" → "Combinations"; a category without a title of its own is its slug, capitalised. */
export function categoryTitle(category: string): string {
  return CATEGORY_TITLES[category] ?? category.charAt(0).toUpperCase() + category.slice(1).replace(/-/g, ' ')
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** "12-01" → "1 December"; "2027-03-01" → "1 March 2027". */
export function seasonDay(bound: string): string {
  const [month, day] = (isMonthDay(bound) ? bound : bound.slice(5)).split('-').map(Number)
  const text = `${day} ${MONTHS[month! - 1]}`
  return isMonthDay(bound) ? text : `${text} ${bound.slice(0, 4)}`
}

/** "every year from 20 December to 6 January" / "from 1 March 2027 to 7 March 2027". */
export function seasonLabel(season: { start: string; end: string }): string {
  const range = `from ${seasonDay(season.start)} to ${seasonDay(season.end)}`
  return isMonthDay(season.start) ? `every year ${range}` : range
}

export interface RarityShare {
  /** active learners who hold it */
  holders: number
  activeLearners: number
  /** whole percent, rounded; null when nobody was active */
  percent: number | null
}

export function rarityShare(holders: number, activeLearners: number): RarityShare {
  const percent = activeLearners > 0 ? Math.round((100 * holders) / activeLearners) : null
  // Rounding must not claim "0 %" for a trophy somebody holds, nor "100 %" for one somebody lacks.
  const shown =
    percent === null
      ? null
      : holders > 0 && percent === 0
        ? 1
        : holders < activeLearners && percent === 100
          ? 99
          : percent
  return { holders, activeLearners, percent: shown }
}

/** "held by 12 % of active learners" */
export function shareLabel(share: RarityShare): string {
  if (share.percent === null) return 'no learner has been active lately'
  return `held by ${share.percent} % of active learners`
}

/** One of the learner's latest unlocks (`recentUnlocks`, the dashboard's card). */
export interface RecentUnlock {
  key: string
  name: string
  icon: string | null
  rarity: string
  xpReward: number
  unlockedAt: string
}
