import { addDays, localDateAndMinute, localTimeInstant } from '~/utils/time'

/**
 * When a due delivery may go out (pure; the pass in delivery.server.ts applies it). Quiet hours
 * and the digest hour are read on the learner's wall clock in their CURRENT time zone, at the
 * moment of sending, so a learner who moved is served in the new zone.
 */

export const MINUTES_PER_DAY = 24 * 60
export const DEFAULT_DIGEST_HOUR = 8

export interface QuietHours {
  /** minute of the local day the quiet period starts (inclusive) */
  start: number
  /** minute of the local day it ends (exclusive); before `start` when it crosses midnight */
  end: number
}

/** Quiet hours from the stored columns: none when either is missing or both are the same minute. */
export function quietHoursOf(start: number | null, end: number | null): QuietHours | null {
  if (start === null || end === null || start === end) return null
  return { start, end }
}

export function isQuietMinute(minute: number, quiet: QuietHours): boolean {
  return quiet.start < quiet.end
    ? minute >= quiet.start && minute < quiet.end
    : minute >= quiet.start || minute < quiet.end
}

/** The next instant after `now` at which the local wall clock shows `minuteOfDay` (today's if still ahead). */
export function nextLocalMinute(now: Date, timeZone: string, minuteOfDay: number): Date {
  const { dayKey } = localDateAndMinute(now, timeZone)
  const today = localTimeInstant(dayKey, minuteOfDay, timeZone)
  return today > now ? today : localTimeInstant(addDays(dayKey, 1), minuteOfDay, timeZone)
}

/** The end of the quiet period `now` is in, or null when `now` is not in quiet hours. */
export function quietUntil(now: Date, timeZone: string, quiet: QuietHours | null): Date | null {
  if (!quiet) return null
  const { minute } = localDateAndMinute(now, timeZone)
  return isQuietMinute(minute, quiet) ? nextLocalMinute(now, timeZone, quiet.end) : null
}

/** The latest digest time at or before `now` (today's at digestHour:00 local once it has come, else yesterday's). */
export function lastDigestTime(now: Date, timeZone: string, digestHour: number): Date {
  const { dayKey } = localDateAndMinute(now, timeZone)
  const today = localTimeInstant(dayKey, digestHour * 60, timeZone)
  return today <= now ? today : localTimeInstant(addDays(dayKey, -1), digestHour * 60, timeZone)
}

export type DeliveryDecision = { kind: 'skip'; reason: string } | { kind: 'postpone'; until: Date } | { kind: 'send' }

export interface DeliveryCase {
  now: Date
  channel: 'email' | 'push'
  digest: boolean
  /** when the notification was recorded: a digest item waits for the first digest time after it */
  createdAt: Date
  /** the channel's preference for the type, read at send time */
  enabled: boolean
  /** the learner still exists (not deleted or anonymised) */
  active: boolean
  /** e-mail only: the learner has a verified address */
  verifiedEmail: boolean
  expired: boolean
  timeZone: string
  quiet: QuietHours | null
  digestHour: number
}

/** What the pass does with one due delivery. */
export function decideDelivery(c: DeliveryCase): DeliveryDecision {
  if (!c.active) return { kind: 'skip', reason: 'account deleted' }
  if (!c.enabled) return { kind: 'skip', reason: 'turned off in the preferences' }
  if (c.expired) return { kind: 'skip', reason: 'notification expired' }
  if (c.channel === 'email' && !c.verifiedEmail) return { kind: 'skip', reason: 'no verified e-mail address' }
  const quietEnd = quietUntil(c.now, c.timeZone, c.quiet)
  if (quietEnd) return { kind: 'postpone', until: quietEnd }
  if (c.channel === 'email' && c.digest && c.createdAt > lastDigestTime(c.now, c.timeZone, c.digestHour)) {
    return { kind: 'postpone', until: nextLocalMinute(c.now, c.timeZone, c.digestHour * 60) }
  }
  return { kind: 'send' }
}

/** A push delivery whose devices all failed waits this long after its n-th attempt (index n - 1). */
export const PUSH_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000] as const
export const MAX_PUSH_ATTEMPTS = PUSH_RETRY_DELAYS_MS.length + 1

export type PushResult =
  { kind: 'sent' } | { kind: 'skipped'; reason: string } | { kind: 'retry'; at: Date } | { kind: 'failed' }

/** What a push attempt's outcome makes of the delivery (`attempts` counts this one). */
export function pushResult(
  outcome: { configured: boolean; sent: number; failed: number },
  attempts: number,
  now: Date,
): PushResult {
  if (!outcome.configured) return { kind: 'skipped', reason: 'push is not configured' }
  if (outcome.sent > 0) return { kind: 'sent' }
  if (outcome.failed === 0) return { kind: 'skipped', reason: 'no subscribed device' }
  if (attempts >= MAX_PUSH_ATTEMPTS) return { kind: 'failed' }
  return { kind: 'retry', at: new Date(now.getTime() + PUSH_RETRY_DELAYS_MS[attempts - 1]!) }
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/

/** "22:30" → 1350; null for anything else. */
export function parseTimeOfDay(value: string): number | null {
  const m = HHMM.exec(value)
  return m ? Number(m[1]) * 60 + Number(m[2]) : null
}

/** 1350 → "22:30". */
export function formatTimeOfDay(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
}
