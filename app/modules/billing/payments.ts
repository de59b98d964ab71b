import type { Plan } from '~/generated/prisma/client'

/**
 * The payments seam: what billing asks of a payment provider. Polar
 * (polar-payments.server.ts) and the offline sandbox (sandbox.server.ts) implement
 * it; payments.server.ts chooses one from the environment, once. Access is never
 * granted here: it follows the provider's signed webhooks (webhooks.server.ts).
 */
export interface PaymentsProvider {
  /** For the pages' wording ("payments are simulated") and logs only: behaviour goes through the methods. */
  readonly name: 'polar' | 'sandbox'
  /** Starts a checkout; returns the URL where the buyer pays. */
  createCheckout(order: CheckoutOrder, appOrigin: string): Promise<string>
  /** A checkout by its id, if it is this user's; null for an unknown one or anyone else's. */
  readCheckout(checkoutId: string, userId: string): Promise<ProviderCheckout | null>
  /** Asks for a new seat count on a subscription (prorated); the new limit arrives with the webhook. */
  changeSeats(subscription: PaidSubscription, payerEmail: string, seats: number, appOrigin: string): Promise<void>
  /** Where this user manages the subscriptions they pay for (the customer portal). */
  portalLink(userId: string, appOrigin: string): Promise<string>
}

/** What the billing pages say about payments: through Polar, simulated by the sandbox, or not set up. */
export type PaymentsStatus = PaymentsProvider['name'] | 'off'

/** What is bought, decided by checkout.server.ts: who pays is the signed-in user, never a form field. */
export type CheckoutOrder = {
  buyer: { id: string; email: string }
  productId: string
  amountCents: number
  currency: string
} & ({ plan: 'premium'; teamId: null; seats: null } | { plan: 'team'; teamId: string; seats: number })

/** A checkout as the provider holds it (the success page maps the product to a plan). */
export interface ProviderCheckout {
  productId: string
  teamId: string | null
  seats: number | null
  createdAt: Date
}

/** A stored subscription, as a provider needs it to change one (a `PortalSubscription` row is one). */
export interface PaidSubscription {
  id: string
  polarSubscriptionId: string
  polarCustomerId: string
  productId: string
  userId: string | null
  teamId: string | null
  plan: Plan
  seats: number | null
  amountCents: number
  currency: string
  createdAt: Date
  startedAt: Date | null
  currentPeriodStart: Date | null
  currentPeriodEnd: Date | null
  cancelAtPeriodEnd: boolean
  canceledAt: Date | null
  modifiedAt: Date | null
}
