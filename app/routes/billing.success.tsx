import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { z } from 'zod'
import { Page } from '~/components/ui/page'
import { checkoutIsReal, pendingCheckout } from '~/modules/billing/billing-state.server'
import { requireUser } from '~/utils/auth.server'
import { invariantResponse, page } from '~/utils/http.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.done ? 'Payment complete — Questlog' : 'Processing your payment — Questlog' },
  // Without JavaScript the page checks again by itself until the webhook has arrived.
  ...(data && !data.done ? [{ httpEquiv: 'refresh', content: '3' } as const] : []),
]

const CheckoutId = z.string().trim().min(1).max(2000)

/**
 * Back from checkout. Access is never granted here: the page says "processing"
 * until Polar's webhook has made the subscription real, then what was bought.
 */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const parsed = CheckoutId.safeParse(new URL(request.url).searchParams.get('checkout_id'))
  invariantResponse(parsed.success, 'checkout_id: the link is missing the checkout id.', { status: 400 })
  const checkout = await pendingCheckout(parsed.data, user.id)
  const done = await checkoutIsReal(user.id, checkout)
  return {
    done,
    plan: checkout.plan,
    seats: checkout.seats,
    teamId: checkout.teamId,
    again: `/billing/success?${new URLSearchParams({ checkout_id: parsed.data })}`,
  }
})

export default function CheckoutSuccess() {
  const { done, plan, seats, teamId, again } = useLoaderData<typeof loader>()
  const revalidator = useRevalidator()
  useEffect(() => {
    if (done) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate()
    }, 2000)
    return () => clearInterval(timer)
  }, [done, revalidator])

  if (!done) {
    return (
      <Page titleId="billing-success-title" className="billing">
        <h1 id="billing-success-title">Processing your payment…</h1>
        <p role="status" className="billing-processing">
          Thank you! We are waiting for the payment provider to confirm it. This page updates by itself.
        </p>
        <p>
          <Link to={again}>Check again</Link>
        </p>
      </Page>
    )
  }
  return (
    <Page titleId="billing-success-title" className="billing">
      <h1 id="billing-success-title">{plan === 'team' ? 'Your team’s seats are ready' : 'You are now Premium'}</h1>
      <p role="status" className="billing-done">
        {plan === 'team'
          ? `Payment confirmed: the team now has ${seats ?? ''} seats.`
          : 'Payment confirmed: your Premium plan is active.'}
      </p>
      <p>
        {plan === 'team' && teamId ? (
          <Link to={`/teams/${teamId}`}>Back to the team</Link>
        ) : (
          <Link to="/billing">Go to billing</Link>
        )}
      </p>
    </Page>
  )
}
