import { data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { type SessionUser, requireUser } from '~/modules/accounts/session.server'
import { assertTeamRoleCan, requireTeamPermission } from '~/modules/teams/access.server'
import { TeamId } from '~/modules/teams/team-input'
import { getEnv } from '~/utils/env.server'
import { Unavailable, withHttpErrors } from '~/utils/errors.server'
import { parseForm } from '~/utils/forms'
import { log } from '~/utils/log.server'
import { PRICE_CENTS } from './plans'
import type { PolarClient } from './polar-client.server'
import { createSandboxCheckout } from './sandbox.server'

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
 * POST /billing/checkout: the form body only (a query string is ignored), the
 * session user as the buyer, the team's billing permission for a team plan.
 * Answers 400 naming the field, or redirects to where the buyer pays.
 */
export async function checkoutAction(request: Request, polar: PolarClient | null) {
  const user: SessionUser = await requireUser(request)
  const formData = await request.formData()
  const form = parseForm(formData, CheckoutInput)
  if (!form.ok) return data(form, { status: 400 })
  const input = form.value
  if (input.plan === 'team') {
    const access = await requireTeamPermission(request, input.teamId, 'manage:team-billing:own-team')
    assertTeamRoleCan(access, 'manage:team-billing:own-team')
  }
  const url = await withHttpErrors(() => startCheckout({ id: user.id, email: user.email }, input, new URL(request.url).origin, polar))
  return redirect(url)
}
