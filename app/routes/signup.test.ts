import { beforeEach, describe, expect, it } from 'vitest'
import { verifyPassword } from '~/modules/accounts/password.server'
import { prisma } from '~/utils/db.server'
import { resetAllRateLimits } from '~/utils/rate-limit.server'
import { args, createUser, request, settle } from '#tests/support/accounts'
import { action } from './signup'

const signup = (form: Record<string, string>, ip = '203.0.113.8') =>
  settle(() => action(args(request('/signup', { form }), {}, ip)))
const valid = (tag: string) => ({
  email: `${tag}@Example.com`,
  username: tag,
  name: 'Ada Lovelace',
  password: 'analytical engine notes',
  confirmPassword: 'analytical engine notes',
  timezone: 'Europe/Berlin',
})
type Refused = { fieldErrors: Record<string, string[]>; formErrors: string[] }

beforeEach(() => resetAllRateLimits())

describe('sign-up', () => {
  it('creates the account with an argon2id hash in Password, signs it in and e-mails a verification link', async () => {
    const res = await signup(valid('ada_l'))
    expect(res.status).toBe(302)
    expect(res.headers.get('set-cookie')).toMatch(/questlog_session=/)
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: 'ada_l@example.com' },
      select: { id: true, username: true, timezone: true, emailVerifiedAt: true, password: { select: { hash: true } } },
    })
    expect(user).toMatchObject({ username: 'ada_l', timezone: 'Europe/Berlin', emailVerifiedAt: null })
    expect(user.password?.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(await verifyPassword('analytical engine notes', user.password!.hash)).toBe(true)
    const mail = await prisma.outboundEmail.findFirstOrThrow({
      where: { userId: user.id },
      select: { to: true, template: true, text: true },
    })
    expect(mail).toMatchObject({ to: 'ada_l@example.com', template: 'verify-email' })
    expect(mail.text).toMatch(/http:\/\/127\.0\.0\.1:3000\/verify-email\?token=[\w-]{43}/)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1)
    expect(await prisma.auditLog.count({ where: { action: 'auth.signup', actorId: user.id } })).toBe(1)
  })

  it.each([
    ['email', { email: 'nope' }, 'Enter a valid e-mail address'],
    ['username', { username: 'a b' }, 'Use only letters, digits and underscores'],
    ['username', { username: 'ab' }, 'Use at least 3 characters'],
    ['name', { name: ' ' }, 'Enter your name'],
    ['password', { password: 'short', confirmPassword: 'short' }, 'Use at least 8 characters'],
    ['password', { password: 'iloveyou', confirmPassword: 'iloveyou' }, 'most common'],
    ['confirmPassword', { confirmPassword: 'something else' }, 'do not match'],
  ])('answers 400 naming %s for %j, and creates nothing', async (field, change, message) => {
    const before = await prisma.user.count()
    const res = await signup({ ...valid('grace_h'), ...change })
    expect(res.status).toBe(400)
    expect((res.body as Refused).fieldErrors[field]?.join(' ')).toContain(message)
    expect(await prisma.user.count()).toBe(before)
  })

  it('answers 409 naming the field when the address or username is taken', async () => {
    const existing = await createUser({ email: 'taken@example.com', username: 'taken_name' })
    const byEmail = await signup({ ...valid('fresh_one'), email: existing.email.toUpperCase() })
    expect(byEmail.status).toBe(409)
    expect((byEmail.body as Refused).fieldErrors.email?.[0]).toContain('already exists')
    const byUsername = await signup({ ...valid('taken_name'), email: 'fresh@example.com' })
    expect(byUsername.status).toBe(409)
    expect((byUsername.body as Refused).fieldErrors.username?.[0]).toContain('taken')
  })

  it('falls back to UTC for an unknown time zone', async () => {
    await signup({ ...valid('zone_x'), timezone: 'Mars/Olympus' })
    expect(
      (await prisma.user.findUniqueOrThrow({ where: { username: 'zone_x' }, select: { timezone: true } })).timezone,
    ).toBe('UTC')
  })

  it('refuses a filled honeypot and creates nothing', async () => {
    const res = await signup({ ...valid('bot_user'), website: 'http://spam.example' })
    expect(res.status).toBe(400)
    expect(await prisma.user.count({ where: { username: 'bot_user' } })).toBe(0)
  })

  it('allows 5 sign-ups per address in 10 minutes, then 429 with Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await signup(valid(`burst_${i}`), '198.51.100.77')).status).toBe(302)
    const limited = await signup(valid('burst_6'), '198.51.100.77')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await prisma.user.count({ where: { username: 'burst_6' } })).toBe(0)
  })
})
