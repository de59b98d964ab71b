import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { checkoutAction } from '~/modules/billing/checkout.server'
import { polarClient } from '~/modules/billing/polar-client.server'
import { requireUser } from '~/modules/accounts/session.server'

/**
 * POST /billing/checkout — plan=premium for the signed-in user, or
 * plan=team&teamId=…&seats=n for a team whose billing the user manages.
 * Redirects to Polar's checkout (or the offline sandbox). A GET starts nothing.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  throw new Response('Checkout starts from the billing page’s form (POST).', { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request }: ActionFunctionArgs) {
  return checkoutAction(request, polarClient())
}

/** Shown only when the form was refused (400): what was wrong, and the way back. */
export default function CheckoutRefused() {
  const result = useActionData<typeof action>()
  const errors = result && 'fieldErrors' in result ? result : null
  return (
    <div className="page billing">
      <h1>Checkout could not start</h1>
      <ErrorSummary formErrors={errors ? [...errors.formErrors, ...Object.entries(errors.fieldErrors).map(([field, messages]) => `${field}: ${messages?.join(' ')}`)] : []} />
      <p>
        <Link to="/billing">Back to billing</Link>
      </p>
    </div>
  )
}
