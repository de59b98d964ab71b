import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Page } from '~/components/ui/page'
import { CheckoutInput } from '~/modules/billing/checkout-input'
import { buyPlan } from '~/modules/billing/checkout.server'
import { assertTeamRoleCan, teamAccess } from '~/modules/teams/access.server'
import { requireUser } from '~/utils/auth.server'
import { type FieldErrors, parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'

/**
 * POST /billing/checkout — plan=premium for the signed-in user, or
 * plan=team&teamId=…&seats=n for a team whose billing the user manages.
 * Redirects to where the buyer pays (or back to the team after a seat change). A GET starts nothing.
 */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  await requireUser(request)
  throw new Response('Checkout starts from the billing page’s form (POST).', {
    status: 405,
    headers: { Allow: 'POST' },
  })
})

const SEATS_REQUESTED =
  'The new number of seats was sent to the payment provider. The seat limit follows as soon as it confirms.'

export const action = page(async ({ request }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  // The form body only: a query string is ignored.
  const form = parseForm(await request.formData(), CheckoutInput)
  if (!form.ok) return refuseForm(form)
  const input = form.value
  try {
    if (input.plan === 'team') {
      const access = await teamAccess(user, input.teamId, 'manage:team-billing:own-team')
      assertTeamRoleCan(access, 'manage:team-billing:own-team')
    }
    const purchase = await buyPlan({ id: user.id, email: user.email }, input, new URL(request.url).origin)
    if (purchase.kind === 'seats-requested') return redirectWithToast(`/teams/${purchase.teamId}`, SEATS_REQUESTED)
    return redirect(purchase.url)
  } catch (error) {
    return refuseForm(error)
  }
})

/** Shown only when the form was refused: what was wrong, and the way back. */
export default function CheckoutRefused() {
  const refusal = useActionData<typeof action>()
  const fieldMessages = Object.entries((refusal?.fieldErrors ?? {}) as FieldErrors).map(
    ([field, messages]) => `${field}: ${messages?.join(' ')}`,
  )
  return (
    <Page titleId="checkout-refused-title" className="billing">
      <h1 id="checkout-refused-title">Checkout could not start</h1>
      <ErrorSummary formErrors={[...(refusal?.formErrors ?? []), ...fieldMessages]} />
      <p>
        <Link to="/billing">Back to billing</Link>
      </p>
    </Page>
  )
}
