import { beforeEach, describe, expect, it } from 'vitest'
import { verifyLogin } from '~/modules/accounts/accounts.server'
import { getSessionUser } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { TEST_PASSWORD, args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { toastIn } from '#tests/support/toast'
import { action } from './settings.password'

const NEW_PASSWORD = 'a brand new passphrase for questlog'

let user: Awaited<ReturnType<typeof createUser>>
let cookie: string
let otherDevice: string
beforeEach(async () => {
  user = await createUser()
  cookie = await cookieFor(user.id)
  otherDevice = await cookieFor(user.id)
})

const post = (form: Record<string, string>, as = cookie) =>
  settle(() => action(args(request('/settings/password', { cookie: as, form }))))
const passwordHash = (userId: string) =>
  prisma.password.findUniqueOrThrow({ where: { userId }, select: { hash: true } })
type Refusal = { fieldErrors: Record<string, string[]> }

describe('/settings/password', () => {
  it('changes the password, ends the other sessions but keeps this one, and audits it', async () => {
    const stranger = await createUser()
    const strangerCookie = await cookieFor(stranger.id)
    const result = await post({
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    })
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe('/settings/password')
    expect((await toastIn(result.headers))?.message).toBe(
      'Your password was changed. You were signed out on 1 other device.',
    )

    expect(await getSessionUser(request('/', { cookie }))).toMatchObject({ id: user.id })
    expect(await getSessionUser(request('/', { cookie: otherDevice }))).toBeNull()
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1)
    expect(await getSessionUser(request('/', { cookie: strangerCookie }))).toMatchObject({ id: stranger.id })

    expect(await verifyLogin(user.email, TEST_PASSWORD)).toBeNull()
    expect(await verifyLogin(user.email, NEW_PASSWORD)).toEqual({ id: user.id })
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { actorId: user.id, action: 'auth.password.changed' },
      select: { metadata: true },
    })
    expect(audit.metadata).toEqual({ otherSessionsEnded: 1 })
  })

  it('answers 400 naming currentPassword for a wrong current password, and changes nothing', async () => {
    const before = await passwordHash(user.id)
    const result = await post({
      currentPassword: 'not my password at all',
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    })
    expect(result.status).toBe(400)
    expect((result.body as Refusal).fieldErrors.currentPassword?.join(' ')).toMatch(/not correct/)
    expect(await passwordHash(user.id)).toEqual(before)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2)
  })

  it.each([
    ['no current password', { currentPassword: '' }, 'currentPassword'],
    ['a short new password', { newPassword: 'short', confirmPassword: 'short' }, 'newPassword'],
    ['a common new password', { newPassword: 'password123', confirmPassword: 'password123' }, 'newPassword'],
    ['a different confirmation', { confirmPassword: 'something else entirely' }, 'confirmPassword'],
    ['the same password again', { newPassword: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }, 'newPassword'],
  ])('answers 400 naming the field for %s', async (_name, override, field) => {
    const before = await passwordHash(user.id)
    const result = await post({
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
      ...override,
    })
    expect(result.status).toBe(400)
    expect(Object.keys((result.body as Refusal).fieldErrors)).toContain(field)
    expect(JSON.stringify(result.body)).not.toContain(NEW_PASSWORD)
    expect(await passwordHash(user.id)).toEqual(before)
  })

  it('stops guessing after repeated wrong current passwords (429 with Retry-After)', async () => {
    const wrong = { currentPassword: 'wrong guess number x', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }
    for (let i = 0; i < 5; i++) expect((await post(wrong)).status).toBe(400)
    const locked = await post({ ...wrong, currentPassword: TEST_PASSWORD })
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await verifyLogin(user.email, TEST_PASSWORD)).toEqual({ id: user.id })
  })
})
