import type { Plan, Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { NotFound } from '~/utils/errors.server'
import { effectiveAccess, planForProduct } from './plans'
import type { PaymentsStatus } from './payments'
import { paymentsProvider, paymentsStatus } from './payments.server'
import { formatDay } from '~/utils/time'

/** What the billing pages show of a subscription (plain values, safe to send to the browser). */
const SUMMARY_SELECT = {
  id: true,
  plan: true,
  status: true,
  seats: true,
  amountCents: true,
  currency: true,
  recurringInterval: true,
  currentPeriodEnd: true,
  cancelAtPeriodEnd: true,
  endedAt: true,
} as const

export interface SubscriptionSummary {
  id: string
  plan: Plan
  status: string
  seats: number | null
  amountCents: number
  currency: string
  interval: string
  /** ISO; renewal date, or the end of access after a cancel */
  periodEnd: string | null
  cancelAtPeriodEnd: boolean
  ended: boolean
}

type Row = Prisma.SubscriptionGetPayload<{ select: typeof SUMMARY_SELECT }>

function summary(row: Row | null): SubscriptionSummary | null {
  if (!row) return null
  return {
    id: row.id,
    plan: row.plan,
    status: row.status,
    seats: row.seats,
    amountCents: row.amountCents,
    currency: row.currency,
    interval: row.recurringInterval ?? 'month',
    periodEnd: row.currentPeriodEnd?.toISOString() ?? null,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    ended: row.endedAt !== null,
  }
}

/** The user's own (not a team's) newest subscription. */
export async function personalSubscription(userId: string): Promise<SubscriptionSummary | null> {
  return summary(
    await prisma.subscription.findFirst({
      where: { userId, teamId: null },
      select: SUMMARY_SELECT,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    }),
  )
}

export interface TeamBilling {
  subscription: SubscriptionSummary | null
  seatLimit: number
  members: number
  /** this viewer pays for the team's subscription (the portal manages it) */
  payer: boolean
  periodEnd: string | null
  payments: PaymentsStatus
}

/**
 * The team page's billing section, for a viewer who manages the team's billing: the
 * subscription that grants the team access now — the same one a seat change goes to.
 */
export async function teamBilling(
  teamId: string,
  viewer: { id: string; timezone: string },
  seats: { limit: number; members: number },
): Promise<TeamBilling> {
  const current = await currentTeamSubscription(teamId)
  const live = summary(current)
  return {
    subscription: live,
    seatLimit: seats.limit,
    members: seats.members,
    payer: current !== null && current.userId === viewer.id,
    periodEnd: live?.periodEnd ? formatDay(live.periodEnd, viewer.timezone) : null,
    payments: paymentsStatus(),
  }
}

/** Teams whose billing this user manages (owner or admin). */
export function billingTeamsOf(userId: string) {
  return prisma.teamMember.findMany({
    where: { userId, role: { in: ['owner', 'admin'] }, team: { archivedAt: null } },
    select: { team: { select: { id: true, name: true, seatLimit: true } } },
    orderBy: { createdAt: 'asc' },
  })
}

// ─── The success page ───────────────────────────────────────────────────────

export interface PendingCheckout {
  plan: 'premium' | 'team'
  teamId: string | null
  seats: number | null
  createdAt: Date
}

/**
 * The checkout the success page was sent back for, as the provider holds it, if it
 * is this user's. Anyone else's, an unknown one, or any with payments off is NotFound.
 */
export async function pendingCheckout(
  checkoutId: string,
  userId: string,
  provider = paymentsProvider(),
): Promise<PendingCheckout> {
  const checkout = provider ? await provider.readCheckout(checkoutId, userId) : null
  if (!checkout) throw new NotFound('This checkout does not exist.')
  const env = getEnv()
  const plan = planForProduct(checkout.productId, { premium: env.POLAR_PRODUCT_PREMIUM, team: env.POLAR_PRODUCT_TEAM })
  if (!plan) throw new NotFound('This checkout is not for a Questlog plan.')
  return { plan, teamId: checkout.teamId, seats: checkout.seats, createdAt: checkout.createdAt }
}

/** Has a webhook made this checkout's subscription real (active, created since the checkout)? */
export async function checkoutIsReal(userId: string, checkout: PendingCheckout): Promise<boolean> {
  // Polar's clock and ours may differ a little.
  const since = new Date(checkout.createdAt.getTime() - 5 * 60 * 1000)
  const found = await prisma.subscription.findFirst({
    where: {
      userId,
      teamId: checkout.teamId,
      plan: checkout.plan,
      status: { in: ['active', 'trialing'] },
      endedAt: null,
      createdAt: { gte: since },
    },
    select: { id: true },
  })
  return found !== null
}

// ─── Subscriptions a user can change (the portal, seat changes) ─────────────

const PORTAL_SELECT = {
  ...SUMMARY_SELECT,
  polarSubscriptionId: true,
  polarCustomerId: true,
  productId: true,
  userId: true,
  teamId: true,
  currentPeriodStart: true,
  startedAt: true,
  canceledAt: true,
  modifiedAt: true,
  createdAt: true,
  team: { select: { name: true } },
} as const

/** The subscriptions this user pays for (the sandbox portal lists them). */
export function subscriptionsPaidBy(userId: string) {
  return prisma.subscription.findMany({
    where: { userId },
    select: PORTAL_SELECT,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  })
}
export type PortalSubscription = Awaited<ReturnType<typeof subscriptionsPaidBy>>[number]

/** The team subscription that grants access now, if any: its seats are changed rather than a second one bought. */
export async function currentTeamSubscription(teamId: string, now = new Date()): Promise<PortalSubscription | null> {
  const subscriptions = await prisma.subscription.findMany({
    where: { teamId, type: 'team' },
    select: PORTAL_SELECT,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  })
  return subscriptions.find((s) => effectiveAccess(s, now)) ?? null
}
