import type { SubscriptionStatus } from '~/generated/prisma/client'
import { PAST_DUE_GRACE_DAYS } from '~/modules/billing/plans'

/** Subscription states at the edges of access, shared by the TypeScript rule's and the SQL rule's tests. */
const END = new Date('2026-12-01T00:00:00Z')
const at = (ms: number) => new Date(END.getTime() + ms)
const DAY = 24 * 60 * 60 * 1000

export type AccessRow = [
  string,
  SubscriptionStatus,
  { cancel?: boolean; periodEnd?: Date | null; endedAt?: Date | null },
  Date,
  boolean,
]

export const ACCESS_CASES: AccessRow[] = [
  ['active, mid period', 'active', {}, at(-DAY), true],
  ['active, period over but renewal not reported yet', 'active', {}, at(DAY), true],
  ['active without a period end', 'active', { periodEnd: null }, at(0), true],
  ['trialing', 'trialing', {}, at(-DAY), true],
  ['canceled at period end, 1 ms before the end', 'active', { cancel: true }, at(-1), true],
  ['canceled at period end, at the end', 'active', { cancel: true }, at(0), false],
  ['status canceled, period still running', 'canceled', {}, at(-1), true],
  ['status canceled, period over', 'canceled', {}, at(0), false],
  ['status canceled, no period end', 'canceled', { periodEnd: null }, at(-DAY), false],
  ['revoked: endedAt reached', 'canceled', { endedAt: at(-2 * DAY) }, at(-DAY), false],
  ['revoked while status still active', 'active', { endedAt: at(-DAY) }, at(-DAY), false],
  ['endedAt in the future (scheduled)', 'active', { endedAt: at(0), cancel: true }, at(-1), true],
  ['past_due inside the grace period', 'past_due', {}, at(PAST_DUE_GRACE_DAYS * DAY - 1), true],
  ['past_due at the end of the grace period', 'past_due', {}, at(PAST_DUE_GRACE_DAYS * DAY), false],
  ['past_due without a period end', 'past_due', { periodEnd: null }, at(0), false],
  ['incomplete', 'incomplete', {}, at(-DAY), false],
  ['incomplete_expired', 'incomplete_expired', {}, at(-DAY), false],
  ['unpaid', 'unpaid', {}, at(-DAY), false],
  ['paused', 'paused', {}, at(-DAY), false],
]

export function accessFacts(status: SubscriptionStatus, o: AccessRow[2]) {
  return {
    status,
    cancelAtPeriodEnd: o.cancel ?? false,
    currentPeriodEnd: o.periodEnd === undefined ? END : o.periodEnd,
    endedAt: o.endedAt ?? null,
  }
}
