import { beforeEach, describe, expect, it } from 'vitest'
import { WRONG_CREDENTIALS } from '~/modules/accounts/auth.server'
import { hashToken } from '~/modules/accounts/session.server'
import { prisma } from '~/utils/db.server'
import { resetAllRateLimits } from '~/utils/rate-limit.server'
import { TEST_PASSWORD, args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { action as logoutAction } from './logout'
import { action, loader } from './login'
import { loader as rootLoader } from '../root'

const login = (form: Record<string, string>, ip = '203.0.113.7', cookie?: string) =>
  settle(() => action(args(request('/login', { form, cookie }), {}, ip)))
const cookieOf = (headers: Headers) => headers.get('set-cookie')?.split(';')[0] ?? ''

beforeEach(() => resetAllRateLimits())

describe('login', () => {
  it('signs in with a new random session whose hash only is stored, and redirects back', async () => {
    const user = await createUser()
    const res = await login({ email: user.email.toUpperCase(), password: TEST_PASSWORD, redirectTo: '/teams' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/teams')
    const setCookie = res.headers.get('set-cookie')!
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    expect(setCookie).toMatch(/Max-Age=2592000/)
    const token = decodeURIComponent(cookieOf(res.headers).split('=')[1]!)
    // The cookie is the signed token: 32 random bytes (256 bits) in base64url, then the signature.
    const raw = JSON.parse(Buffer.from(token.slice(0, token.lastIndexOf('.')), 'base64').toString()) as string
    expect(Buffer.from(raw, 'base64url')).toHaveLength(32)
    const session = await prisma.session.findUniqueOrThrow({
      where: { tokenHash: hashToken(raw) },
      select: { userId: true, expirationDate: true },
    })
    expect(session.userId).toBe(user.id)
    const days = (session.expirationDate.getTime() - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(29.9)
    expect(days).toBeLessThanOrEqual(30)
    expect(await prisma.session.count({ where: { tokenHash: raw } })).toBe(0)

    const root = (await settle(() => rootLoader(args(request('/', { cookie: cookieOf(res.headers) }))))).body as {
      user: { id: string } | null
    }
    expect(root.user?.id).toBe(user.id)
  })

  it('issues a new session id at every login and ends the one the browser had', async () => {
    const user = await createUser()
    const first = await login({ email: user.email, password: TEST_PASSWORD })
    const second = await login({ email: user.email, password: TEST_PASSWORD }, '203.0.113.7', cookieOf(first.headers))
    expect(cookieOf(second.headers)).not.toBe(cookieOf(first.headers))
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1)
    // Each sign-in is in the behaviour log with its session.
    const signIns = await prisma.userBehaviorLog.findMany({
      where: { userId: user.id, actionType: 'auth.signed_in' },
      select: { sessionId: true, contextData: true },
    })
    const current = await prisma.session.findFirstOrThrow({ where: { userId: user.id }, select: { id: true } })
    expect(signIns).toHaveLength(2)
    expect(signIns.map((row) => row.sessionId)).toContain(current.id)
    expect(signIns[0]?.contextData).toEqual({ path: '/login' })
  })

  it('answers an unknown address and a wrong password the same way, and audits both', async () => {
    const user = await createUser()
    const wrong = await login({ email: user.email, password: 'not the password' })
    const unknown = await login({ email: 'nobody@example.com', password: 'not the password' })
    expect(wrong.status).toBe(400)
    expect(unknown.status).toBe(400)
    const strip = (b: unknown) => ({ ...(b as { values: object }), values: {} })
    expect(strip(wrong.body)).toEqual(strip(unknown.body))
    expect((wrong.body as { formErrors: string[] }).formErrors).toEqual([WRONG_CREDENTIALS])
    expect(wrong.headers.get('set-cookie')).toBeNull()
    const audits = await prisma.auditLog.findMany({
      where: { action: 'auth.login.failed' },
      select: { metadata: true, ip: true },
    })
    expect(audits).toHaveLength(2)
    expect(JSON.stringify(audits)).not.toContain('not the password')
  })

  it.each([
    [{ email: 'not-an-address', password: 'x' }, 'email'],
    [{ email: 'a@example.com', password: '' }, 'password'],
    [{ password: 'x' }, 'email'],
  ])('answers 400 naming the field for %j', async (form, field) => {
    const res = await login(form)
    expect(res.status).toBe(400)
    expect((res.body as { fieldErrors: Record<string, string[]> }).fieldErrors[field]?.length).toBeGreaterThan(0)
  })

  it('never redirects to another site after login', async () => {
    const user = await createUser()
    const res = await login({ email: user.email, password: TEST_PASSWORD, redirectTo: '//evil.example/phish' })
    expect(res.headers.get('location')).toBe('/')
  })

  it('refuses a filled honeypot and writes no session', async () => {
    const user = await createUser()
    const res = await login({ email: user.email, password: TEST_PASSWORD, website: 'https://spam.example' })
    expect(res.status).toBe(400)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
  })

  it('sends a signed-in visitor away from the login page', async () => {
    const user = await createUser()
    const cookie = await cookieFor(user.id)
    const res = await settle(() => loader(args(request('/login', { cookie }))))
    expect(res.status).toBe(302)
  })
})

describe('login rate limits', () => {
  it('allows 10 attempts a minute from one address, then answers 429 with Retry-After', async () => {
    const statuses = []
    for (let i = 0; i < 11; i++)
      statuses.push((await login({ email: `x${i}@example.com`, password: 'whatever' }, '198.51.100.1')).status)
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true)
    const limited = await login({ email: 'y@example.com', password: 'whatever' }, '198.51.100.1')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    // Another address is not affected.
    expect((await login({ email: 'y@example.com', password: 'whatever' }, '198.51.100.2')).status).toBe(400)
  })

  it('locks one account on one address after 5 failures, even with the right password, but not its owner elsewhere', async () => {
    const user = await createUser()
    for (let i = 0; i < 5; i++)
      expect((await login({ email: user.email, password: 'wrong guess' }, '198.51.100.9')).status).toBe(400)
    const locked = await login({ email: user.email, password: TEST_PASSWORD }, '198.51.100.9')
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(60)
    expect((await login({ email: user.email, password: TEST_PASSWORD }, '192.0.2.44')).status).toBe(302)
  })

  it('pauses an account attacked from many addresses for at most 5 minutes', async () => {
    const user = await createUser()
    for (let i = 0; i < 20; i++)
      await login({ email: user.email, password: 'wrong guess' }, `198.51.100.${100 + (i % 4)}`)
    const paused = await login({ email: user.email, password: TEST_PASSWORD }, '192.0.2.50')
    expect(paused.status).toBe(429)
    expect(Number(paused.headers.get('retry-after'))).toBeLessThanOrEqual(300)
  })

  it('a successful login clears the failures counted for that account and address', async () => {
    const user = await createUser()
    for (let i = 0; i < 4; i++) await login({ email: user.email, password: 'wrong guess' }, '198.51.100.20')
    expect((await login({ email: user.email, password: TEST_PASSWORD }, '198.51.100.20')).status).toBe(302)
    // Without the reset the next failure would be the fifth and lock the pair.
    for (let i = 0; i < 4; i++)
      expect((await login({ email: user.email, password: 'wrong again' }, '198.51.100.20')).status).toBe(400)
    expect((await login({ email: user.email, password: TEST_PASSWORD }, '198.51.100.20')).status).toBe(302)
  })
})

describe('logout', () => {
  it('deletes the session row and clears the cookie; the old cookie no longer works', async () => {
    const user = await createUser()
    const cookie = await cookieFor(user.id)
    const res = await settle(() => logoutAction(args(request('/logout', { method: 'POST', cookie }))))
    expect(res.status).toBe(302)
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
    const root = (await settle(() => rootLoader(args(request('/', { cookie }))))).body as { user: unknown }
    expect(root.user).toBeNull()
    expect(await prisma.auditLog.count({ where: { action: 'auth.logout', actorId: user.id } })).toBe(1)
  })

  it.each([
    ['/login?redirectTo=%2Fsettings%2Fdata', '/login?redirectTo=%2Fsettings%2Fdata'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
  ])('goes on to a path of this site only ("sign in again"): %s → %s', async (redirectTo, location) => {
    const cookie = await cookieFor((await createUser()).id)
    const res = await settle(() => logoutAction(args(request('/logout', { cookie, form: { redirectTo } }))))
    expect([res.status, res.headers.get('location')]).toEqual([302, location])
  })
})
