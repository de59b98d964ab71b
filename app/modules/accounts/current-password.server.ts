import { Invalid } from '~/utils/errors.server'
import { assertNotLimited, consume, reset } from '~/utils/rate-limit.server'
import type { RequestOrigin } from '~/utils/request-context.server'

/** What an attempt answers when the current password it was given is wrong. */
export const WRONG_PASSWORD = Symbol('wrong password')

/**
 * Runs a change that needs the current password (changing it, deleting the account).
 * Wrong guesses count against the same limit as failed logins for this account and
 * address, so a borrowed session cannot try passwords freely: `RateLimited` while
 * locked, `Invalid` about `field` for a wrong password.
 */
export async function withCurrentPassword<T>(
  user: { email: string },
  origin: RequestOrigin,
  field: string,
  attempt: () => Promise<T | typeof WRONG_PASSWORD>,
): Promise<T> {
  const key = `${user.email}|${origin.ip}`
  await assertNotLimited('login-failures:account-ip', key, field)
  const outcome = await attempt()
  if (outcome === WRONG_PASSWORD) {
    await consume('login-failures:account-ip', key)
    throw new Invalid(
      field === 'currentPassword' ? 'Your current password is not correct' : 'Your password is not correct',
      field,
    )
  }
  await reset('login-failures:account-ip', key)
  return outcome
}
