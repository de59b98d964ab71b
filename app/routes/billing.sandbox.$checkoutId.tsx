import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { formatMoney } from '~/modules/billing/format'
import { activeSandbox } from '~/modules/billing/payments.server'
import { PLAN_LABEL } from '~/modules/billing/plans'
import { teamName } from '~/modules/teams/teams.server'
import { requireUser } from '~/utils/auth.server'
import { NotFound } from '~/utils/errors.server'
import { page } from '~/utils/http.server'

export const meta: MetaFunction = () => [{ title: 'Sandbox checkout — Questlog' }]

/**
 * The offline sandbox's checkout page (only while the sandbox is the payments
 * provider): shows the order; "Pay" goes on to the success page and, a moment later,
 * sends Polar-shaped, signed webhooks to our own /webhooks/polar. The checkout is the
 * signed token in the URL.
 */
async function orderFor(request: Request, token: string | undefined) {
  const user = await requireUser(request)
  const sandbox = activeSandbox()
  if (!sandbox) throw new NotFound('There is no sandbox checkout on this server.')
  return { user, sandbox, checkout: sandbox.pendingOrder(token ?? '', user.id) }
}

export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const { user, checkout } = await orderFor(request, params.checkoutId)
  return {
    email: user.email,
    plan: PLAN_LABEL[checkout.plan],
    teamName: checkout.teamId ? await teamName(checkout.teamId) : null,
    seats: checkout.seats,
    amount: formatMoney(checkout.amountCents, checkout.currency),
  }
})

export const action = page(async ({ request, params }: ActionFunctionArgs) => {
  const { sandbox, checkout } = await orderFor(request, params.checkoutId)
  // Like Polar: back to our success page at once, the webhooks follow a moment later.
  sandbox.payLater(checkout, new URL(request.url).origin)
  return redirect(`/billing/success?${new URLSearchParams({ checkout_id: params.checkoutId ?? '' })}`)
})

export default function SandboxCheckout() {
  const { email, plan, teamName, seats, amount } = useLoaderData<typeof loader>()
  return (
    <Page titleId="sandbox-checkout-title" className="billing billing-sandbox">
      <h1 id="sandbox-checkout-title">Sandbox checkout</h1>
      <p className="billing-sandbox-note">This is the offline sandbox standing in for Polar. No card is charged.</p>
      <dl className="billing-order">
        <dt>Plan</dt>
        <dd>{plan}</dd>
        {teamName ? (
          <>
            <dt>Team</dt>
            <dd>{teamName}</dd>
          </>
        ) : null}
        {seats ? (
          <>
            <dt>Seats</dt>
            <dd>{seats}</dd>
          </>
        ) : null}
        <dt>Billed to</dt>
        <dd>{email}</dd>
        <dt>Total per month</dt>
        <dd>{amount}</dd>
      </dl>
      <Form method="post">
        <SubmitButton pendingText="Paying…">Pay {amount}</SubmitButton>
      </Form>
      <p>
        <Link to="/billing">Cancel and go back</Link>
      </p>
    </Page>
  )
}
