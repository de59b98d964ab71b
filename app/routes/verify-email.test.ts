import { beforeEach, describe, expect, it } from 'vitest'
import { sendVerificationEmail } from '~/modules/accounts/email-verification.server'
import { createVerification } from '~/modules/accounts/verification.server'
import { prisma } from '~/utils/db.server'
import { resetAllRateLimits } from '~/utils/rate-limit.server'
import { ORIGIN, args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { emailsTo, latestEmailTo, linkToken } from '#tests/support/mail'
import { action, loader } from './verify-email'

const open = (token: string, cookie?: string) =>
  settle(() => loader(args(request(`/verify-email?${new URLSearchParams({ token })}`, { cookie }))))
const confirm = (token: string, cookie?: string) =>
  settle(() => action(args(request('/verify-email', { cookie, form: { intent: 'confirm', token } }))))
const resend = (cookie?: string) =>
  settle(() => action(args(request('/verify-email', { cookie, form: { intent: 'resend' } }))))

async function unverifiedUser() {
  const user = await createUser({ verified: false })
  return { ...user, cookie: await cookieFor(user.id) }
}

const verifiedAt = async (userId: string) =>
  (await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { emailVerifiedAt: true } })).emailVerifiedAt

/** The token of the newest verification e-mail to this address. */
async function tokenSentTo(email: string) {
  const mail = await latestEmailTo(email)
  expect(mail.template).toBe('verify-email')
  return linkToken(mail.text, '/verify-email')
}

beforeEach(() => resetAllRateLimits())

describe('/verify-email with a link', () => {
  it('shows a confirm button for a live link without using it, and the POST confirms the address (no session needed)', async () => {
    const user = await unverifiedUser()
    expect((await resend(user.cookie)).status).toBe(200)
    const token = await tokenSentTo(user.email)

    const page = await open(token)
    expect(page.status).toBe(200)
    expect(page.body).toEqual({ view: 'confirm', token, email: user.email })
    // Opening the link (a link scanner, a preview) changes nothing.
    expect(await verifiedAt(user.id)).toBeNull()
    expect((await open(token)).status).toBe(200)

    const confirmed = await confirm(token)
    expect(confirmed.status).toBe(302)
    expect(confirmed.headers.get('location')).toBe('/verify-email?verified=1')
    expect(await verifiedAt(user.id)).toBeInstanceOf(Date)
    const audit = await prisma.auditLog.findMany({
      where: { actorId: user.id, action: 'auth.email.verified' },
      select: { targetId: true, metadata: true },
    })
    expect(audit).toEqual([{ targetId: user.id, metadata: {} }])

    const done = await settle(() => loader(args(request('/verify-email?verified=1'))))
    expect(done).toMatchObject({ status: 200, body: { view: 'verified' } })
  })

  it('refuses a used link, on the page and on the POST', async () => {
    const user = await unverifiedUser()
    await sendVerificationEmail(user, ORIGIN)
    const token = await tokenSentTo(user.email)
    expect((await confirm(token)).status).toBe(302)

    expect(await open(token)).toMatchObject({ status: 410, body: { view: 'invalid' } })
    expect(await confirm(token)).toMatchObject({ status: 410, body: { ok: false, linkInvalid: true } })
  })

  it('refuses an expired link and leaves the address unverified', async () => {
    const user = await unverifiedUser()
    await sendVerificationEmail(user, ORIGIN)
    const token = await tokenSentTo(user.email)
    await prisma.verification.updateMany({
      where: { target: user.email },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })

    expect((await open(token)).status).toBe(410)
    expect((await confirm(token)).status).toBe(410)
    expect(await verifiedAt(user.id)).toBeNull()
  })

  it('refuses a tampered or truncated link', async () => {
    const user = await unverifiedUser()
    await sendVerificationEmail(user, ORIGIN)
    const token = await tokenSentTo(user.email)
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`

    expect((await open(tampered)).status).toBe(410)
    expect((await confirm(tampered)).status).toBe(410)
    expect(await open(token.slice(0, 10))).toMatchObject({ status: 400, body: { view: 'invalid' } })
    expect(await confirm(token.slice(0, 10))).toMatchObject({
      status: 400,
      body: { linkInvalid: true, fieldErrors: { token: [expect.any(String)] } },
    })
    expect(await verifiedAt(user.id)).toBeNull()
    // The real link still works afterwards.
    expect((await confirm(token)).status).toBe(302)
  })

  it('cannot verify my address with a link made for another user, nor after my address changed', async () => {
    const me = await unverifiedUser()
    const other = await unverifiedUser()
    // A link for my address that belongs to another account: the address does not match that account.
    const crossed = await createVerification('email_verify', me.email, other.id)
    expect((await confirm(crossed, me.cookie)).status).toBe(410)
    expect(await verifiedAt(me.id)).toBeNull()
    expect(await verifiedAt(other.id)).toBeNull()

    // Another user's genuine link, used while I am signed in, verifies their address, never mine.
    await sendVerificationEmail(other, ORIGIN)
    expect((await confirm(await tokenSentTo(other.email), me.cookie)).status).toBe(302)
    expect(await verifiedAt(me.id)).toBeNull()
    expect(await verifiedAt(other.id)).toBeInstanceOf(Date)

    // My own link, after my address changed: it proves the old address only.
    await sendVerificationEmail(me, ORIGIN)
    const token = await tokenSentTo(me.email)
    await prisma.user.update({ where: { id: me.id }, data: { email: `changed-${me.email}` } })
    expect((await confirm(token, me.cookie)).status).toBe(410)
    expect(await verifiedAt(me.id)).toBeNull()
  })
})

describe('/verify-email without a link', () => {
  it('sends a signed-out visitor to log in', async () => {
    const page = await settle(() => loader(args(request('/verify-email'))))
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe(`/login?${new URLSearchParams({ redirectTo: '/verify-email' })}`)
    const posted = await resend()
    expect(posted.status).toBe(302)
    expect(posted.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
  })

  it('offers a new link to an unverified user, and says so to a verified one without sending mail', async () => {
    const user = await unverifiedUser()
    expect(await settle(() => loader(args(request('/verify-email', { cookie: user.cookie }))))).toMatchObject({
      status: 200,
      body: { view: 'resend', email: user.email, verified: false },
    })

    const verified = await createUser()
    const cookie = await cookieFor(verified.id)
    expect((await settle(() => loader(args(request('/verify-email', { cookie }))))).body).toMatchObject({
      verified: true,
    })
    const answer = await resend(cookie)
    expect(answer).toMatchObject({
      status: 200,
      body: { ok: true, message: expect.stringContaining('already confirmed') },
    })
    expect(await emailsTo(verified.email)).toEqual([])
  })

  it('limits re-sending: 429 with Retry-After after three, and no more mail', async () => {
    const user = await unverifiedUser()
    for (let i = 0; i < 3; i++) expect((await resend(user.cookie)).status).toBe(200)
    const refused = await resend(user.cookie)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(refused.body).toMatchObject({ ok: false, formErrors: [expect.stringContaining('Too many attempts')] })
    expect(await emailsTo(user.email)).toHaveLength(3)
    // Only the newest link works: each new one replaces the last.
    expect(await prisma.verification.count({ where: { type: 'email_verify', target: user.email } })).toBe(1)
  })

  it('answers 400 naming the field for an unknown intent, and writes nothing', async () => {
    const user = await unverifiedUser()
    const answer = await settle(() =>
      action(args(request('/verify-email', { cookie: user.cookie, form: { intent: 'delete-everything' } }))),
    )
    expect(answer).toMatchObject({ status: 400, body: { ok: false, fieldErrors: { intent: [expect.any(String)] } } })
    expect(await emailsTo(user.email)).toEqual([])
  })
})
