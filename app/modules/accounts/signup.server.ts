import { recordAudit } from '~/modules/system/audit.server'
import { type FieldErrors, parseForm } from '~/utils/forms'
import { HONEYPOT_MESSAGE, honeypotFilled } from '~/utils/honeypot'
import { consume, retryAfterMessage } from '~/utils/rate-limit.server'
import type { RequestOrigin } from '~/utils/request-context.server'
import { z } from 'zod'
import { DisplayName, Email, Username, isTimeZone } from './account-input'
import { AccountTaken, createAccount } from './accounts.server'
import { sendVerificationEmail } from './email-verification.server'
import { NewPassword } from './password-policy.server'
import { createSession } from './session.server'

export const SignupInput = z
  .object({
    email: Email,
    username: Username,
    name: DisplayName,
    password: NewPassword,
    confirmPassword: z.string({ message: 'Type the password again' }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'The two passwords do not match' })

export type SignupResult =
  | { ok: true; setCookie: string }
  | { ok: false; status: 400 | 409 | 429; fieldErrors: FieldErrors; formErrors: string[]; values: Record<string, string>; retryAfterSeconds?: number }

/** Creates the account, signs it in, and e-mails the verification link. */
export async function signUp(formData: FormData, origin: RequestOrigin, appOrigin: string): Promise<SignupResult> {
  const typed = { email: String(formData.get('email') ?? ''), username: String(formData.get('username') ?? ''), name: String(formData.get('name') ?? '') }
  if (honeypotFilled(formData)) return { ok: false, status: 400, fieldErrors: {}, formErrors: [HONEYPOT_MESSAGE], values: typed }
  const limited = await consume('signup:ip', origin.ip)
  if (!limited.ok) {
    return { ok: false, status: 429, fieldErrors: {}, formErrors: [retryAfterMessage(limited.retryAfterSeconds)], values: typed, retryAfterSeconds: limited.retryAfterSeconds }
  }
  const form = parseForm(formData, SignupInput)
  if (!form.ok) return { ok: false, status: 400, fieldErrors: form.fieldErrors, formErrors: form.formErrors, values: typed }
  // The browser's time zone, sent by a hidden field when JavaScript runs; UTC otherwise (editable in the profile).
  const zone = String(formData.get('timezone') ?? '')
  try {
    const user = await createAccount(form.value, isTimeZone(zone) ? zone : 'UTC')
    await recordAudit({ action: 'auth.signup', actorId: user.id, targetType: 'User', targetId: user.id, origin })
    await sendVerificationEmail(user, appOrigin)
    const { setCookie } = await createSession(user.id, origin)
    return { ok: true, setCookie }
  } catch (error) {
    if (error instanceof AccountTaken) return { ok: false, status: 409, fieldErrors: { [error.field]: [error.message] }, formErrors: [], values: typed }
    throw error
  }
}
