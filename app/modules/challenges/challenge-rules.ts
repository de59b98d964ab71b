/**
 * Challenge windows (docs/challenges.md). Pure. A window is two absolute instants, the same for
 * every participant: the creator types local date-times in their own time zone, each learner
 * reads them in theirs. The end is exclusive: an answer at the end instant is outside.
 */
import { dayStartInstant } from '~/utils/time'

export type ChallengeStatus = 'upcoming' | 'running' | 'ended'

export const STATUS_LABEL: Record<ChallengeStatus, string> = {
  upcoming: 'Upcoming',
  running: 'Running',
  ended: 'Ended',
}

/** A window may last at most this long. */
export const MAX_WINDOW_DAYS = 92
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export function challengeStatus(
  window: { startDate: Date; endDate: Date; finalizedAt?: Date | null },
  now: Date,
): ChallengeStatus {
  if (window.finalizedAt || now >= window.endDate) return 'ended'
  return now < window.startDate ? 'upcoming' : 'running'
}

/** Whether an answer at `at` falls inside the window [start, end). */
export function insideWindow(window: { startDate: Date; endDate: Date }, at: Date): boolean {
  return at >= window.startDate && at < window.endDate
}

/** "YYYY-MM-DDTHH:MM", as an `<input type="datetime-local">` sends it. */
export const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/

/**
 * The instant a wall-clock time names in a time zone. In a spring-forward gap (02:30 on the
 * night clocks jump to 03:00) it is the first instant after the gap; in the repeated hour of a
 * fall-back night, the first of the two.
 */
export function localDateTimeToInstant(local: string, timeZone: string): Date {
  const m = LOCAL_DATE_TIME.exec(local)
  if (!m) throw new RangeError(`not a local date-time: ${local}`)
  const [, day, hour, minute] = m
  return new Date(dayStartInstant(day!, timeZone, Number(hour)).getTime() + Number(minute) * MINUTE)
}

/** The wall-clock "YYYY-MM-DDTHH:MM" of an instant in a time zone (a form's default value). */
export function instantToLocalDateTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}

/** "3 days 4 hours", "5 hours 10 minutes", "under a minute": the time from `now` to `until`. */
export function durationLabel(now: Date, until: Date): string {
  const ms = until.getTime() - now.getTime()
  if (ms < MINUTE) return 'under a minute'
  const days = Math.floor(ms / DAY)
  const hours = Math.floor((ms % DAY) / HOUR)
  const minutes = Math.floor((ms % HOUR) / MINUTE)
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  if (days > 0) return hours > 0 ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day')
  if (hours > 0) return minutes > 0 ? `${unit(hours, 'hour')} ${unit(minutes, 'minute')}` : unit(hours, 'hour')
  return unit(minutes, 'minute')
}

/** Why a window cannot be used, or null: it must end after it starts, in the future, within MAX_WINDOW_DAYS. */
export function windowProblem(window: { startDate: Date; endDate: Date }, now: Date): string | null {
  if (window.endDate <= window.startDate) return 'The end must come after the start.'
  if (window.endDate <= now) return 'The end must be in the future.'
  if (window.endDate.getTime() - window.startDate.getTime() > MAX_WINDOW_DAYS * DAY)
    return `A challenge lasts at most ${MAX_WINDOW_DAYS} days.`
  return null
}

/** The learner days of a window (for the score chart), first to last, from day keys of its ends. */
export function windowDays(firstDay: string, lastDay: string, addDays: (d: string, n: number) => string): string[] {
  const days: string[] = []
  for (let d = firstDay; d <= lastDay && days.length <= MAX_WINDOW_DAYS + 1; d = addDays(d, 1)) days.push(d)
  return days
}
