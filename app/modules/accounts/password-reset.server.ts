import { recordAudit } from '~/modules/system/audit.server'
import { renderEmail } from '~/modules/notifications/email-templates'
import { sendEmail } from '~/modules/notifications/mailer.server'
import { prisma } from '~/utils/db.server'
import { enforceLimit } from '~/utils/rate-limit.server'
import type { RequestOrigin } from '~/utils/request-context.server'
import { markEmailVerified, setPassword } from './accounts.server'
import { endAllSessions } from './session.server'
import { consumeVerification, createVerification, peekVerification } from './verification.server'

/**
 * "Forgot my password": a one-hour, single-use link sent to the account's
 * address. The caller answers the same whether or not an account exists, so
 * that the form cannot be used to find out who has one.
 */

/**
 * Sends the reset link when the address belongs to a live account; returns whether it did (for tests, never for the answer).
 * Rate-limited per address of the asker and per e-mail address, counted for every address alike, so that a
 * refusal says nothing about whether an account exists.
 */
export async function requestPasswordReset(email: string, origin: RequestOrigin, appOrigin: string): Promise<boolean> {
  await enforceLimit('password-reset:ip', origin.ip)
  await enforceLimit('password-reset:email', email)
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, anonymizedAt: true },
  })
  if (!user || user.anonymizedAt) return false
  const token = await createVerification('password_reset', user.email, user.id)
  const url = `${appOrigin}/reset-password?${new URLSearchParams({ token })}`
  await sendEmail({
    to: user.email,
    userId: user.id,
    template: 'password-reset',
    ...renderEmail({
      subject: 'Reset your Questlog password',
      paragraphs: [
        `Hello ${user.name ?? 'there'},`,
        'someone, hopefully you, asked to reset the password of your Questlog account. The link below works once, for one hour.',
        'If it was not you, ignore this e-mail: your password stays as it is.',
      ],
      action: { label: 'Choose a new password', url },
    }),
  })
  return true
}

/** Whether a reset link can still be used (the form is shown only then); never uses it up. */
export function checkResetLink(token: string): Promise<{ target: string } | null> {
  return peekVerification('password_reset', token)
}

/**
 * Uses the link once and sets the new password. Every session of the account
 * ends (whoever knew the old password is signed out too), and the address is
 * taken as verified: the link proves that the user reads its mail.
 * Returns null when the link is unknown, used, expired, or the address has changed since.
 */
export async function resetPassword(
  token: string,
  newPassword: string,
  origin: RequestOrigin,
): Promise<{ userId: string } | null> {
  const link = await consumeVerification('password_reset', token)
  if (!link?.userId) return null
  const user = await prisma.user.findUnique({
    where: { id: link.userId },
    select: { id: true, email: true, anonymizedAt: true },
  })
  if (!user || user.anonymizedAt || user.email !== link.target) return null
  await setPassword(user.id, newPassword)
  const sessionsEnded = await endAllSessions(user.id)
  await markEmailVerified(user.id, user.email)
  await recordAudit({
    action: 'auth.password.reset',
    actorId: user.id,
    targetType: 'User',
    targetId: user.id,
    origin,
    metadata: { sessionsEnded },
  })
  return { userId: user.id }
}
