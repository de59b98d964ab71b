/**
 * AI usage limits, the pure part. Usage is counted per user per billing month,
 * a "YYYY-MM" key in UTC (AIUsage.usageMonth, AIUsageMonthly.usageMonth). An
 * allowance of `null` means unlimited.
 */

export const AI_LIMIT_MESSAGE = 'Monthly AI limit reached — upgrade for more'
export const UPGRADE_URL = '/billing'

/** A request counted against this month's allowance. */
export interface AiReservationGranted {
  ok: true
  usageMonth: string
  /** requests this month, this one included */
  used: number
  limit: number | null
}

/** The allowance was used up; nothing was counted. */
export interface AiReservationRefused {
  ok: false
  used: number
  limit: number
  message: typeof AI_LIMIT_MESSAGE
}

export type AiReservation = AiReservationGranted | AiReservationRefused

const USAGE_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

/** The billing month of an instant: "YYYY-MM" in UTC. */
export function usageMonth(now: Date): string {
  if (Number.isNaN(now.getTime())) throw new RangeError('usageMonth needs a valid date')
  return now.toISOString().slice(0, 7)
}

export function isUsageMonth(value: string): boolean {
  return USAGE_MONTH.test(value)
}

/** When the billing month after `month` begins (midnight UTC on its first day): the allowance resets then. */
export function usageMonthEnd(month: string): Date {
  const match = USAGE_MONTH.exec(month)
  if (!match) throw new RangeError(`not a usage month: ${month}`)
  return new Date(Date.UTC(Number(match[1]), Number(match[2]), 1))
}

/** Requests still allowed this month; null when unlimited. Never negative (a lowered allowance can sit below usage). */
export function remaining(used: number, limit: number | null): number | null {
  return limit === null ? null : Math.max(0, limit - used)
}

/** Share of the allowance used, 0..1, for a progress bar; null when unlimited. */
export function usedShare(used: number, limit: number | null): number | null {
  if (limit === null) return null
  if (limit <= 0) return 1
  return Math.min(1, Math.max(0, used / limit))
}
