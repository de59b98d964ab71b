import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { data } from '@remix-run/node'
import { SubmitButton } from '~/components/ui/submit-button'
import { requireUser } from '~/modules/accounts/session.server'
import { formatMoney } from '~/modules/billing/format'
import { PLAN_LABEL } from '~/modules/billing/plans'
import { paymentsMode } from '~/modules/billing/polar-client.server'
import { paySandboxCheckoutLater, readSandboxCheckout } from '~/modules/billing/sandbox.server'
import { prisma } from '~/utils/db.server'

export const meta: MetaFunction = () => [{ title: 'Sandbox checkout — Questlog' }]

/**
 * The offline sandbox's checkout page (only without Polar credentials): shows the
 * order; "Pay" goes on to the success page and, a moment later, sends
 * Polar-shaped, signed webhooks to our own /webhooks/polar. The checkout is the signed token in the URL.
 */
async function checkoutFor(request: Request, checkoutId: string | undefined) {
  const user = await requireUser(request)
  if (paymentsMode() !== 'sandbox') throw data({ error: 'There is no sandbox checkout on this server.' }, { status: 404 })
  const lookup = readSandboxCheckout(checkoutId ?? '', user.id)
  if (!lookup.ok) {
    throw data({ error: lookup.reason === 'expired' ? 'This checkout has expired. Start again where you chose it: Billing for Premium, your team’s page for seats.' : 'This checkout does not exist.' }, { status: lookup.reason === 'expired' ? 410 : 404 })
  }
  return { user, checkout: lookup.checkout }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, checkout } = await checkoutFor(request, params.checkoutId)
  const team = checkout.teamId ? await prisma.team.findUnique({ where: { id: checkout.teamId }, select: { name: true } }) : null
  return {
    email: user.email,
    plan: PLAN_LABEL[checkout.plan],
    teamName: team?.name ?? null,
    seats: checkout.seats,
    amount: formatMoney(checkout.amountCents, checkout.currency),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { checkout } = await checkoutFor(request, params.checkoutId)
  const origin = new URL(request.url).origin
  // Like Polar: back to our success page at once, the webhooks follow a moment later.
  paySandboxCheckoutLater(checkout, origin)
  return redirect(`/billing/success?${new URLSearchParams({ checkout_id: params.checkoutId ?? '' })}`)
}

export default function SandboxCheckout() {
  const { email, plan, teamName, seats, amount } = useLoaderData<typeof loader>()
  return (
    <div className="page billing billing-sandbox">
      <h1>Sandbox checkout</h1>
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
    </div>
  )
}
