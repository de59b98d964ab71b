/**
 * Seasonal windows (docs/achievements.md). A window is two inclusive learner-local days, both in
 * one of two forms:
 *  - "MM-DD": every year, e.g. 12-01 … 12-31; a window may cross New Year (12-20 … 01-06);
 *  - "YYYY-MM-DD": once, e.g. a launch week 2027-03-01 … 2027-03-07.
 * "Today" is the learner's day key (User.timezone and dayStartHour, app/utils/time.ts), so the same
 * instant can be inside the window for one learner and outside for another. Pure.
 */
import { isDayKey } from '~/utils/time'

const MONTH_DAY = /^(\d{2})-(\d{2})$/
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** "02-29" is a valid yearly day (it simply does not come in other years: 02-28 … 03-01 still holds it). */
export function isMonthDay(value: string): boolean {
  const m = MONTH_DAY.exec(value)
  if (!m) return false
  const [month, day] = [Number(m[1]), Number(m[2])]
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!
}

export type SeasonBoundsProblem = string | null

/** Why two bounds do not make a window, or null when they do. */
export function seasonProblem(start: string, end: string): SeasonBoundsProblem {
  const yearly = isMonthDay(start) && isMonthDay(end)
  const once = isDayKey(start) && isDayKey(end)
  if (!yearly && !once) return 'start and end must both be "MM-DD" (every year) or both "YYYY-MM-DD" (once)'
  if (once && start > end) return 'end must not be before start'
  return null
}

/** Whether the learner day `todayKey` ("YYYY-MM-DD") lies inside the window. */
export function inSeason(todayKey: string, start: string, end: string): boolean {
  if (isDayKey(start)) return start <= todayKey && todayKey <= end
  const monthDay = todayKey.slice(5)
  // Text order of "MM-DD" is calendar order within a year; a window whose end comes first wraps.
  return start <= end ? start <= monthDay && monthDay <= end : monthDay >= start || monthDay <= end
}
