import { beforeEach, describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { HONEYPOT_FIELD } from '~/utils/honeypot'
import { resetAllRateLimits } from '~/utils/rate-limit.server'
import { args, createUser, request, settle } from '#tests/support/accounts'
import { emailsTo, linkToken } from '#tests/support/mail'
import { action } from './forgot-password'

const ask = (fields: Record<string, string>, ip = '203.0.113.7') =>
  settle(() => action(args(request('/forgot-password', { form: fields }), {}, ip)))

const resetRows = (email: string) => prisma.verification.count({ where: { type: 'password_reset', target: email } })

beforeEach(() => resetAllRateLimits())

describe('/forgot-password', () => {
  it('answers the same for an unknown and a known address, and mails only the account', async () => {
    const user = await createUser()
    const unknown = 'nobody-here@example.com'

    const forUnknown = await ask({ email: unknown })
    const forKnown = await ask({ email: user.email.toUpperCase() })
    expect(forKnown.status).toBe(200)
    expect(forKnown.status).toBe(forUnknown.status)
    expect(forKnown.body).toEqual(forUnknown.body)
    expect(forKnown.body).toMatchObject({
      ok: true,
      message: expect.stringContaining('If an account exists for that address'),
    })
    expect([...forKnown.headers]).toEqual([...forUnknown.headers])

    expect(await emailsTo(unknown)).toEqual([])
    expect(await resetRows(unknown)).toBe(0)
    const [mail, ...more] = await emailsTo(user.email)
    expect(more).toEqual([])
    expect(mail).toMatchObject({ template: 'password-reset', userId: user.id, subject: 'Reset your Questlog password' })
    const token = linkToken(mail!.text, '/reset-password')
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    // Only the hash of the token is stored, with a one-hour life.
    const row = await prisma.verification.findFirstOrThrow({
      where: { type: 'password_reset', target: user.email },
      select: { tokenHash: true, userId: true, expiresAt: true },
    })
    expect(row.tokenHash).not.toContain(token)
    expect(row.userId).toBe(user.id)
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(59 * 60_000)
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60_000)
  })

  it('sends nothing for an anonymised account', async () => {
    const user = await createUser()
    await prisma.user.update({ where: { id: user.id }, data: { anonymizedAt: new Date() } })
    expect((await ask({ email: user.email })).status).toBe(200)
    expect(await emailsTo(user.email)).toEqual([])
  })

  it('refuses a filled honeypot with 400 and writes nothing', async () => {
    const user = await createUser()
    const answer = await ask({ email: user.email, [HONEYPOT_FIELD]: 'https://spam.example' })
    expect(answer).toMatchObject({ status: 400, body: { ok: false, formErrors: [expect.stringContaining('robot')] } })
    expect(await emailsTo(user.email)).toEqual([])
    expect(await resetRows(user.email)).toBe(0)
  })

  it.each([
    ['no address', {}],
    ['a bad address', { email: 'not-an-address' }],
    ['a huge address', { email: `${'a'.repeat(300)}@example.com` }],
  ])('answers 400 naming the field for %s', async (_name, fields) => {
    const before = await prisma.outboundEmail.count()
    const answer = await ask(fields)
    expect(answer).toMatchObject({ status: 400, body: { ok: false, fieldErrors: { email: [expect.any(String)] } } })
    expect(await prisma.outboundEmail.count()).toBe(before)
  })

  it('limits requests per address: 429 with Retry-After, the same for an unknown address', async () => {
    const user = await createUser()
    for (const [n, email] of [user.email, 'ghost@example.com'].entries()) {
      // From several client addresses, so that only the per-address limit applies.
      for (let i = 0; i < 3; i++) expect((await ask({ email }, `198.51.100.${10 * n + i}`)).status).toBe(200)
      const refused = await ask({ email }, `198.51.100.${10 * n + 5}`)
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    }
    expect(await emailsTo(user.email)).toHaveLength(3)
  })

  it('limits requests per client address: 429 with Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await ask({ email: `someone${i}@example.com` }, '192.0.2.9')).status).toBe(200)
    const refused = await ask({ email: 'someone-else@example.com' }, '192.0.2.9')
    expect(refused).toMatchObject({
      status: 429,
      body: { ok: false, formErrors: [expect.stringContaining('Too many attempts')] },
    })
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await ask({ email: 'someone-else@example.com' }, '192.0.2.10')).status).toBe(200)
  })
})
