import { z } from 'zod'

/**
 * The parts of Polar's webhook payloads we use (Polar API objects, snake_case).
 * Loose objects: Polar adds fields freely, we read only these.
 */

const Timestamp = z.iso.datetime({ offset: true }).transform((v) => new Date(v))
const NullableTimestamp = Timestamp.nullable()
  .optional()
  .transform((v) => v ?? null)

export const POLAR_SUBSCRIPTION_STATUSES = [
  'incomplete',
  'incomplete_expired',
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'paused',
] as const

const Metadata = z
  .record(z.string(), z.unknown())
  .nullable()
  .optional()
  .transform((v) => v ?? {})

export const PolarCustomer = z.looseObject({
  id: z.string().min(1),
  /** our User.id (checkout's external_customer_id) */
  external_id: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
})

/** The fields of a subscription that a snapshot carries (also nested in an order, without `customer`). */
const SubscriptionFields = {
  id: z.string().min(1),
  created_at: Timestamp,
  modified_at: NullableTimestamp,
  status: z.enum(POLAR_SUBSCRIPTION_STATUSES),
  amount: z.number().int().min(0),
  currency: z
    .string()
    .regex(/^[a-zA-Z]{3}$/)
    .transform((v) => v.toUpperCase()),
  recurring_interval: z.string().nullable().optional(),
  current_period_start: NullableTimestamp,
  current_period_end: NullableTimestamp,
  cancel_at_period_end: z.boolean(),
  started_at: NullableTimestamp,
  canceled_at: NullableTimestamp,
  ended_at: NullableTimestamp,
  customer_id: z.string().min(1),
  product_id: z.string().min(1),
  seats: z.number().int().min(0).nullable().optional(),
  metadata: Metadata,
}

/** A subscription without its nested customer (as nested in an order). */
export const PolarSubscriptionSnapshot = z.looseObject(SubscriptionFields)
export type PolarSubscriptionSnapshot = z.output<typeof PolarSubscriptionSnapshot>
export type PolarCustomer = z.output<typeof PolarCustomer>

export const PolarSubscription = z.looseObject({ ...SubscriptionFields, customer: PolarCustomer })
export type PolarSubscription = z.output<typeof PolarSubscription>

export const PolarOrder = z.looseObject({
  id: z.string().min(1),
  status: z.string(),
  paid: z.boolean().optional(),
  customer: PolarCustomer,
  subscription_id: z.string().nullable().optional(),
  subscription: PolarSubscriptionSnapshot.nullable().optional(),
})
export type PolarOrder = z.output<typeof PolarOrder>

export const SUBSCRIPTION_EVENTS = [
  'subscription.created',
  'subscription.active',
  'subscription.updated',
  'subscription.canceled',
  'subscription.uncanceled',
  'subscription.revoked',
  'subscription.past_due',
] as const

const SubscriptionEvent = z.looseObject({
  type: z.enum(SUBSCRIPTION_EVENTS),
  timestamp: z.string().optional(),
  data: PolarSubscription,
})
const OrderPaidEvent = z.looseObject({
  type: z.literal('order.paid'),
  timestamp: z.string().optional(),
  data: PolarOrder,
})

/** An event we act on. Anything else is recorded and answered 202. */
export const HandledPolarEvent = z.discriminatedUnion('type', [SubscriptionEvent, OrderPaidEvent])
export type HandledPolarEvent = z.output<typeof HandledPolarEvent>

export const HANDLED_EVENT_TYPES: ReadonlySet<string> = new Set([...SUBSCRIPTION_EVENTS, 'order.paid'])

/** The envelope every event has: enough to record an event we do not handle. */
export const PolarEventEnvelope = z.looseObject({ type: z.string().min(1).max(100) })

/** A subscription snapshot from a subscription event or from the subscription nested in a paid order. */
export function snapshotOf(
  event: HandledPolarEvent,
): { subscription: PolarSubscriptionSnapshot; customer: PolarCustomer } | null {
  if (event.type === 'order.paid') {
    return event.data.subscription ? { subscription: event.data.subscription, customer: event.data.customer } : null
  }
  const { customer, ...subscription } = event.data
  return { subscription, customer }
}
