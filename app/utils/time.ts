/**
 * The one home of time. A learner's day is a day key "YYYY-MM-DD" in their IANA time zone,
 * starting at their day-start hour (default 04:00 local). Everything that counts days —
 * daily XP tiers, streaks, the daily goal, stage review dates — works on these keys, and
 * day keys are counted with calendar arithmetic on their date parts, never by dividing
 * milliseconds by 86 400 000 (a local day can be 23, 24 or 25 hours long).
 */

export const DEFAULT_DAY_START_HOUR = 4

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number }

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/
const SECOND = 1000
const HOUR = 3600 * SECOND
/** Wide enough to see the offsets on both sides of any daylight-saving change near an instant. */
const OFFSET_PROBE = 36 * HOUR

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** The local wall-clock reading of an instant in a time zone. */
function wallClock(epochMs: number, timeZone: string): Wall {
  const wall: Wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 }
  for (const part of formatter(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type in wall) wall[part.type as keyof Wall] = Number(part.value)
  }
  if (wall.hour === 24) wall.hour = 0 // some ICU versions say 24:00 for midnight
  return wall
}

/** A wall-clock reading encoded as if it were UTC: comparable, and (wall − instant) is the offset. */
function wallMs(w: Wall): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
}

function offsetMs(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / SECOND) * SECOND
  return wallMs(wallClock(whole, timeZone)) - whole
}

function checkHour(dayStartHour: number): void {
  if (!Number.isInteger(dayStartHour) || dayStartHour < 0 || dayStartHour > 23) {
    throw new RangeError(`dayStartHour must be an integer from 0 to 23, got ${dayStartHour}`)
  }
}

// ── Day keys as day numbers (days since 1970-01-01), by civil-calendar arithmetic ──────────────
// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.

function dayNumberOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

function keyOfDayNumber(n: number): string {
  const z = n + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return formatDayKey(year, month, day)
}

function formatDayKey(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function parseDayKey(dayKey: string): { year: number; month: number; day: number } {
  const m = DAY_KEY.exec(dayKey)
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
    if (month >= 1 && month <= 12 && day >= 1 && keyOfDayNumber(dayNumberOf(year, month, day)) === dayKey) {
      return { year, month, day }
    }
  }
  throw new RangeError(`Not a day key (YYYY-MM-DD): ${JSON.stringify(dayKey)}`)
}

/** Days since 1970-01-01 of a day key (1970-01-01 → 0). */
export function dayNumber(dayKey: string): number {
  const { year, month, day } = parseDayKey(dayKey)
  return dayNumberOf(year, month, day)
}

export function isDayKey(value: string): boolean {
  try {
    parseDayKey(value)
    return true
  } catch {
    return false
  }
}

// ── Instants ↔ learner days ───────────────────────────────────────────────────────────────────

/**
 * The learner-local day an instant belongs to: the local calendar date, or the date before when
 * the local wall clock shows an hour before `dayStartHour` (03:59 with the default 4 belongs to
 * yesterday). Reading the wall clock, rather than subtracting hours, keeps 23- and 25-hour days right.
 */
export function learnerDay(instant: Date, timeZone: string, dayStartHour = DEFAULT_DAY_START_HOUR): string {
  checkHour(dayStartHour)
  const w = wallClock(instant.getTime(), timeZone)
  const n = dayNumberOf(w.year, w.month, w.day)
  return keyOfDayNumber(w.hour < dayStartHour ? n - 1 : n)
}

/**
 * The instant a learner day begins: local `dayStartHour`:00 on that date. When that wall time
 * happens twice (autumn), the first one; when it does not exist (spring), the first instant after
 * the gap. So `learnerDay(dayStartInstant(k)) === k` and the second before belongs to the day before.
 */
export function dayStartInstant(dayKey: string, timeZone: string, dayStartHour = DEFAULT_DAY_START_HOUR): Date {
  checkHour(dayStartHour)
  return localTimeInstant(dayKey, dayStartHour * 60, timeZone)
}

/**
 * The instant the local wall clock of `timeZone` shows `minuteOfDay` (0–1439) on the calendar
 * date `dayKey`. When that wall time happens twice (autumn), the first one; when it does not
 * exist (spring), the first instant after the gap.
 */
export function localTimeInstant(dayKey: string, minuteOfDay: number, timeZone: string): Date {
  if (!Number.isInteger(minuteOfDay) || minuteOfDay < 0 || minuteOfDay > 1439) {
    throw new RangeError(`minuteOfDay must be an integer from 0 to 1439, got ${minuteOfDay}`)
  }
  const { year, month, day } = parseDayKey(dayKey)
  const target = Date.UTC(year, month - 1, day, 0, minuteOfDay)
  const before = offsetMs(target - OFFSET_PROBE, timeZone)
  const after = offsetMs(target + OFFSET_PROBE, timeZone)
  const offsets = new Set([before, offsetMs(target, timeZone), after])
  const matches = [...offsets].map((o) => target - o).filter((t) => wallMs(wallClock(t, timeZone)) === target)
  if (matches.length > 0) return new Date(Math.min(...matches))

  // In a spring-forward gap: the wall clock jumps over `target` between these two instants.
  let lo = Math.floor((target - Math.max(before, after)) / SECOND) // wall clock before target
  let hi = Math.ceil((target - Math.min(before, after)) / SECOND) // wall clock at or past target
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (wallMs(wallClock(mid * SECOND, timeZone)) >= target) hi = mid
    else lo = mid
  }
  return new Date(hi * SECOND)
}

/** The local calendar date ("YYYY-MM-DD") and minute of the day (0–1439) of an instant in a time zone. */
export function localDateAndMinute(instant: Date, timeZone: string): { dayKey: string; minute: number } {
  const w = wallClock(instant.getTime(), timeZone)
  return { dayKey: formatDayKey(w.year, w.month, w.day), minute: w.hour * 60 + w.minute }
}

// ── Calendar arithmetic on day keys ─────────────────────────────────────────────────────────────

export function addDays(dayKey: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addDays needs a whole number of days, got ${n}`)
  return keyOfDayNumber(dayNumber(dayKey) + n)
}

/** Calendar days from `fromKey` to `toKey` (negative when `toKey` is earlier). */
export function daysBetween(fromKey: string, toKey: string): number {
  return dayNumber(toKey) - dayNumber(fromKey)
}

/** ISO 8601 weekday: Monday 1 … Sunday 7. */
export function isoWeekday(dayKey: string): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(dayKey) + 3) % 7) + 7) % 7) + 1
}

/**
 * The day a learner's week starts on, as an ISO weekday (isoWeekday): 1 Monday (the default),
 * 6 Saturday, 7 Sunday (User.weekStartsOn).
 */
export type WeekStart = 1 | 2 | 3 | 4 | 5 | 6 | 7
export const DEFAULT_WEEK_START: WeekStart = 1

/** A stored weekStartsOn, or Monday when the column holds something else. */
export function asWeekStart(value: number): WeekStart {
  return Number.isInteger(value) && value >= 1 && value <= 7 ? (value as WeekStart) : DEFAULT_WEEK_START
}

/** The first day of the week a day belongs to, for weeks starting on `weekStartsOn`. */
export function startOfWeek(dayKey: string, weekStartsOn: WeekStart = DEFAULT_WEEK_START): string {
  return addDays(dayKey, -((isoWeekday(dayKey) - weekStartsOn + 7) % 7))
}

/** ISO 8601 week "YYYY-Www": the week-year is the year of the week's Thursday (2020-12-31 → 2020-W53). */
export function isoWeekKey(dayKey: string): string {
  const thursday = dayNumber(dayKey) + 4 - isoWeekday(dayKey)
  const weekYear = Number(keyOfDayNumber(thursday).slice(0, 4))
  const week = Math.floor((thursday - dayNumberOf(weekYear, 1, 1)) / 7) + 1
  return `${String(weekYear).padStart(4, '0')}-W${String(week).padStart(2, '0')}`
}

/** "YYYY-MM" of a day key. */
export function monthKey(dayKey: string): string {
  parseDayKey(dayKey)
  return dayKey.slice(0, 7)
}

/** The first day of the month of a day key. */
export function startOfMonth(dayKey: string): string {
  return `${monthKey(dayKey)}-01`
}

/** The `n` day keys ending with `todayKey`, oldest first (for "the last 30 days" charts). */
export function lastNDays(todayKey: string, n: number): string[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`lastNDays needs a whole number ≥ 0, got ${n}`)
  const today = dayNumber(todayKey)
  return Array.from({ length: n }, (_, i) => keyOfDayNumber(today - (n - 1) + i))
}

/** "2026-01-02 03:04:05 UTC" from an ISO instant: the same text on the server and in the browser (no locale, no hydration mismatch). */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`
}

// ── Dates as people read them ───────────────────────────────────────────────────────────────────
// Every date a page shows is formatted here (English, day before month), in a time zone the caller
// names — the viewer's, or UTC for a day key — so the server and the browser render the same text.

/** One formatter per option set and zone: building an Intl.DateTimeFormat is costlier than using one. */
const displayFormatters = new Map<string, Intl.DateTimeFormat>()

function displayFormatter(name: string, options: Intl.DateTimeFormatOptions, timeZone: string): Intl.DateTimeFormat {
  const key = `${name} ${timeZone}`
  let f = displayFormatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { ...options, timeZone })
    displayFormatters.set(key, f)
  }
  return f
}

const DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' }
const DAY_AND_TIME: Intl.DateTimeFormatOptions = { ...DAY, hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }
const WEEKDAY_AND_DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' }
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/** "2 Jan 2026": the date of an ISO instant in the viewer's time zone (team, invitation and billing pages). */
export function formatDay(iso: string, timeZone: string): string {
  return displayFormatter('day', DAY, timeZone).format(new Date(iso))
}

/** "2 Jan 2026, 03:04 CET": an instant to the minute, with the zone's abbreviation (the sessions page). */
export function formatDayAndTime(instant: Date, timeZone: string): string {
  return displayFormatter('day-and-time', DAY_AND_TIME, timeZone).format(instant)
}

/** "Fri 6 Mar" for the day key "2026-03-06" (read at noon UTC, so no time zone can shift it). */
export function weekdayDayLabel(dayKey: string): string {
  parseDayKey(dayKey)
  return displayFormatter('weekday-and-day', WEEKDAY_AND_DAY, 'UTC').format(new Date(`${dayKey}T12:00:00Z`))
}

/** "3 Mar" for the day key "2026-03-03": read from the key itself, so no time zone can shift it. */
export function shortDayLabel(dayKey: string): string {
  const [, month, day] = dayKey.split('-').map(Number) as [number, number, number]
  return `${day} ${MONTHS[month - 1] ?? '?'}`
}

/** "Fri, 02 Jan 2026 03:04:05 GMT" from an ISO instant (the RFC 7231 form, as on the feedback receipt). */
export function formatUtcLong(iso: string): string {
  return new Date(iso).toUTCString()
}
