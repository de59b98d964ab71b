import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { type SessionUser, requireUser } from '~/modules/accounts/session.server'
import { assertTeamRoleCan, requireTeamPermission } from '~/modules/teams/access.server'
import { TeamId } from '~/modules/teams/team-input'
import { getEnv } from '~/utils/env.server'
import { Forbidden, Unavailable, withHttpErrors } from '~/utils/errors.server'
import { formRefusal, parseForm } from '~/utils/forms'
import { log } from '~/utils/log.server'
import { PRICE_CENTS } from './plans'
import { type PolarClient, paymentsMode } from './polar-client.server'
import { type PortalSubscription, currentTeamSubscription } from './billing-state.server'
import { changeSandboxSubscription, createSandboxCheckout } from './sandbox.server'

/**
 * Checkout: from an authenticated form post only. Who pays is the session user
 * (Polar's external customer id), never a form field; a team checkout needs the
 * team's billing permission. Access is granted later, by the webhook alone.
 */

export const MAX_SEATS = 500

export const CheckoutInput = z.discriminatedUnion('plan', [
  z.object({ plan: z.literal('premium') }),
  z.object({
    plan: z.literal('team'),
    teamId: TeamId,
    seats: z.coerce
      .number({ message: 'Enter a number of seats.' })
      .int('Enter a whole number of seats.')
      .min(1, 'Buy at least one seat.')
      .max(MAX_SEATS, `At most ${MAX_SEATS} seats can be bought at once.`),
  }),
], { error: () => 'Choose a plan: premium or team.' })
export type CheckoutInput = z.infer<typeof CheckoutInput>

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

export function successUrl(appOrigin: string): string {
  // {CHECKOUT_ID} is a literal token Polar replaces with the checkout's id.
  return `${appOrigin}/billing/success?checkout_id={CHECKOUT_ID}`
}

/**
 * Where the buyer pays: Polar's checkout page (with a client), or the offline
 * sandbox page (without one). Returns that URL.
 */
export async function startCheckout(buyer: Buyer, input: CheckoutInput, appOrigin: string, polar: PolarClient | null): Promise<string> {
  const productId = productIdFor(input.plan)
  if (!polar) {
    const { token } = createSandboxCheckout({
      userId: buyer.id,
      email: buyer.email,
      plan: input.plan,
      productId,
      teamId: input.plan === 'team' ? input.teamId : null,
      seats: input.plan === 'team' ? input.seats : null,
      amountCents: amountCentsFor(input),
      currency: 'USD',
    })
    return `/billing/sandbox/${token}`
  }
  try {
    const checkout = await polar.checkouts.create({
      products: [productId],
      external_customer_id: buyer.id,
      customer_email: buyer.email,
      success_url: successUrl(appOrigin),
      return_url: `${appOrigin}/billing`,
      // Copied to the subscription: the webhook reads the team from here. `seats`
      // is Polar's seat quantity (seat-based pricing on the team product); the
      // metadata copy keeps the number with the subscription either way.
      ...(input.plan === 'team' ? { seats: input.seats, metadata: { teamId: input.teamId, seats: input.seats } } : { metadata: { userId: buyer.id } }),
    })
    return checkout.url
  } catch (error) {
    log.warn('billing.checkout.polar-failed', { plan: input.plan, error: error instanceof Error ? error.message : String(error) })
    throw new Unavailable('Polar could not start the checkout. Try again in a moment.')
  }
}

/**
 * A team that already pays changes the seat count of that subscription (Polar
 * prorates it) instead of buying a second one. Only the person who pays may, since
 * it changes what their card is charged. As with checkout, the new limit arrives
 * with Polar's subscription.updated webhook, never from this request.
 */
async function changeSeats(current: PortalSubscription, buyer: Buyer, seats: number, appOrigin: string, polar: PolarClient | null): Promise<void> {
  if (current.userId !== buyer.id) {
    throw new Forbidden('Only the person who pays for this team’s subscription can change its seats. Ask them, or have them open the customer portal.')
  }
  if (!polar) return changeSandboxSubscription(current, buyer.email, { seats }, appOrigin)
  try {
    await polar.subscriptions.update(current.polarSubscriptionId, { seats })
  } catch (error) {
    log.warn('billing.seats.polar-failed', { subscriptionId: current.id, error: error instanceof Error ? error.message : String(error) })
    throw new Unavailable('Polar could not change the seats. Try again in a moment.')
  }
}

/**
 * POST /billing/checkout: the form body only (a query string is ignored), the
 * session user as the buyer, the team's billing permission for a team plan.
 * Answers 400 naming the field, or redirects to where the buyer pays.
 */
export async function checkoutAction(request: Request, polar: PolarClient | null, payments = paymentsMode()) {
  const user: SessionUser = await requireUser(request)
  const formData = await request.formData()
  const form = parseForm(formData, CheckoutInput)
  if (!form.ok) return data(form, { status: 400 })
  const input = form.value
  if (!polar && payments !== 'sandbox') {
    throw data({ error: 'Payments are not set up on this server yet, so nothing can be bought. Please try again later.' }, { status: 503 })
  }
  const origin = new URL(request.url).origin
  if (input.plan === 'team') {
    const access = await requireTeamPermission(request, input.teamId, 'manage:team-billing:own-team')
    assertTeamRoleCan(access, 'manage:team-billing:own-team')
    const current = await currentTeamSubscription(input.teamId)
    if (current) {
      if (current.seats === input.seats) return data(formRefusal(`seats: the team already has ${input.seats} seats.`), { status: 400 })
      await withHttpErrors(() => changeSeats(current, { id: user.id, email: user.email }, input.seats, origin, polar))
      return redirect(`/teams/${input.teamId}?done=seats-requested`)
    }
  }
  const url = await withHttpErrors(() => startCheckout({ id: user.id, email: user.email }, input, origin, polar))
  return redirect(url)
}
