import { recordAudit } from '~/modules/system/audit.server'
import type { RequestOrigin } from '~/utils/request-context.server'
import { markEmailVerified } from './accounts.server'
import { consumeVerification, peekVerification } from './verification.server'

/**
 * The second half of e-mail verification (the first, sending the link, is
 * email-verification.server.ts). The link's page only looks at the token; the
 * address is confirmed by a POST from that page, so a mail scanner that
 * follows links cannot use them up.
 */

export function checkEmailLink(token: string): Promise<{ target: string } | null> {
  return peekVerification('email_verify', token)
}

/**
 * Uses the link once and marks the address it was sent to as verified, for the
 * user it was made for, and only while that user still has this address.
 * Whoever is signed in does not matter: the token alone decides.
 */
export async function confirmEmail(token: string, origin: RequestOrigin): Promise<{ userId: string } | null> {
  const link = await consumeVerification('email_verify', token)
  if (!link?.userId) return null
  if (!(await markEmailVerified(link.userId, link.target))) return null
  await recordAudit({ action: 'auth.email.verified', actorId: link.userId, targetType: 'User', targetId: link.userId, origin })
  return { userId: link.userId }
}
