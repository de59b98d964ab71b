import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { UsageMeter } from '~/components/ui/usage-meter'
import { billingTeamsOf, personalSubscription } from '~/modules/billing/billing-state.server'
import { formatMoney } from '~/modules/billing/format'
import { paymentsStatus } from '~/modules/billing/payments.server'
import { PLAN_LABEL, PRICE_CENTS } from '~/modules/billing/plans'
import { effectivePlan } from '~/modules/billing/subscriptions.server'
import { usageThisMonth } from '~/modules/billing/usage.server'
import { formatDay } from '~/utils/time'
import { requireUser } from '~/utils/auth.server'
import { page } from '~/utils/http.server'

export const meta: MetaFunction = () => [{ title: 'Billing — Questlog' }]

export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  // Live from the subscriptions, like the AI allowance: a period that just ended shows at once.
  const livePlan = effectivePlan(user.id)
  const [plan, subscription, usage, teams] = await Promise.all([
    livePlan,
    personalSubscription(user.id),
    livePlan.then((p) => usageThisMonth(user.id, { plan: p })),
    billingTeamsOf(user.id),
  ])
  return {
    timeZone: user.timezone,
    plan,
    isSubscribed: plan !== 'basic',
    subscription,
    usage: { requests: usage.requests, limit: usage.limit, resetsAt: usage.resetsAt },
    teams: teams.map((m) => m.team),
    premiumPrice: formatMoney(PRICE_CENTS.premium, 'USD'),
    payments: paymentsStatus(),
  }
})

export default function BillingPage() {
  const { timeZone, plan, isSubscribed, subscription, usage, teams, premiumPrice, payments } =
    useLoaderData<typeof loader>()
  const sub = subscription && !subscription.ended ? subscription : null
  return (
    <Page titleId="billing-title" className="billing">
      <h1 id="billing-title">Billing</h1>
      {payments === 'sandbox' ? (
        <p className="billing-sandbox-note">Offline sandbox: payments are simulated, no card is charged.</p>
      ) : null}
      {payments === 'off' ? (
        <p className="billing-sandbox-note">
          Payments are not set up on this server yet, so plans cannot be bought here.
        </p>
      ) : null}

      <section aria-labelledby="plan-heading" className="billing-card">
        <h2 id="plan-heading">Your plan</h2>
        <p className="billing-plan">
          <strong>{PLAN_LABEL[plan]}</strong>
          {isSubscribed && sub ? ` · ${formatMoney(sub.amountCents, sub.currency)} per ${sub.interval}` : null}
        </p>
        {sub?.status === 'past_due' ? (
          <p className="billing-warning">
            Your last payment failed. Update your payment method in the customer portal.
          </p>
        ) : null}
        {sub?.periodEnd ? (
          <p>
            {sub.cancelAtPeriodEnd
              ? `Canceled: access until ${formatDay(sub.periodEnd, timeZone)}.`
              : `Renews on ${formatDay(sub.periodEnd, timeZone)}.`}
          </p>
        ) : null}
        <div className="billing-actions">
          {plan === 'basic' && payments !== 'off' ? (
            <Form method="post" action="/billing/checkout">
              <input type="hidden" name="plan" value="premium" />
              <button type="submit" className="button">
                Upgrade to Premium ({premiumPrice} a month)
              </button>
            </Form>
          ) : null}
          {sub ? (
            <Link className="button secondary" to="/billing/portal">
              Manage subscription
            </Link>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="usage-heading" className="billing-card">
        <h2 id="usage-heading">AI tutor usage this month</h2>
        {usage.limit === null ? (
          <p>{usage.requests} requests — unlimited on your plan.</p>
        ) : (
          <UsageMeter id="ai-usage" className="billing-usage" used={usage.requests} limit={usage.limit} noun="requests">
            <p className="hint">Resets on {formatDay(usage.resetsAt, timeZone)}.</p>
          </UsageMeter>
        )}
      </section>

      {teams.length > 0 ? (
        <section aria-labelledby="teams-heading" className="billing-card">
          <h2 id="teams-heading">Team billing</h2>
          <ul className="billing-teams">
            {teams.map((t) => (
              <li key={t.id}>
                <Link to={`/teams/${t.id}#team-billing`}>{t.name}</Link> — {t.seatLimit}{' '}
                {t.seatLimit === 1 ? 'seat' : 'seats'}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  )
}
