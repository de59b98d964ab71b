import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { unverifiedCollision } from '~/modules/accounts/social-sign-in.server'
import { getSessionUser } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { resetAllRateLimits } from '~/utils/rate-limit.server'
import { ORIGIN, args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import type { ProviderPerson } from '#tests/support/oauth-provider'
import { loader as callbackLoader } from './auth.$provider.callback'
import * as startRoute from './auth.$provider'
import { action as startAction } from './auth.$provider'
import { loader as loginLoader } from './login'
import { loader as signupLoader } from './signup'

// The loopback provider runs before any app module reads the environment, which points GitHub and Google at it.
const provider = await vi.hoisted(async () => {
  const { loopbackProviderEnv, startLoopbackProvider } = await import('#tests/support/oauth-provider')
  const started = await startLoopbackProvider()
  Object.assign(process.env, loopbackProviderEnv(started))
  return started
})
afterAll(() => provider.close())
beforeEach(() => resetAllRateLimits())

/** A tiny cookie jar: what the browser would send back after these Set-Cookie headers. */
class Jar {
  readonly cookies = new Map<string, string>()
  constructor(initial?: string) {
    if (initial) this.cookies.set(initial.split('=')[0]!, initial.slice(initial.indexOf('=') + 1))
  }
  take(headers: Headers) {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';')
      const name = pair!.slice(0, pair!.indexOf('='))
      const value = pair!.slice(pair!.indexOf('=') + 1)
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }
  named(prefix: string) {
    return [...this.cookies.keys()].filter((name) => name.startsWith(prefix))
  }
}

let ipCounter = 0
const freshIp = () => `198.51.100.${++ipCounter}`

/** POST /auth/$provider: the redirect to the provider, its state cookie kept in the jar. */
async function start(name: string, jar: Jar, redirectTo?: string, ip = freshIp()) {
  const result = await settle(() =>
    startAction(
      args(
        request(`/auth/${name}`, { form: redirectTo ? { redirectTo } : {}, cookie: jar.header() || undefined }),
        { provider: name },
        ip,
      ),
    ),
  )
  jar.take(result.headers)
  return result
}

/** The provider's authorization page: where it sends the browser back (our callback with code and state). */
async function atProvider(authorizeUrl: string): Promise<URL> {
  const answer = await fetch(authorizeUrl, { redirect: 'manual' })
  expect(answer.status).toBe(302)
  return new URL(answer.headers.get('location')!)
}

async function callback(name: string, back: URL, jar: Jar, ip = freshIp()) {
  const path = `${back.pathname}${back.search}`
  const result = await settle(() =>
    callbackLoader(args(request(path, { cookie: jar.header() || undefined }), { provider: name }, ip)),
  )
  jar.take(result.headers)
  return result
}

/** The whole round trip as a browser makes it. */
async function signInWith(name: 'github' | 'google', person: ProviderPerson, jar = new Jar(), redirectTo?: string) {
  provider.signInAs(person)
  const started = await start(name, jar, redirectTo)
  expect(started.status).toBe(302)
  const back = await atProvider(started.headers.get('location')!)
  return { result: await callback(name, back, jar), jar }
}

let personCounter = 1000
function person(overrides: Partial<ProviderPerson> = {}): ProviderPerson {
  const n = ++personCounter
  return {
    id: String(n),
    login: `Octo-Cat.${n}`,
    name: `Octo Cat ${n}`,
    email: `octo${n}@example.com`,
    emailVerified: true,
    ...overrides,
  }
}

async function signedInAs(jar: Jar) {
  return getSessionUser(request('/', { cookie: jar.header() }))
}

describe('starting a sign-in', () => {
  it('redirects to the provider with the client, our callback, a state and an S256 PKCE challenge, and keeps state and verifier in a cookie', async () => {
    const jar = new Jar()
    const started = await start('github', jar, '/teams')
    const to = new URL(started.headers.get('location')!)
    expect(`${to.origin}${to.pathname}`).toBe(`${provider.url}/authorize`)
    expect(to.searchParams.get('client_id')).toBe(provider.clientId)
    expect(to.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/auth/github/callback`)
    expect(to.searchParams.get('code_challenge_method')).toBe('S256')
    expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/)
    expect(to.searchParams.get('scope')).toBe('read:user user:email')
    const state = to.searchParams.get('state')!
    expect(state.length).toBeGreaterThanOrEqual(20)
    const [stateCookie] = jar.named('questlog_oauth_github')
    expect(decodeURIComponent(jar.cookies.get(stateCookie!)!)).toContain(`state=${state}`)
    expect(started.headers.getSetCookie().join('\n')).toMatch(/HttpOnly/i)
  })

  it('asks Google for openid, email and profile', async () => {
    const started = await start('google', new Jar())
    expect(new URL(started.headers.get('location')!).searchParams.get('scope')).toBe('openid email profile')
  })

  it('answers 404 for a provider we do not offer; only a POST starts (no loader, which would also run for the callback)', async () => {
    for (const name of ['twitter', 'GitHub', '']) expect((await start(name, new Jar())).status, name).toBe(404)
    expect('loader' in startRoute).toBe(false)
  })

  it('refuses (400) a return path that is too long', async () => {
    expect((await start('github', new Jar(), `/${'a'.repeat(2100)}`)).status).toBe(400)
  })
})

describe('the login and sign-up pages', () => {
  it('offer the configured providers', async () => {
    for (const loader of [loginLoader, signupLoader]) {
      const page = await settle(() => loader(args(request('/login'))))
      expect(page.body).toEqual({ providers: ['github', 'google'] })
    }
  })
})

describe('signing in with a provider', () => {
  it('signs up someone new: a verified address, no password, the Account, a session; then signs the same person in again', async () => {
    const octo = person()
    const { result, jar } = await signInWith('github', octo, new Jar(), '/learn')
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe('/learn')
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: octo.email! },
      include: { password: true, accounts: true },
    })
    expect(user.emailVerifiedAt).not.toBeNull()
    expect(user.password).toBeNull()
    expect(user.username).toBe(`octo_cat_${octo.id}`)
    expect(user.name).toBe(octo.name)
    expect(user.accounts).toEqual([
      expect.objectContaining({ provider: 'github', providerAccountId: octo.id, email: octo.email }),
    ])
    expect((await signedInAs(jar))?.id).toBe(user.id)
    // The one-time cookies are gone once the flow is done.
    expect(jar.named('questlog_oauth')).toEqual([])
    // The token endpoint was given the verifier of the challenge and accepted it.
    expect(provider.tokenRequests.at(-1)).toEqual({ codeVerifier: expect.stringMatching(/^[\w-]{43,}$/), status: 200 })

    // Later, in a signed-out browser: the same person at GitHub signs in to the same account, in a new session.
    const firstSession = (await signedInAs(jar))!.sessionId
    const again = await signInWith('github', octo)
    expect(again.result.status).toBe(302)
    expect(again.result.headers.get('location')).toBe('/')
    const session = await signedInAs(again.jar)
    expect(session?.id).toBe(user.id)
    expect(session?.sessionId).not.toBe(firstSession)
    // Signed in already, the same GitHub account is simply "already linked".
    const linked = await signInWith('github', octo, jar)
    expect(linked.result.headers.get('location')).toBe('/settings/connections')
    expect(await prisma.user.count({ where: { email: octo.email! } })).toBe(1)
    expect(await prisma.account.count({ where: { userId: user.id } })).toBe(1)
  })

  it('signs up through Google’s userinfo too, keyed by sub', async () => {
    const someone = person({ login: 'unused' })
    const { result, jar } = await signInWith('google', someone)
    expect(result.status).toBe(302)
    const account = await prisma.account.findUniqueOrThrow({
      where: { provider_providerAccountId: { provider: 'google', providerAccountId: someone.id } },
      include: { user: true },
    })
    expect(account.user.email).toBe(someone.email)
    expect(account.user.username).toBe(`octo${someone.id}`)
    expect((await signedInAs(jar))?.id).toBe(account.userId)
  })

  it('links the provider to the signed-in user, whatever address the provider has', async () => {
    const me = await createUser()
    const jar = new Jar(await cookieFor(me.id))
    const sessionBefore = (await signedInAs(jar))!.sessionId
    const { result } = await signInWith('google', person({ email: 'another-address@example.com' }), jar)
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe('/settings/connections')
    expect(
      await prisma.account.findMany({ where: { userId: me.id }, select: { provider: true, email: true } }),
    ).toEqual([{ provider: 'google', email: 'another-address@example.com' }])
    expect((await signedInAs(jar))?.sessionId).toBe(sessionBefore)
    expect(await prisma.user.count({ where: { email: 'another-address@example.com' } })).toBe(0)
  })

  it('refuses to link a provider account that belongs to someone else, or a second account of the same provider', async () => {
    const owner = person()
    await signInWith('github', owner)
    const me = await createUser()
    const jar = new Jar(await cookieFor(me.id))
    const taken = await signInWith('github', owner, jar)
    expect(taken.result.status).toBe(409)
    expect(taken.result.body).toMatchObject({
      message: 'This GitHub account is already linked to another Questlog account.',
    })

    expect((await signInWith('github', person(), jar)).result.status).toBe(302)
    const second = await signInWith('github', person(), jar)
    expect(second.result.status).toBe(409)
    expect(second.result.body).toMatchObject({ message: expect.stringContaining('already linked a GitHub account') })
    expect(await prisma.account.count({ where: { userId: me.id } })).toBe(1)
  })

  it('links by e-mail and signs in when both the provider and we have verified the address', async () => {
    const existing = await createUser({ verified: true })
    const { result, jar } = await signInWith('github', person({ email: existing.email.toUpperCase() }))
    expect(result.status).toBe(302)
    expect((await signedInAs(jar))?.id).toBe(existing.id)
    expect(await prisma.account.count({ where: { userId: existing.id, provider: 'github' } })).toBe(1)
    expect(await prisma.password.count({ where: { userId: existing.id } })).toBe(1)
  })

  it('refuses an e-mail collision when either side has not verified the address, and changes nothing', async () => {
    const unverifiedHere = await createUser({ verified: false })
    const verifiedHere = await createUser({ verified: true })
    for (const [who, octo] of [
      [unverifiedHere, person({ email: unverifiedHere.email, emailVerified: true })],
      [verifiedHere, person({ email: verifiedHere.email, emailVerified: false })],
    ] as const) {
      const sessions = await prisma.session.count()
      const { result, jar } = await signInWith('github', octo)
      expect(result.status).toBe(409)
      expect(result.body).toMatchObject({ message: unverifiedCollision('GitHub'), signedIn: false })
      expect(await prisma.account.count({ where: { userId: who.id } })).toBe(0)
      expect(await prisma.session.count()).toBe(sessions)
      expect(await signedInAs(jar)).toBeNull()
    }
  })

  it('refuses to sign up with an address the provider has not verified, or without one', async () => {
    for (const octo of [person({ emailVerified: false }), person({ email: null })]) {
      const { result } = await signInWith('github', octo)
      expect(result.status).toBe(400)
      expect(await prisma.account.count({ where: { providerAccountId: octo.id } })).toBe(0)
    }
    expect(await prisma.user.count({ where: { email: { startsWith: 'octo' }, accounts: { none: {} } } })).toBe(0)
  })

  it('refuses a callback whose state is not the one this browser was given, without asking for a token', async () => {
    provider.signInAs(person())
    const mine = new Jar()
    await start('github', mine)
    const theirs = new Jar()
    const back = await atProvider((await start('github', theirs)).headers.get('location')!)
    const tokenCalls = provider.tokenRequests.length
    const refused = await callback('github', back, mine)
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ message: expect.stringContaining('was not started in this browser') })
    // No cookie at all (a link opened elsewhere) is refused the same way.
    expect((await callback('github', back, new Jar())).status).toBe(400)
    expect(provider.tokenRequests.length).toBe(tokenCalls)
    expect(await signedInAs(mine)).toBeNull()
  })

  it('is refused by the provider when the PKCE verifier does not match the challenge', async () => {
    const octo = person()
    provider.signInAs(octo)
    const jar = new Jar()
    const back = await atProvider((await start('github', jar)).headers.get('location')!)
    // Swap the verifier kept in the state cookie for another one of the same shape.
    const [name] = jar.named('questlog_oauth_github')
    const stored = new URLSearchParams(decodeURIComponent(jar.cookies.get(name!)!))
    const state = stored.get('state')!
    stored.set(state, 'x'.repeat(stored.get(state)!.length))
    jar.cookies.set(name!, stored.toString())
    const refused = await callback('github', back, jar)
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({
      message: 'GitHub did not accept this sign-in (invalid_grant). Please start again.',
    })
    expect(provider.tokenRequests.at(-1)).toEqual({ codeVerifier: 'x'.repeat(stored.get(state)!.length), status: 400 })
    expect(await prisma.user.count({ where: { email: octo.email! } })).toBe(0)
  })

  it('says so when the person cancels at the provider', async () => {
    provider.denyNext()
    const { result } = await signInWith('github', person())
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ message: 'You cancelled signing in with GitHub.' })
  })

  it('limits sign-in attempts per address like the login form (429 with Retry-After)', async () => {
    const jar = new Jar()
    const back = new URL(`${ORIGIN}/auth/github/callback?state=nothing&code=nothing`)
    for (let i = 0; i < 10; i++) expect((await callback('github', back, jar, '192.0.2.50')).status).toBe(400)
    const limited = await callback('github', back, jar, '192.0.2.50')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })
})

describe('a socially signed-up account in the data export and in deletion', () => {
  it('exports the linked accounts and deletes them with the account', async () => {
    const { exportUserData, deleteAccount } = await import('~/modules/accounts/privacy.server')
    const { everyModulesUserData } = await import('~/modules/user-data.server')
    const { TEST_PASSWORD } = await import('#tests/support/accounts')
    const me = await createUser()
    const jar = new Jar(await cookieFor(me.id))
    const octo = person()
    await signInWith('github', octo, jar)
    const exported = (await exportUserData(me.id)) as { account: { linkedAccounts: unknown[] } }
    expect(exported.account.linkedAccounts).toEqual([
      expect.objectContaining({ provider: 'github', providerAccountId: octo.id, email: octo.email }),
    ])
    const deleted = await deleteAccount(
      me.id,
      TEST_PASSWORD,
      { ip: '127.0.0.1', userAgent: null },
      everyModulesUserData,
    )
    expect(deleted.ok).toBe(true)
    expect(await prisma.account.count({ where: { userId: me.id } })).toBe(0)
    // The provider account is free again: signing in with it makes a new account, not the deleted one.
    const { jar: fresh } = await signInWith('github', octo)
    expect((await signedInAs(fresh))?.id).not.toBe(me.id)
  })
})
