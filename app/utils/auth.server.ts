import { redirect } from '@remix-run/node'
import { Authenticator } from 'remix-auth'
import { FormStrategy } from 'remix-auth-form'
import { LoginInput } from '~/modules/accounts/account-input'
import { type LoggedIn, logIn } from '~/modules/accounts/auth.server'
import { type PlatformPermission, platformRoleCan } from '~/modules/accounts/permissions'
import {
  type SessionUser,
  endSessionByToken,
  sessionTokenFrom,
  sessionUserForToken,
} from '~/modules/accounts/session.server'
import { Forbidden } from './errors.server'
import { type FormFailure, parseForm } from './forms'
import type { RequestOrigin } from './request-context.server'
import { oncePerRequest } from './request-scope.server'

/**
 * The HTTP side of sessions: who a request is signed in as, and the redirects of
 * pages that need (or must not have) a signed-in user. The accounts module owns the
 * sessions themselves; this file only reads the cookie of a request.
 */

/**
 * The signed-in user, or null (no cookie, a forged or expired one, or a session that was ended).
 * The loaders of one GET share one lookup (and one lastSeenAt touch); an action always
 * reads afresh, since it may rename the user or end the session.
 */
export function getSessionUser(request: Request): Promise<SessionUser | null> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return lookUp(request)
  return oncePerRequest(`session-user:${request.headers.get('cookie') ?? ''}`, () => lookUp(request))
}

async function lookUp(request: Request): Promise<SessionUser | null> {
  const token = await sessionTokenFrom(request.headers.get('cookie'))
  return token ? sessionUserForToken(token) : null
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url)
  const back = `${url.pathname}${url.search}`
  throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`)
}

/** The signed-in user; anyone else is sent to the login page and brought back afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  return (await getSessionUser(request)) ?? loginRedirect(request)
}

/** For pages only a signed-out visitor needs (login, sign-up). */
export async function requireAnonymous(request: Request): Promise<void> {
  if (await getSessionUser(request)) throw redirect('/')
}

/** Ends the session of this request; returns the header that clears the cookie. */
export async function endSession(request: Request): Promise<string> {
  return endSessionByToken(await sessionTokenFrom(request.headers.get('cookie')))
}

/** The signed-in user, refused (403) when their platform role lacks the permission. */
export async function requirePlatformPermission(
  request: Request,
  permission: PlatformPermission,
): Promise<SessionUser> {
  const user = await requireUser(request)
  if (!platformRoleCan(user.role, permission)) throw new Forbidden('You do not have permission to do this.')
  return user
}

/**
 * The login form, read by remix-auth's form strategy: a form that does not parse
 * comes back as its failure; a wrong password or a rate limit is thrown by
 * `logIn` (a domain error the route answers through `refuseForm`).
 */
export function authenticateLogin(
  request: Request,
  origin: RequestOrigin,
): Promise<FormFailure | ({ ok: true } & LoggedIn)> {
  const authenticator = new Authenticator<FormFailure | ({ ok: true } & LoggedIn)>()
  authenticator.use(
    new FormStrategy(async ({ form }) => {
      const parsed = parseForm(form, LoginInput)
      if (!parsed.ok) return parsed
      const previousToken = await sessionTokenFrom(request.headers.get('cookie'))
      return { ok: true as const, ...(await logIn(parsed.value, previousToken, origin)) }
    }),
    'form',
  )
  return authenticator.authenticate('form', request)
}
