import { renderEmail } from '~/modules/notifications/email-templates'
import { sendEmail } from '~/modules/notifications/mailer.server'
import { recordAudit } from '~/modules/system/audit.server'
import { enforceLimit } from '~/utils/rate-limit.server'
import type { RequestOrigin } from '~/utils/request-context.server'
import { markEmailVerified } from './accounts.server'
import { consumeVerification, createVerification, peekVerification } from './verification.server'

/*
 * E-mail verification. The link's page only looks at the token; the address is
 * confirmed by a POST from that page, so a mail scanner that follows links
 * cannot use them up.
 */

/** Sends (or re-sends) the link that proves the address belongs to the user. */
export async function sendVerificationEmail(
  user: { id: string; email: string; name: string | null },
  appOrigin: string,
): Promise<void> {
  const token = await createVerification('email_verify', user.email, user.id)
  const url = `${appOrigin}/verify-email?${new URLSearchParams({ token })}`
  await sendEmail({
    to: user.email,
    userId: user.id,
    template: 'verify-email',
    ...renderEmail({
      subject: 'Confirm your e-mail address for Questlog',
      paragraphs: [
        `Hello ${user.name ?? 'there'},`,
        'please confirm that this is your e-mail address. The link works once and for 24 hours.',
      ],
      action: { label: 'Confirm my e-mail address', url },
    }),
  })
}

/** A signed-in user asks for a new link: a few per quarter hour (`RateLimited` beyond). */
export async function resendVerificationEmail(
  user: { id: string; email: string; name: string | null },
  appOrigin: string,
): Promise<void> {
  await enforceLimit('verify-email:user', user.id)
  await sendVerificationEmail(user, appOrigin)
}

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
  await recordAudit({
    action: 'auth.email.verified',
    actorId: link.userId,
    targetType: 'User',
    targetId: link.userId,
    origin,
  })
  return { userId: link.userId }
}
