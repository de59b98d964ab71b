import { createCookie, redirect } from '@remix-run/node'
import { Authenticator } from 'remix-auth'
import { OAuth2RequestError, OAuth2Strategy } from 'remix-auth-oauth2'
import { PROVIDER_LABELS, SocialProvider } from '~/modules/accounts/social-input'
import { ProfileUnavailable, type SocialProfile, fetchProfile } from '~/modules/accounts/social-profile.server'
import { type SocialProviderConfig, getEnv } from './env.server'
import { DomainError, NotFound } from './errors.server'
import { log } from './log.server'
import { safeRedirectPath } from './request-context.server'

/**
 * The HTTP side of signing in with GitHub or Google: remix-auth-oauth2's strategy runs the
 * authorization-code flow with PKCE (S256) and state, both kept in a short-lived cookie of
 * the strategy's; the accounts module decides what the person it returns means
 * (`signInWithProvider`). Each provider's endpoints come from the environment, so tests
 * point them at a loopback provider.
 */

const SCOPES: Record<SocialProvider, string[]> = {
  github: ['read:user', 'user:email'],
  google: ['openid', 'email', 'profile'],
}

/** The configured providers, in the order the buttons show them. */
export function configuredProviders(): SocialProvider[] {
  const { socialProviders } = getEnv()
  return SocialProvider.options.filter((provider) => socialProviders[provider] !== undefined)
}

/** The `$provider` route param, known and configured; anything else is 404. */
export function providerParam(value: string | undefined): { provider: SocialProvider; config: SocialProviderConfig } {
  const parsed = SocialProvider.safeParse(value)
  const config = parsed.success ? getEnv().socialProviders[parsed.data] : undefined
  if (!parsed.success || !config) throw new NotFound('This sign-in provider is not available.')
  return { provider: parsed.data, config }
}

function stateCookieName(provider: SocialProvider): string {
  return `${getEnv().cookieSecure ? '__Host-' : ''}questlog_oauth_${provider}`
}

function strategyFor(provider: SocialProvider, config: SocialProviderConfig, appOrigin: string) {
  const { cookieSecure } = getEnv()
  return new OAuth2Strategy<SocialProfile>(
    {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      authorizationEndpoint: config.authorizeUrl,
      tokenEndpoint: config.tokenUrl,
      redirectURI: `${appOrigin}/auth/${provider}/callback`,
      scopes: SCOPES[provider],
      cookie: {
        name: stateCookieName(provider),
        sameSite: 'Lax',
        path: '/',
        httpOnly: true,
        ...(cookieSecure ? { secure: true as const } : {}),
      },
    },
    ({ tokens }) => fetchProfile(provider, config, tokens.accessToken()),
  )
}

function authenticatorFor(provider: SocialProvider, config: SocialProviderConfig, appOrigin: string) {
  const authenticator = new Authenticator<SocialProfile>()
  authenticator.use(strategyFor(provider, config, appOrigin), provider)
  return authenticator
}

/** Where the browser goes back to after the provider: a path of ours, kept beside the strategy's state. */
let returnCookie: ReturnType<typeof createCookie> | undefined
function returnToCookie() {
  const env = getEnv()
  returnCookie ??= createCookie(env.cookieSecure ? '__Host-questlog_oauth_return' : 'questlog_oauth_return', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: env.cookieSecure,
    secrets: env.sessionSecrets,
    maxAge: 10 * 60,
  })
  return returnCookie
}

/** The redirect to the provider's authorization page, with the state/PKCE cookie (and where to come back to). */
export async function startSocialSignIn(
  request: Request,
  provider: SocialProvider,
  config: SocialProviderConfig,
  redirectTo: string | undefined,
): Promise<Response> {
  const origin = new URL(request.url).origin
  // A fresh request without a query: the strategy starts a flow only when no `state` is present.
  const start = new Request(`${origin}/auth/${provider}`, { headers: request.headers })
  let answer: Response | undefined
  try {
    await authenticatorFor(provider, config, origin).authenticate(provider, start)
  } catch (thrown) {
    if (thrown instanceof Response) answer = thrown
    else throw thrown
  }
  if (!answer?.headers.get('location')) throw new Error('the OAuth2 strategy did not redirect to the provider')
  const headers = new Headers(answer.headers)
  headers.append('Set-Cookie', await returnToCookie().serialize(safeRedirectPath(redirectTo, '')))
  return redirect(answer.headers.get('location')!, { headers })
}

/** A sign-in the provider or this browser's state refused; the callback page shows the message. */
export class SocialSignInRefused extends DomainError {
  constructor(message: string, status = 400) {
    super(message, status)
  }
}

/**
 * Finishes the flow on the callback: state checked against the cookie, the code exchanged
 * with the PKCE verifier, the person read. Every failure is a `SocialSignInRefused`.
 */
export async function finishSocialSignIn(
  request: Request,
  provider: SocialProvider,
  config: SocialProviderConfig,
): Promise<SocialProfile> {
  const label = PROVIDER_LABELS[provider]
  try {
    return await authenticatorFor(provider, config, new URL(request.url).origin).authenticate(provider, request)
  } catch (error) {
    if (error instanceof OAuth2RequestError) {
      if (error.code === 'access_denied') throw new SocialSignInRefused(`You cancelled signing in with ${label}.`)
      log.warn('oauth provider refused', { provider, code: error.code })
      throw new SocialSignInRefused(`${label} did not accept this sign-in (${error.code}). Please start again.`)
    }
    if (error instanceof RangeError || error instanceof ReferenceError) {
      // No state cookie, a state that is not ours, no code: a link from another browser, a replay, or an expired attempt.
      throw new SocialSignInRefused(
        `This sign-in with ${label} was not started in this browser, or it took too long. Please start again.`,
      )
    }
    log.warn('oauth sign-in failed', {
      provider,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    })
    if (error instanceof ProfileUnavailable)
      throw new SocialSignInRefused(`${label} did not tell us who you are. Please try again later.`, 502)
    throw new SocialSignInRefused(`We could not reach ${label}. Please try again later.`, 502)
  }
}

/** Headers that drop the strategy's state cookies and the return path: an authorization is used once. */
export async function endOfFlowCookies(request: Request, provider: SocialProvider): Promise<string[]> {
  const prefix = stateCookieName(provider)
  const { cookieSecure } = getEnv()
  const names = (request.headers.get('cookie') ?? '')
    .split(';')
    .map((part) => part.split('=')[0]!.trim())
    .filter((name) => name.startsWith(prefix))
  return [
    ...names.map((name) => `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${cookieSecure ? '; Secure' : ''}`),
    await returnToCookie().serialize('', { maxAge: 0 }),
  ]
}

/** The path the sign-in was started for, or null. */
export async function returnPathOf(request: Request): Promise<string | null> {
  const value: unknown = await returnToCookie().parse(request.headers.get('cookie'))
  return typeof value === 'string' && value ? safeRedirectPath(value, '') || null : null
}
