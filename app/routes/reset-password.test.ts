import { beforeEach, describe, expect, it } from 'vitest'
import { verifyLogin } from '~/modules/accounts/accounts.server'
import { requestPasswordReset } from '~/modules/accounts/password-reset.server'
import { getSessionUser } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { resetAllRateLimits } from '~/utils/rate-limit.server'
import { ORIGIN, TEST_PASSWORD, args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { toastIn } from '#tests/support/toast'
import { latestEmailTo, linkToken } from '#tests/support/mail'
import { action, loader } from './reset-password'

const NEW_PASSWORD = 'a brand new passphrase for questlog'

const open = (token: string) => settle(() => loader(args(request(`/reset-password?${new URLSearchParams({ token })}`))))
const submit = (fields: Record<string, string>, cookie?: string) =>
  settle(() => action(args(request('/reset-password', { cookie, form: fields }))))
const choose = (token: string, password = NEW_PASSWORD, cookie?: string) =>
  submit({ token, password, confirmPassword: password }, cookie)

/** A user who asked for a reset link, and the token from the e-mail. */
async function userWithResetLink() {
  const user = await createUser({ verified: false })
  expect(await requestPasswordReset(user.email, { ip: '203.0.113.7', userAgent: null }, ORIGIN)).toBe(true)
  const token = linkToken((await latestEmailTo(user.email)).text, '/reset-password')
  return { ...user, token }
}

const passwordHash = async (userId: string) =>
  (await prisma.password.findUniqueOrThrow({ where: { userId }, select: { hash: true } })).hash

beforeEach(() => resetAllRateLimits())

describe('/reset-password', () => {
  it('sets the new password once, ends every session, verifies the address, and sends the user to log in', async () => {
    const user = await userWithResetLink()
    const [phone, laptop] = [await cookieFor(user.id), await cookieFor(user.id)]
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2)

    const page = await open(user.token)
    expect(page).toMatchObject({ status: 200, body: { valid: true, token: user.token, email: user.email } })

    const done = await choose(user.token, NEW_PASSWORD, phone)
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe('/login')
    expect(await toastIn(done.headers)).toMatchObject({
      message: expect.stringContaining('Your password has been changed'),
    })
    expect(done.headers.get('set-cookie')).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i)

    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
    for (const cookie of [phone, laptop]) expect(await getSessionUser(request('/', { cookie }))).toBeNull()
    expect(await verifyLogin(user.email, TEST_PASSWORD)).toBeNull()
    expect(await verifyLogin(user.email, NEW_PASSWORD)).toEqual({ id: user.id })
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { emailVerifiedAt: true } })
    expect(row.emailVerifiedAt).toBeInstanceOf(Date)
    const audit = await prisma.auditLog.findMany({
      where: { actorId: user.id, action: 'auth.password.reset' },
      select: { targetId: true, metadata: true },
    })
    expect(audit).toEqual([{ targetId: user.id, metadata: { sessionsEnded: 2 } }])
    expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD)

    // Single use: the link is spent, on the page and on the form.
    expect(await open(user.token)).toMatchObject({ status: 410, body: { valid: false } })
    const hash = await passwordHash(user.id)
    expect(await choose(user.token, 'yet another passphrase please')).toMatchObject({
      status: 410,
      body: { linkInvalid: true },
    })
    expect(await passwordHash(user.id)).toBe(hash)
  })

  it.each([
    ['a short password', { password: 'short', confirmPassword: 'short' }, 'password'],
    ['a common password', { password: 'password123', confirmPassword: 'password123' }, 'password'],
    ['no password', {}, 'password'],
    ['two different passwords', { password: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` }, 'confirmPassword'],
  ])('answers 400 naming the field for %s, and keeps the link and the sessions', async (_name, fields, field) => {
    const user = await userWithResetLink()
    await cookieFor(user.id)
    const hash = await passwordHash(user.id)

    const answer = await submit({ token: user.token, ...fields })
    expect(answer).toMatchObject({
      status: 400,
      body: { ok: false, fieldErrors: { [field]: expect.arrayContaining([expect.any(String)]) } },
    })
    expect(await passwordHash(user.id)).toBe(hash)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1)
    expect((await open(user.token)).status).toBe(200)
  })

  it('refuses an expired link and keeps the password', async () => {
    const user = await userWithResetLink()
    await prisma.verification.updateMany({
      where: { target: user.email },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    const hash = await passwordHash(user.id)
    expect((await open(user.token)).status).toBe(410)
    expect((await choose(user.token)).status).toBe(410)
    expect(await passwordHash(user.id)).toBe(hash)
  })

  it('refuses a missing, truncated or tampered link', async () => {
    const user = await userWithResetLink()
    const tampered = `${user.token.slice(0, -1)}${user.token.endsWith('A') ? 'B' : 'A'}`
    expect(await settle(() => loader(args(request('/reset-password'))))).toMatchObject({
      status: 400,
      body: { valid: false },
    })
    expect((await open(user.token.slice(0, 12))).status).toBe(400)
    expect((await open(tampered)).status).toBe(410)
    expect(await choose(user.token.slice(0, 12))).toMatchObject({
      status: 400,
      body: { linkInvalid: true, fieldErrors: { token: [expect.any(String)] } },
    })
    expect((await choose(tampered)).status).toBe(410)
    // An e-mail verification link is not a password reset link.
    await prisma.verification.updateMany({ where: { target: user.email }, data: { type: 'email_verify' } })
    expect((await open(user.token)).status).toBe(410)
    expect((await choose(user.token)).status).toBe(410)
    expect(await verifyLogin(user.email, TEST_PASSWORD)).toEqual({ id: user.id })
  })

  it('refuses a link once the account has another address or was deleted', async () => {
    const moved = await userWithResetLink()
    await prisma.user.update({ where: { id: moved.id }, data: { email: `new-${moved.email}` } })
    expect((await choose(moved.token)).status).toBe(410)
    expect(await verifyLogin(`new-${moved.email}`, TEST_PASSWORD)).toEqual({ id: moved.id })

    const gone = await userWithResetLink()
    await prisma.user.update({ where: { id: gone.id }, data: { anonymizedAt: new Date() } })
    const hash = await passwordHash(gone.id)
    expect((await choose(gone.token)).status).toBe(410)
    expect(await passwordHash(gone.id)).toBe(hash)
  })

  it('only the newest link works', async () => {
    const user = await userWithResetLink()
    await requestPasswordReset(user.email, { ip: '203.0.113.7', userAgent: null }, ORIGIN)
    const newest = linkToken((await latestEmailTo(user.email)).text, '/reset-password')
    expect(newest).not.toBe(user.token)
    expect((await choose(user.token)).status).toBe(410)
    expect((await choose(newest)).status).toBe(302)
  })
})
