import type { Plan } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { NotFound } from '~/utils/errors.server'
import type { PolarClient } from './polar-client.server'
import { readSandboxCheckout } from './sandbox.server'

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

interface Row {
  id: string
  plan: Plan
  status: string
  seats: number | null
  amountCents: number
  currency: string
  recurringInterval: string | null
  currentPeriodEnd: Date | null
  cancelAtPeriodEnd: boolean
  endedAt: Date | null
}

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
  return summary(await prisma.subscription.findFirst({ where: { userId, teamId: null }, select: SUMMARY_SELECT, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }))
}

/** The team's newest subscription. */
export async function teamSubscription(teamId: string): Promise<SubscriptionSummary | null> {
  return summary(await prisma.subscription.findFirst({ where: { teamId }, select: SUMMARY_SELECT, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }))
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
 * The checkout the success page was sent back for, if it is this user's: the
 * sandbox token offline, Polar's checkout (by id, from its API) online.
 * Anyone else's, or an unknown one, is NotFound.
 */
export async function pendingCheckout(checkoutId: string, userId: string, polar: PolarClient | null): Promise<PendingCheckout> {
  if (!polar) {
    const lookup = readSandboxCheckout(checkoutId, userId, new Date(0))
    if (!lookup.ok) throw new NotFound('This checkout does not exist.')
    const c = lookup.checkout
    return { plan: c.plan, teamId: c.teamId, seats: c.seats, createdAt: new Date(c.createdAt) }
  }
  let checkout: Awaited<ReturnType<PolarClient['checkouts']['get']>>
  try {
    checkout = await polar.checkouts.get(checkoutId)
  } catch {
    throw new NotFound('This checkout does not exist.')
  }
  if (checkout.external_customer_id !== userId) throw new NotFound('This checkout does not exist.')
  const teamId = typeof checkout.metadata?.teamId === 'string' ? checkout.metadata.teamId : null
  return {
    plan: checkout.product_id === getEnv().POLAR_PRODUCT_TEAM ? 'team' : 'premium',
    teamId,
    seats: checkout.seats ?? null,
    createdAt: new Date(checkout.created_at),
  }
}

/** Has a webhook made this checkout's subscription real (active, created since the checkout)? */
export async function checkoutIsReal(userId: string, checkout: PendingCheckout): Promise<boolean> {
  // Polar's clock and ours may differ a little.
  const since = new Date(checkout.createdAt.getTime() - 5 * 60 * 1000)
  const found = await prisma.subscription.findFirst({
    where: { userId, teamId: checkout.teamId, plan: checkout.plan, status: { in: ['active', 'trialing'] }, endedAt: null, createdAt: { gte: since } },
    select: { id: true },
  })
  return found !== null
}

/** Who pays for a subscription (its user), or null. */
export async function payerOf(subscriptionId: string): Promise<string | null> {
  const row = await prisma.subscription.findUnique({ where: { id: subscriptionId }, select: { userId: true } })
  return row?.userId ?? null
}
