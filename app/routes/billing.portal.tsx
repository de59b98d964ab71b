import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { SubmitButton } from '~/components/ui/submit-button'
import { requireUser } from '~/modules/accounts/session.server'
import { formatMoney } from '~/modules/billing/format'
import { PLAN_LABEL } from '~/modules/billing/plans'
import { paymentsMode, polarClient } from '~/modules/billing/polar-client.server'
import { subscriptionsPaidBy } from '~/modules/billing/billing-state.server'
import { customerPortalUrl } from '~/modules/billing/portal.server'
import { changeSandboxSubscription } from '~/modules/billing/sandbox.server'
import { formatDay } from '~/modules/teams/format'
import { withHttpErrors } from '~/utils/errors.server'
import { parseForm } from '~/utils/forms'

export const meta: MetaFunction = () => [{ title: 'Manage subscription — Questlog' }]

/**
 * The customer portal. With Polar: "open" creates a customer session for the
 * signed-in user (our id is Polar's external customer id) and redirects to
 * Polar's portal. Offline: a sandbox portal that cancels, un-cancels or revokes
 * by sending Polar's webhooks to our own endpoint.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const offline = paymentsMode() === 'sandbox'
  const subscriptions = offline ? await subscriptionsPaidBy(user.id) : []
  return {
    offline,
    subscriptions: subscriptions.map((s) => ({
      id: s.id,
      plan: PLAN_LABEL[s.plan],
      teamName: s.team?.name ?? null,
      seats: s.seats,
      price: formatMoney(s.amountCents, s.currency),
      status: s.status,
      ended: s.endedAt !== null,
      cancelAtPeriodEnd: s.cancelAtPeriodEnd,
      periodEnd: s.currentPeriodEnd ? formatDay(s.currentPeriodEnd.toISOString(), user.timezone) : null,
    })),
  }
}

const PortalAction = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('open') }),
    z.object({ intent: z.literal('cancel'), subscriptionId: z.string().trim().min(1, 'Choose a subscription.') }),
    z.object({ intent: z.literal('uncancel'), subscriptionId: z.string().trim().min(1, 'Choose a subscription.') }),
    z.object({ intent: z.literal('revoke'), subscriptionId: z.string().trim().min(1, 'Choose a subscription.') }),
  ],
  { error: () => 'intent: choose open, cancel, uncancel or revoke.' },
)

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = parseForm(await request.formData(), PortalAction)
  if (!form.ok) return data(form, { status: 400 })
  const input = form.value
  const polar = polarClient()
  const origin = new URL(request.url).origin
  if (input.intent === 'open') {
    if (!polar && paymentsMode() === 'off') throw data({ error: 'Payments are not set up on this server yet, so there is no customer portal.' }, { status: 503 })
    if (!polar) return redirect('/billing/portal')
    return redirect(await withHttpErrors(() => customerPortalUrl(user.id, origin, polar)))
  }
  if (paymentsMode() !== 'sandbox') throw data({ error: 'There is no sandbox portal on this server: manage your subscription in Polar’s portal.' }, { status: 404 })
  // Only a subscription this user pays for; anyone else's is "not found".
  const subscription = (await subscriptionsPaidBy(user.id)).find((s) => s.id === input.subscriptionId)
  if (!subscription || subscription.endedAt) throw data({ error: 'You have no such subscription.' }, { status: 404 })
  await withHttpErrors(() => changeSandboxSubscription(subscription, user.email, input.intent, origin))
  return redirect('/billing')
}

export default function Portal() {
  const { offline, subscriptions } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const live = subscriptions.filter((s) => !s.ended)
  return (
    <div className="page billing">
      <h1>Manage subscription</h1>
      <ErrorSummary fieldErrors={result?.fieldErrors} formErrors={result?.formErrors} />
      {!offline ? (
        <Form method="post">
          <p>Payment details, invoices and cancelling are handled in Polar’s customer portal.</p>
          <SubmitButton name="intent" value="open" pendingText="Opening…">
            Open the customer portal
          </SubmitButton>
        </Form>
      ) : live.length === 0 ? (
        <p>
          You have no subscription. <Link to="/billing">Back to billing</Link>
        </p>
      ) : (
        <>
          <p className="billing-sandbox-note">Offline sandbox portal: these buttons send the webhooks Polar would send.</p>
          <ul className="billing-subscriptions">
            {live.map((s) => (
              <li key={s.id} className="billing-card">
                <h2>
                  {s.plan}
                  {s.teamName ? ` — ${s.teamName}` : ''}
                  {s.seats ? ` (${s.seats} seats)` : ''}
                </h2>
                <p>
                  {s.price} a month · {s.status}
                  {s.periodEnd ? (s.cancelAtPeriodEnd ? ` · access until ${s.periodEnd}` : ` · renews on ${s.periodEnd}`) : ''}
                </p>
                <Form method="post" className="billing-actions">
                  <input type="hidden" name="subscriptionId" value={s.id} />
                  {s.cancelAtPeriodEnd ? (
                    <SubmitButton name="intent" value="uncancel" pendingText="Resuming…">
                      Resume subscription
                    </SubmitButton>
                  ) : (
                    <SubmitButton name="intent" value="cancel" pendingText="Cancelling…">
                      Cancel subscription
                    </SubmitButton>
                  )}
                  <SubmitButton name="intent" value="revoke" pendingText="Revoking…" className="button danger">
                    Revoke now
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
