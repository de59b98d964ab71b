import { Form, Link } from '@remix-run/react'
import { SubmitButton } from '~/components/ui/submit-button'
import type { TeamBilling } from './billing-state.server'

/**
 * The team admin page's billing section (owners and admins): plan, seats, and a
 * form that buys seats through checkout (POST /billing/checkout, plan=team).
 */
export function TeamBillingSection({ teamId, billing }: { teamId: string; billing: TeamBilling }) {
  const sub = billing.subscription
  // Changing the seats of a subscription charges its payer's card: only they may.
  const mayBuy = billing.payments !== 'off' && (!sub || billing.payer)
  const suggested = Math.max(billing.seatLimit, billing.members, 1)
  return (
    <section aria-labelledby="team-billing-title" id="team-billing" className="billing-card team-billing">
      <h2 id="team-billing-title">Plan and seats</h2>
      <p>
        {sub ? (
          <>
            <strong>Team plan</strong> · {sub.seats ?? billing.seatLimit} paid seats
            {billing.periodEnd
              ? sub.cancelAtPeriodEnd
                ? ` · access until ${billing.periodEnd}`
                : ` · renews on ${billing.periodEnd}`
              : null}
          </>
        ) : (
          <>
            <strong>No team subscription</strong> · {billing.seatLimit} seats included
          </>
        )}
      </p>
      {billing.members > billing.seatLimit ? (
        <p className="billing-warning">
          The team has more members ({billing.members}) than seats ({billing.seatLimit}). No one is removed, but no one
          new can be invited until the team has more seats.
        </p>
      ) : null}
      {billing.payments === 'off' ? (
        <p>Payments are not set up on this server yet, so seats cannot be bought here.</p>
      ) : null}
      {sub && !billing.payer ? <p>Another member pays for this subscription; only they can change its seats.</p> : null}
      {mayBuy ? (
        <Form method="post" action="/billing/checkout" className="billing-seats-form">
          <input type="hidden" name="plan" value="team" />
          <input type="hidden" name="teamId" value={teamId} />
          <div className="field">
            <label htmlFor="team-billing-seats">
              {sub ? 'Seats on the subscription' : 'Seats'} (every member and pending invitation takes one, the owner
              too)
            </label>
            <input
              id="team-billing-seats"
              name="seats"
              type="number"
              min={1}
              max={500}
              step={1}
              defaultValue={suggested}
              required
            />
          </div>
          <SubmitButton pendingText={sub ? 'Changing seats…' : 'Starting checkout…'}>
            {sub ? 'Change seats' : 'Buy seats for the team'}
          </SubmitButton>
        </Form>
      ) : null}
      {sub && billing.payer ? (
        <p>
          <Link to="/billing/portal">Manage the subscription</Link>
        </p>
      ) : null}
    </section>
  )
}
