import { Unavailable } from '~/utils/errors.server'
import { log } from '~/utils/log.server'
import type { PolarClient } from './polar-client.server'

/**
 * Polar's customer portal for this user (our id is Polar's external customer id):
 * a short-lived customer session, created per visit.
 */
export async function customerPortalUrl(userId: string, appOrigin: string, polar: PolarClient): Promise<string> {
  try {
    const session = await polar.customerSessions.create({ external_customer_id: userId, return_url: `${appOrigin}/billing` })
    return session.customer_portal_url
  } catch (error) {
    log.warn('billing.portal.polar-failed', { error: error instanceof Error ? error.message : String(error) })
    throw new Unavailable('Polar could not open the customer portal. Try again in a moment.')
  }
}
