import { renderEmail } from '~/modules/notifications/email-templates'
import { sendEmail } from '~/modules/notifications/mailer.server'
import { createVerification } from './verification.server'

/** Sends (or re-sends) the link that proves the address belongs to the user. */
export async function sendVerificationEmail(user: { id: string; email: string; name: string | null }, appOrigin: string): Promise<void> {
  const token = await createVerification('email_verify', user.email, user.id)
  const url = `${appOrigin}/verify-email?${new URLSearchParams({ token })}`
  await sendEmail({
    to: user.email,
    userId: user.id,
    template: 'verify-email',
    ...renderEmail({
      subject: 'Confirm your e-mail address for Questlog',
      paragraphs: [`Hello ${user.name ?? 'there'},`, 'please confirm that this is your e-mail address. The link works once and for 24 hours.'],
      action: { label: 'Confirm my e-mail address', url },
    }),
  })
}
