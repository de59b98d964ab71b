import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { ulid } from '~/utils/ulid.server'
import { z } from 'zod'
import { getEnv } from '~/utils/env.server'
import { DomainError, NotFound, Unavailable } from '~/utils/errors.server'
import { log } from '~/utils/log.server'
import type { PaidSubscription, PaymentsProvider } from './payments'
import { PRICE_CENTS } from './plans'
import { signWebhook } from './webhooks.server'

/**
 * The offline sandbox: without Polar credentials, checkout goes to a page of our
 * own (/billing/sandbox/<token>) that plays Polar. "Paying" sends correctly signed
 * webhooks, shaped like Polar's, over HTTP to our own POST /webhooks/polar — the
 * same code path as production, so access is granted by the webhook only.
 *
 * A pending checkout is a signed token (no table): who, plan, team, seats, amount.
 */

const TOKEN_PURPOSE = 'questlog-sandbox-checkout:v1'
const CHECKOUT_TTL_MS = 60 * 60 * 1000

export const SandboxCheckout = z.object({
  id: z.string().min(1),
  userId: z.string().min(1),
  email: z.string(),
  plan: z.enum(['premium', 'team']),
  productId: z.string().min(1),
  teamId: z.string().nullable(),
  seats: z.number().int().positive().nullable(),
  amountCents: z.number().int().nonnegative(),
  currency: z.string(),
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
})
export type SandboxCheckout = z.infer<typeof SandboxCheckout>

function tokenKey(): string {
  return getEnv().sessionSecrets[0]!
}

function mac(payload: string): Buffer {
  return createHmac('sha256', tokenKey()).update(`${TOKEN_PURPOSE}.${payload}`).digest()
}

export function createSandboxCheckout(
  input: Omit<SandboxCheckout, 'id' | 'createdAt' | 'expiresAt'>,
  now = new Date(),
): { token: string; checkout: SandboxCheckout } {
  const checkout: SandboxCheckout = {
    ...input,
    id: ulid(now.getTime()),
    createdAt: now.getTime(),
    expiresAt: now.getTime() + CHECKOUT_TTL_MS,
  }
  const payload = Buffer.from(JSON.stringify(checkout)).toString('base64url')
  return { token: `${payload}.${mac(payload).toString('base64url')}`, checkout }
}

export type SandboxCheckoutLookup =
  { ok: true; checkout: SandboxCheckout } | { ok: false; reason: 'invalid' | 'expired' }

/** The checkout a token describes, if its signature holds and it belongs to this user. */
export function readSandboxCheckout(token: string, userId: string, now = new Date()): SandboxCheckoutLookup {
  const [payload, signature, extra] = token.split('.')
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'invalid' }
  const expected = mac(payload)
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' }
  let parsed: ReturnType<typeof SandboxCheckout.safeParse>
  try {
    parsed = SandboxCheckout.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')))
  } catch {
    return { ok: false, reason: 'invalid' }
  }
  // Someone else's checkout is "not found", exactly like a forged one.
  if (!parsed.success || parsed.data.userId !== userId) return { ok: false, reason: 'invalid' }
  if (parsed.data.expiresAt <= now.getTime()) return { ok: false, reason: 'expired' }
  return { ok: true, checkout: parsed.data }
}

// ─── Polar's payload shapes ─────────────────────────────────────────────────

/** A stable UUID-shaped id for a sandbox object (Polar's ids are UUIDs). */
export function sandboxUuid(seed: string): string {
  const h = createHash('sha256').update(`questlog-sandbox:${seed}`).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

interface SubscriptionState {
  id: string
  customerId: string
  externalCustomerId: string
  email: string
  productId: string
  plan: 'premium' | 'team'
  teamId: string | null
  seats: number | null
  amountCents: number
  currency: string
  status: 'active' | 'canceled'
  createdAt: Date
  startedAt: Date
  periodStart: Date
  periodEnd: Date
  cancelAtPeriodEnd: boolean
  canceledAt: Date | null
  endedAt: Date | null
  checkoutId: string | null
  modifiedAt: Date
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

function customerOf(s: SubscriptionState, now: Date) {
  return {
    id: s.customerId,
    created_at: now.toISOString(),
    modified_at: now.toISOString(),
    metadata: {},
    external_id: s.externalCustomerId,
    email: s.email,
    email_verified: true,
    name: null,
    billing_address: null,
    tax_id: null,
    organization_id: SANDBOX_ORGANIZATION_ID,
    deleted_at: null,
    avatar_url: null,
  }
}

function productOf(s: SubscriptionState, now: Date) {
  return {
    id: s.productId,
    created_at: now.toISOString(),
    modified_at: null,
    name: s.plan === 'team' ? 'Questlog Team (per seat)' : 'Questlog Premium',
    description: null,
    recurring_interval: 'month',
    recurring_interval_count: 1,
    is_recurring: true,
    is_archived: false,
    organization_id: SANDBOX_ORGANIZATION_ID,
    metadata: {},
    prices: [],
    benefits: [],
    medias: [],
    attached_custom_fields: [],
  }
}

const SANDBOX_ORGANIZATION_ID = sandboxUuid('organization')

/** A Polar `Subscription` object (the `data` of subscription.* events). */
export function subscriptionPayload(s: SubscriptionState) {
  const metadata: Record<string, string | number> = s.teamId
    ? { teamId: s.teamId, seats: s.seats ?? 1 }
    : { userId: s.externalCustomerId }
  return {
    created_at: s.createdAt.toISOString(),
    modified_at: s.modifiedAt.toISOString(),
    id: s.id,
    amount: s.amountCents,
    currency: s.currency.toLowerCase(),
    recurring_interval: 'month',
    recurring_interval_count: 1,
    status: s.status,
    current_period_start: s.periodStart.toISOString(),
    current_period_end: s.periodEnd.toISOString(),
    current_meter_period_start: null,
    current_meter_period_end: null,
    trial_start: null,
    trial_end: null,
    cancel_at_period_end: s.cancelAtPeriodEnd,
    canceled_at: iso(s.canceledAt),
    started_at: s.startedAt.toISOString(),
    ends_at: s.cancelAtPeriodEnd ? s.periodEnd.toISOString() : iso(s.endedAt),
    ended_at: iso(s.endedAt),
    pause_at_period_end: false,
    paused_at: null,
    resumes_at: null,
    customer_id: s.customerId,
    product_id: s.productId,
    discount_id: null,
    checkout_id: s.checkoutId,
    seats: s.seats,
    units: null,
    customer_cancellation_reason: null,
    customer_cancellation_comment: null,
    metadata,
    custom_field_data: {},
    customer: customerOf(s, s.modifiedAt),
    product: productOf(s, s.modifiedAt),
    discount: null,
    prices: [],
    meters: [],
    pending_update: null,
  }
}

/** A Polar `Order` object (the `data` of order.paid) for the first period of a subscription. */
function orderPayload(s: SubscriptionState, orderId: string) {
  const subscription = subscriptionPayload(s)
  const { customer, product, ...subscriptionWithoutNested } = subscription
  return {
    id: orderId,
    created_at: s.modifiedAt.toISOString(),
    modified_at: s.modifiedAt.toISOString(),
    status: 'paid',
    paid: true,
    subtotal_amount: s.amountCents,
    discount_amount: 0,
    net_amount: s.amountCents,
    tax_amount: 0,
    total_amount: s.amountCents,
    applied_balance_amount: 0,
    due_amount: 0,
    refunded_amount: 0,
    refunded_tax_amount: 0,
    currency: s.currency.toLowerCase(),
    billing_reason: 'subscription_create',
    billing_name: null,
    billing_address: null,
    invoice_number: `SANDBOX-${orderId.slice(0, 8).toUpperCase()}`,
    is_invoice_generated: false,
    customer_id: s.customerId,
    product_id: s.productId,
    discount_id: null,
    subscription_id: s.id,
    checkout_id: s.checkoutId,
    metadata: subscription.metadata,
    custom_field_data: {},
    customer,
    product,
    discount: null,
    subscription: subscriptionWithoutNested,
    items: [
      {
        label: product.name,
        amount: s.amountCents,
        tax_amount: 0,
        proration: false,
        product_price_id: null,
        id: sandboxUuid(`item:${orderId}`),
        created_at: s.modifiedAt.toISOString(),
        modified_at: null,
      },
    ],
  }
}

// ─── Delivery ───────────────────────────────────────────────────────────────

/**
 * POSTs one event to our own webhook endpoint, signed as Polar signs it.
 * Throws Unavailable (503) when the endpoint did not take it.
 */
export async function deliverWebhook(appOrigin: string, type: string, data: unknown, now = new Date()): Promise<void> {
  const body = JSON.stringify({ type, timestamp: now.toISOString(), data })
  const id = `msg_sandbox_${ulid()}`
  const timestamp = Math.floor(Date.now() / 1000)
  let status: number
  try {
    const response = await fetch(new URL('/webhooks/polar', appOrigin), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(getEnv().POLAR_WEBHOOK_SECRET, id, timestamp, body),
      },
      body,
      redirect: 'manual',
    })
    status = response.status
    await response.body?.cancel()
  } catch (error) {
    log.warn('billing.sandbox.delivery-failed', { type, error: error instanceof Error ? error.message : String(error) })
    throw new Unavailable('The sandbox could not reach the webhook endpoint. Try again.')
  }
  if (status < 200 || status >= 300) {
    log.warn('billing.sandbox.delivery-refused', { type, status })
    throw new Unavailable(`The webhook endpoint answered ${status}. Try again.`)
  }
}

const MONTH_MS = 30 * 24 * 60 * 60 * 1000

/** "Pays" a sandbox checkout: subscription.created, subscription.active and order.paid, in Polar's order. */
export async function paySandboxCheckout(
  checkout: SandboxCheckout,
  appOrigin: string,
  now = new Date(),
): Promise<void> {
  const state: SubscriptionState = {
    id: sandboxUuid(`subscription:${checkout.id}`),
    customerId: sandboxUuid(`customer:${checkout.userId}`),
    externalCustomerId: checkout.userId,
    email: checkout.email,
    productId: checkout.productId,
    plan: checkout.plan,
    teamId: checkout.teamId,
    seats: checkout.seats,
    amountCents: checkout.amountCents,
    currency: checkout.currency,
    status: 'active',
    createdAt: now,
    startedAt: now,
    periodStart: now,
    periodEnd: new Date(now.getTime() + MONTH_MS),
    cancelAtPeriodEnd: false,
    canceledAt: null,
    endedAt: null,
    checkoutId: checkout.id,
    modifiedAt: now,
  }
  await deliverWebhook(appOrigin, 'subscription.created', subscriptionPayload(state), now)
  await deliverWebhook(appOrigin, 'subscription.active', subscriptionPayload(state), now)
  await deliverWebhook(appOrigin, 'order.paid', orderPayload(state, sandboxUuid(`order:${checkout.id}`)), now)
}

/**
 * Polar confirms a payment by webhook a moment after the buyer is sent back, so
 * the sandbox does the same: the buyer sees "processing" until the webhooks land.
 */
export const SANDBOX_WEBHOOK_DELAY_MS = 2000
const inFlight = new Set<Promise<void>>()

/** Pays in the background after `delayMs`; a failure is logged (the success page keeps saying "processing"). */
export function paySandboxCheckoutLater(
  checkout: SandboxCheckout,
  appOrigin: string,
  delayMs = SANDBOX_WEBHOOK_DELAY_MS,
): void {
  const delivery: Promise<void> = new Promise((resolve) => setTimeout(resolve, delayMs))
    .then(() => paySandboxCheckout(checkout, appOrigin))
    .catch((error: unknown) =>
      log.warn('billing.sandbox.payment-failed', {
        checkoutId: checkout.id,
        error: error instanceof Error ? error.message : String(error),
      }),
    )
    .finally(() => inFlight.delete(delivery))
  inFlight.add(delivery)
}

/** Resolves when every background payment has been delivered (tests; shutdown). */
export async function sandboxDeliveriesSettled(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight])
}

// ─── The sandbox customer portal ────────────────────────────────────────────

export type PortalChange = 'cancel' | 'uncancel' | 'revoke' | { seats: number }

/**
 * What Polar sends when the customer changes a subscription in its portal:
 * cancel → updated + canceled (still active until the period ends),
 * uncancel → updated + uncanceled, revoke (immediate) → updated + canceled + revoked,
 * a new seat count → updated (with the new amount).
 */
export async function changeSandboxSubscription(
  sub: PaidSubscription,
  email: string,
  change: PortalChange,
  appOrigin: string,
  now = new Date(),
): Promise<void> {
  // A snapshot is only applied when newer than the one held; never send an older modified_at.
  const modifiedAt = new Date(Math.max(now.getTime(), (sub.modifiedAt?.getTime() ?? 0) + 1))
  const base: SubscriptionState = {
    id: sub.polarSubscriptionId,
    customerId: sub.polarCustomerId,
    externalCustomerId: sub.userId ?? '',
    email,
    productId: sub.productId,
    plan: sub.plan === 'team' ? 'team' : 'premium',
    teamId: sub.teamId,
    seats: sub.seats,
    amountCents: sub.amountCents,
    currency: sub.currency,
    status: 'active',
    createdAt: sub.createdAt,
    startedAt: sub.startedAt ?? sub.createdAt,
    periodStart: sub.currentPeriodStart ?? sub.createdAt,
    periodEnd: sub.currentPeriodEnd ?? new Date(now.getTime() + MONTH_MS),
    cancelAtPeriodEnd: false,
    canceledAt: null,
    endedAt: null,
    checkoutId: null,
    modifiedAt,
  }
  const events: [string, SubscriptionState][] = []
  if (typeof change === 'object') {
    const state = {
      ...base,
      seats: change.seats,
      amountCents: PRICE_CENTS.team * change.seats,
      cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
      canceledAt: sub.canceledAt,
    }
    events.push(['subscription.updated', state])
  } else if (change === 'cancel') {
    const state = { ...base, cancelAtPeriodEnd: true, canceledAt: now }
    events.push(['subscription.updated', state], ['subscription.canceled', state])
  } else if (change === 'uncancel') {
    events.push(['subscription.updated', base], ['subscription.uncanceled', base])
  } else {
    const state = { ...base, status: 'canceled' as const, canceledAt: sub.canceledAt ?? now, endedAt: now }
    events.push(['subscription.updated', state], ['subscription.canceled', state], ['subscription.revoked', state])
  }
  for (const [type, state] of events) await deliverWebhook(appOrigin, type, subscriptionPayload(state), now)
}

// ─── The sandbox as the payments provider ───────────────────────────────────

/**
 * The provider, plus what only the sandbox has: its checkout page and customer portal
 * are pages of this app. Routes reach it through `activeSandbox()` (payments.server.ts),
 * so these pages exist only while the sandbox is the provider.
 */
export interface SandboxPayments extends PaymentsProvider {
  readonly name: 'sandbox'
  /** The order on the sandbox checkout page: NotFound for a forged token or anyone else's, 410 once expired. */
  pendingOrder(token: string, userId: string, now?: Date): SandboxCheckout
  /** "Pay": Polar's webhooks of a paid checkout, sent a moment later (see `paySandboxCheckoutLater`). */
  payLater(checkout: SandboxCheckout, appOrigin: string): void
  /** A button of the sandbox portal: the webhooks Polar sends for that change. */
  changeSubscription(sub: PaidSubscription, email: string, change: PortalChange, appOrigin: string): Promise<void>
}

export const sandboxPayments: SandboxPayments = {
  name: 'sandbox',

  async createCheckout(order) {
    const { buyer, ...rest } = order
    const { token } = createSandboxCheckout({ ...rest, userId: buyer.id, email: buyer.email })
    return `/billing/sandbox/${token}`
  },

  async readCheckout(checkoutId, userId) {
    // The success page still knows an expired checkout: it may have been paid just before.
    const lookup = readSandboxCheckout(checkoutId, userId, new Date(0))
    if (!lookup.ok) return null
    const { productId, teamId, seats, createdAt } = lookup.checkout
    return { productId, teamId, seats, createdAt: new Date(createdAt) }
  },

  changeSeats: (subscription, payerEmail, seats, appOrigin) =>
    changeSandboxSubscription(subscription, payerEmail, { seats }, appOrigin),

  // The sandbox's portal is our own portal page.
  portalLink: async () => '/billing/portal',

  pendingOrder(token, userId, now = new Date()) {
    const lookup = readSandboxCheckout(token, userId, now)
    if (lookup.ok) return lookup.checkout
    if (lookup.reason === 'expired') {
      throw new DomainError(
        'This checkout has expired. Start again where you chose it: Billing for Premium, your team’s page for seats.',
        410,
      )
    }
    throw new NotFound('This checkout does not exist.')
  },

  payLater: (checkout, appOrigin) => paySandboxCheckoutLater(checkout, appOrigin),

  changeSubscription: (sub, email, change, appOrigin) => changeSandboxSubscription(sub, email, change, appOrigin),
}
