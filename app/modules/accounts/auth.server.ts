import { Authenticator } from 'remix-auth'
import { FormStrategy } from 'remix-auth-form'
import { recordAudit } from '~/modules/system/audit.server'
import { type FieldErrors, parseForm } from '~/utils/forms'
import { HONEYPOT_MESSAGE, honeypotFilled } from '~/utils/honeypot'
import { check, consume, reset, retryAfterMessage } from '~/utils/rate-limit.server'
import { type RequestOrigin, safeRedirectPath } from '~/utils/request-context.server'
import { LoginInput } from './account-input'
import { verifyLogin } from './accounts.server'
import { createSession, endSession } from './session.server'

/**
 * Login through remix-auth's form strategy, wrapped in what a public login
 * needs: a honeypot, rate limits per address and per account, one answer for
 * an unknown address and a wrong password, a new session id every time, and
 * an audit entry for each outcome.
 */
export const WRONG_CREDENTIALS = 'The e-mail address or password is not right.'

class LoginRejected extends Error {
  constructor(
    readonly fieldErrors: FieldErrors,
    readonly values: Record<string, string>,
  ) {
    super('login rejected')
  }
}

const authenticator = new Authenticator<{ id: string; email: string }>()
authenticator.use(
  new FormStrategy(async ({ form }) => {
    const parsed = parseForm(form, LoginInput)
    if (!parsed.ok) throw new LoginRejected(parsed.fieldErrors, parsed.values)
    const user = await verifyLogin(parsed.value.email, parsed.value.password)
    if (!user) throw new LoginRejected({}, { email: parsed.value.email })
    return { id: user.id, email: parsed.value.email }
  }),
  'form',
)

export type LoginResult =
  | { ok: true; setCookie: string; redirectTo: string }
  | { ok: false; status: 400 | 429; fieldErrors: FieldErrors; formErrors: string[]; values: Record<string, string>; retryAfterSeconds?: number }

export async function attemptLogin(request: Request, origin: RequestOrigin): Promise<LoginResult> {
  const form = await request.clone().formData()
  const email = String(form.get('email') ?? '').trim().toLowerCase()
  const values = { email, redirectTo: String(form.get('redirectTo') ?? '') }
  const refuse = (status: 400 | 429, message: string, retryAfterSeconds?: number): LoginResult => ({
    ok: false,
    status,
    fieldErrors: {},
    formErrors: [message],
    values,
    retryAfterSeconds,
  })

  if (honeypotFilled(form)) return refuse(400, HONEYPOT_MESSAGE)
  const perAddress = await consume('login:ip', origin.ip)
  if (!perAddress.ok) return refuse(429, retryAfterMessage(perAddress.retryAfterSeconds), perAddress.retryAfterSeconds)
  if (email) {
    for (const locked of [await check('login-failures:account-ip', `${email}|${origin.ip}`), await check('login-failures:account', email)]) {
      if (!locked.ok) return refuse(429, retryAfterMessage(locked.retryAfterSeconds), locked.retryAfterSeconds)
    }
  }

  let user: { id: string; email: string }
  try {
    user = await authenticator.authenticate('form', request)
  } catch (error) {
    if (!(error instanceof LoginRejected)) throw error
    if (Object.keys(error.fieldErrors).length > 0) return { ok: false, status: 400, fieldErrors: error.fieldErrors, formErrors: [], values: { ...values, ...error.values } }
    await consume('login-failures:account-ip', `${email}|${origin.ip}`)
    await consume('login-failures:account', email)
    await recordAudit({ action: 'auth.login.failed', targetType: 'User', origin, metadata: { email } })
    return refuse(400, WRONG_CREDENTIALS)
  }

  await reset('login-failures:account-ip', `${email}|${origin.ip}`)
  // A session from before this login (another account on this browser) ends: never reuse an id across a login.
  await endSession(request)
  const { sessionId, setCookie } = await createSession(user.id, origin)
  await recordAudit({ action: 'auth.login', actorId: user.id, targetType: 'Session', targetId: sessionId, origin })
  return { ok: true, setCookie, redirectTo: safeRedirectPath(values.redirectTo) }
}
