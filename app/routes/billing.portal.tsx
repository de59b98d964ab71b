import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { formatMoney } from '~/modules/billing/format'
import { PLAN_LABEL } from '~/modules/billing/plans'
import { changeInSandboxPortal, customerPortalLink, sandboxPortalSubscriptions } from '~/modules/billing/portal.server'
import { formatDay } from '~/utils/time'
import { requireUser } from '~/utils/auth.server'
import { parseForm } from '~/utils/forms'
import { page, refuseForm } from '~/utils/http.server'

export const meta: MetaFunction = () => [{ title: 'Manage subscription — Questlog' }]

/**
 * The customer portal. "Open" redirects to the payment provider's portal for the
 * signed-in user (Polar's, by a customer session). With the offline sandbox this
 * page is the portal: it cancels, un-cancels or revokes by sending Polar's webhooks
 * to our own endpoint.
 */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const sandboxSubscriptions = await sandboxPortalSubscriptions(user.id)
  return {
    offline: sandboxSubscriptions !== null,
    subscriptions: (sandboxSubscriptions ?? []).map((s) => ({
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
})

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

export const action = page(async ({ request }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const form = parseForm(await request.formData(), PortalAction)
  if (!form.ok) return refuseForm(form, { intent: form.values.intent })
  const input = form.value
  const origin = new URL(request.url).origin
  try {
    if (input.intent === 'open') return redirect(await customerPortalLink(user.id, origin))
    await changeInSandboxPortal({ id: user.id, email: user.email }, input.subscriptionId, input.intent, origin)
    return redirect('/billing')
  } catch (error) {
    return refuseForm(error, { intent: input.intent })
  }
})

export default function Portal() {
  const { offline, subscriptions } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const live = subscriptions.filter((s) => !s.ended)
  return (
    <Page titleId="portal-title" className="billing">
      <h1 id="portal-title">Manage subscription</h1>
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
          <p className="billing-sandbox-note">
            Offline sandbox portal: these buttons send the webhooks Polar would send.
          </p>
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
                  {s.periodEnd
                    ? s.cancelAtPeriodEnd
                      ? ` · access until ${s.periodEnd}`
                      : ` · renews on ${s.periodEnd}`
                    : ''}
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
    </Page>
  )
}
