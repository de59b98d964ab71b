import { DomainError, NotFound } from '~/utils/errors.server'
import { type PortalSubscription, subscriptionsPaidBy } from './billing-state.server'
import { activeSandbox, paymentsProvider } from './payments.server'
import type { PortalChange } from './sandbox.server'

/**
 * The customer portal: the provider's (Polar's, by a short-lived customer session),
 * or, with the offline sandbox, our own portal page, whose buttons send the webhooks
 * Polar would send.
 */

/** Where this user manages their subscriptions. */
export async function customerPortalLink(
  userId: string,
  appOrigin: string,
  provider = paymentsProvider(),
): Promise<string> {
  if (!provider)
    throw new DomainError('Payments are not set up on this server yet, so there is no customer portal.', 503)
  return provider.portalLink(userId, appOrigin)
}

/** What the sandbox portal lists: the subscriptions this user pays for; null when the portal is the provider's own. */
export async function sandboxPortalSubscriptions(userId: string): Promise<PortalSubscription[] | null> {
  return activeSandbox() ? subscriptionsPaidBy(userId) : null
}

/** A button of the sandbox portal, on a live subscription this user pays for (anyone else's is "not found"). */
export async function changeInSandboxPortal(
  payer: { id: string; email: string },
  subscriptionId: string,
  change: Exclude<PortalChange, object>,
  appOrigin: string,
): Promise<void> {
  const sandbox = activeSandbox()
  if (!sandbox)
    throw new NotFound('There is no sandbox portal on this server: manage your subscription in Polar’s portal.')
  const subscription = (await subscriptionsPaidBy(payer.id)).find((s) => s.id === subscriptionId)
  if (!subscription || subscription.endedAt) throw new NotFound('You have no such subscription.')
  await sandbox.changeSubscription(subscription, payer.email, change, appOrigin)
}
