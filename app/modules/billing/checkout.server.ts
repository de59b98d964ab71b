import { getEnv } from '~/utils/env.server'
import { DomainError, Forbidden, Invalid } from '~/utils/errors.server'
import { currentTeamSubscription } from './billing-state.server'
import type { CheckoutInput } from './checkout-input'
import type { CheckoutOrder } from './payments'
import { paymentsProvider } from './payments.server'
import { PRICE_CENTS } from './plans'

/**
 * Buying a plan: which product, what it costs, and whether a team changes the seats
 * of the subscription it has or starts a new checkout. Who pays is the signed-in user
 * (the provider's external customer id), never a form field. Access is granted later,
 * by the provider's webhook alone.
 */

export interface Buyer {
  id: string
  email: string
}

export function productIdFor(plan: CheckoutInput['plan']): string {
  const env = getEnv()
  return plan === 'premium' ? env.POLAR_PRODUCT_PREMIUM : env.POLAR_PRODUCT_TEAM
}

export function amountCentsFor(input: CheckoutInput): number {
  return input.plan === 'premium' ? PRICE_CENTS.premium : PRICE_CENTS.team * input.seats
}

export function checkoutOrder(buyer: Buyer, input: CheckoutInput): CheckoutOrder {
  const common = { buyer, productId: productIdFor(input.plan), amountCents: amountCentsFor(input), currency: 'USD' }
  return input.plan === 'team'
    ? { ...common, plan: 'team', teamId: input.teamId, seats: input.seats }
    : { ...common, plan: 'premium', teamId: null, seats: null }
}

export const PAYMENTS_OFF =
  'Payments are not set up on this server yet, so nothing can be bought. Please try again later.'

/** The buyer pays at `url`, or the seat change of the team's subscription was sent to the provider. */
export type Purchase = { kind: 'pay'; url: string } | { kind: 'seats-requested'; teamId: string }

/**
 * A new checkout, or, for a team that already pays, a new seat count on that
 * subscription (the provider prorates it) instead of a second one. For a team plan
 * the caller has checked that the buyer manages the team's billing.
 */
export async function buyPlan(
  buyer: Buyer,
  input: CheckoutInput,
  appOrigin: string,
  provider = paymentsProvider(),
): Promise<Purchase> {
  // A setting, not a moment: no Retry-After.
  if (!provider) throw new DomainError(PAYMENTS_OFF, 503)
  if (input.plan === 'team') {
    const current = await currentTeamSubscription(input.teamId)
    if (current) {
      if (current.seats === input.seats) throw new Invalid(`The team already has ${input.seats} seats.`, 'seats')
      // It changes what the payer's card is charged: only they may.
      if (current.userId !== buyer.id) {
        throw new Forbidden(
          'Only the person who pays for this team’s subscription can change its seats. Ask them, or have them open the customer portal.',
        )
      }
      // As with checkout, the new limit arrives with the subscription.updated webhook, never from this request.
      await provider.changeSeats(current, buyer.email, input.seats, appOrigin)
      return { kind: 'seats-requested', teamId: input.teamId }
    }
  }
  return { kind: 'pay', url: await provider.createCheckout(checkoutOrder(buyer, input), appOrigin) }
}
