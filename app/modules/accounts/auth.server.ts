import { recordAudit } from '~/modules/system/audit.server'
import { logBehavior } from '~/modules/system/behavior-log.server'
import { deviceClass } from '~/utils/activity.server'
import { serverNow } from '~/utils/clock.server'
import { Invalid } from '~/utils/errors.server'
import { assertNotLimited, consume, enforceLimit, reset } from '~/utils/rate-limit.server'
import { type RequestOrigin, safeRedirectPath } from '~/utils/request-context.server'
import type { LoginInput } from './account-input'
import { verifyLogin } from './accounts.server'
import { createSession, endSessionByToken } from './session.server'
import type { SocialProvider } from './social-input'

/**
 * Logging in, with what a public login needs: rate limits per address and per
 * account, one answer for an unknown address and a wrong password, a new session
 * id every time, and an audit entry for each outcome. The form itself is read by
 * remix-auth's form strategy (`app/utils/auth.server.ts`).
 */
export const WRONG_CREDENTIALS = 'The e-mail address or password is not right.'

export interface LoggedIn {
  setCookie: string
  redirectTo: string
}

/** Throws `RateLimited` or `Invalid(WRONG_CREDENTIALS)`; on success the new session's cookie. */
export async function logIn(
  input: LoginInput,
  previousSessionToken: string | null,
  origin: RequestOrigin,
): Promise<LoggedIn> {
  const { email, password } = input
  await enforceLimit('login:ip', origin.ip)
  await assertNotLimited('login-failures:account-ip', `${email}|${origin.ip}`)
  await assertNotLimited('login-failures:account', email)

  const user = await verifyLogin(email, password)
  if (!user) {
    await consume('login-failures:account-ip', `${email}|${origin.ip}`)
    await consume('login-failures:account', email)
    await recordAudit({ action: 'auth.login.failed', targetType: 'User', origin, metadata: { email } })
    throw new Invalid(WRONG_CREDENTIALS)
  }

  await reset('login-failures:account-ip', `${email}|${origin.ip}`)
  const { setCookie } = await startLoginSession(user.id, previousSessionToken, origin, { path: '/login' })
  return { setCookie, redirectTo: safeRedirectPath(input.redirectTo) }
}

/**
 * What every successful login does, with a password or with GitHub/Google: the session from
 * before this login (another account on this browser) ends — never reuse an id across a
 * login —, a new session starts, and the login is audited and logged.
 */
export async function startLoginSession(
  userId: string,
  previousSessionToken: string | null,
  origin: RequestOrigin,
  { path, provider }: { path: string; provider?: SocialProvider },
): Promise<{ setCookie: string }> {
  await endSessionByToken(previousSessionToken)
  const { sessionId, setCookie } = await createSession(userId, origin)
  await recordAudit({
    action: 'auth.login',
    actorId: userId,
    targetType: 'Session',
    targetId: sessionId,
    origin,
    ...(provider ? { metadata: { provider } } : {}),
  })
  await logBehavior({
    userId,
    actionType: 'auth.signed_in',
    context: { sessionId, device: deviceClass(origin.userAgent), path },
    now: serverNow(),
  })
  return { setCookie }
}
