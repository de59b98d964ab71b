import { recordAudit } from '~/modules/system/audit.server'
import { enforceLimit } from '~/utils/rate-limit.server'
import type { RequestOrigin } from '~/utils/request-context.server'
import { z } from 'zod'
import { DisplayName, Email, Username, isTimeZone } from './account-input'
import { createAccount } from './accounts.server'
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
    // The browser's time zone, sent by a hidden field when JavaScript runs; UTC otherwise (editable in the profile).
    timezone: z
      .string()
      .optional()
      .transform((zone) => (zone && isTimeZone(zone) ? zone : 'UTC')),
    redirectTo: z.string().optional(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords do not match',
  })
export type SignupInput = z.output<typeof SignupInput>

/**
 * Creates the account, signs it in, and e-mails the verification link; returns the
 * new session's cookie. Throws `RateLimited` (per address) or `AccountTaken`.
 */
export async function signUp(
  input: SignupInput,
  origin: RequestOrigin,
  appOrigin: string,
): Promise<{ setCookie: string }> {
  await enforceLimit('signup:ip', origin.ip)
  const user = await createAccount(input, input.timezone)
  await recordAudit({ action: 'auth.signup', actorId: user.id, targetType: 'User', targetId: user.id, origin })
  await sendVerificationEmail(user, appOrigin)
  return createSession(user.id, origin)
}
