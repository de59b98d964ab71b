import { Unavailable } from '~/utils/errors.server'
import { log } from '~/utils/log.server'
import type { PaymentsProvider } from './payments'
import type { PolarClient } from './polar-client.server'

/**
 * Payments through Polar's API (@polar-sh/sdk, over HTTP). A failed call is
 * Unavailable (503): nothing was bought or changed, the buyer may try again.
 */
export function polarPayments(polar: PolarClient): PaymentsProvider {
  return {
    name: 'polar',

    async createCheckout(order, appOrigin) {
      try {
        const checkout = await polar.checkouts.create({
          products: [order.productId],
          external_customer_id: order.buyer.id,
          customer_email: order.buyer.email,
          // {CHECKOUT_ID} is a literal token Polar replaces with the checkout's id.
          success_url: `${appOrigin}/billing/success?checkout_id={CHECKOUT_ID}`,
          return_url: `${appOrigin}/billing`,
          // Copied to the subscription: the webhook reads the team from here. `seats`
          // is Polar's seat quantity (seat-based pricing on the team product); the
          // metadata copy keeps the number with the subscription either way.
          ...(order.plan === 'team'
            ? { seats: order.seats, metadata: { teamId: order.teamId, seats: order.seats } }
            : { metadata: { userId: order.buyer.id } }),
        })
        return checkout.url
      } catch (error) {
        log.warn('billing.checkout.polar-failed', { plan: order.plan, error: messageOf(error) })
        throw new Unavailable('Polar could not start the checkout. Try again in a moment.')
      }
    },

    async readCheckout(checkoutId, userId) {
      let checkout: Awaited<ReturnType<PolarClient['checkouts']['get']>>
      try {
        checkout = await polar.checkouts.get(checkoutId)
      } catch {
        return null
      }
      if (checkout.external_customer_id !== userId) return null
      return {
        productId: checkout.product_id ?? '',
        teamId: typeof checkout.metadata?.teamId === 'string' ? checkout.metadata.teamId : null,
        seats: checkout.seats ?? null,
        createdAt: new Date(checkout.created_at),
      }
    },

    async changeSeats(subscription, _payerEmail, seats) {
      try {
        await polar.subscriptions.update(subscription.polarSubscriptionId, { seats })
      } catch (error) {
        log.warn('billing.seats.polar-failed', { subscriptionId: subscription.id, error: messageOf(error) })
        throw new Unavailable('Polar could not change the seats. Try again in a moment.')
      }
    },

    // A short-lived customer session per visit; our user id is Polar's external customer id.
    async portalLink(userId, appOrigin) {
      try {
        const session = await polar.customerSessions.create({
          external_customer_id: userId,
          return_url: `${appOrigin}/billing`,
        })
        return session.customer_portal_url
      } catch (error) {
        log.warn('billing.portal.polar-failed', { error: messageOf(error) })
        throw new Unavailable('Polar could not open the customer portal. Try again in a moment.')
      }
    },
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
