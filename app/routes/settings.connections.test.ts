import { describe, expect, it } from 'vitest'
import { lastWayToSignIn } from '~/modules/accounts/social-sign-in.server'
import { prisma } from '~/utils/db.server'
import { args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { action, loader } from './settings.connections'

const link = (userId: string, provider: string, email = `${provider}-${userId}@example.com`) =>
  prisma.account.create({ data: { userId, provider, providerAccountId: `${provider}-${userId}`, email } })

/** A user who signed up with providers only: no password. */
async function withoutPassword() {
  const user = await createUser()
  await prisma.password.delete({ where: { userId: user.id } })
  return user
}

const unlink = async (userId: string, provider: string) =>
  settle(async () =>
    action(
      args(request('/settings/connections', { cookie: await cookieFor(userId), form: { intent: 'unlink', provider } })),
    ),
  )

describe('settings → connections', () => {
  it('lists only the signed-in user’s linked accounts', async () => {
    const me = await createUser()
    const other = await createUser()
    await link(me.id, 'github', 'me-at-github@example.com')
    await link(other.id, 'google', 'other-at-google@example.com')
    const page = await settle(async () =>
      loader(args(request('/settings/connections', { cookie: await cookieFor(me.id) }))),
    )
    expect(page.body).toMatchObject({
      hasPassword: true,
      accounts: [{ provider: 'github', email: 'me-at-github@example.com' }],
    })
    expect(JSON.stringify(page.body)).not.toContain('other-at-google@example.com')
  })

  it('unlinks while a password remains', async () => {
    const me = await createUser()
    await link(me.id, 'github')
    const result = await unlink(me.id, 'github')
    expect(result.status).toBe(302)
    expect(await prisma.account.count({ where: { userId: me.id } })).toBe(0)
  })

  it('unlinks one of two providers without a password, then refuses the last one, naming why', async () => {
    const me = await withoutPassword()
    await link(me.id, 'github')
    await link(me.id, 'google')
    expect((await unlink(me.id, 'github')).status).toBe(302)
    const refused = await unlink(me.id, 'google')
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ fieldErrors: { provider: [lastWayToSignIn('Google')] } })
    expect(await prisma.account.findMany({ where: { userId: me.id }, select: { provider: true } })).toEqual([
      { provider: 'google' },
    ])
  })

  it('answers 404 for a provider that is not linked, never touching another user’s account; 400 for an unknown one', async () => {
    const me = await createUser()
    const other = await createUser()
    await link(other.id, 'github')
    expect((await unlink(me.id, 'github')).status).toBe(404)
    expect(await prisma.account.count({ where: { userId: other.id } })).toBe(1)
    expect((await unlink(me.id, 'myspace')).status).toBe(400)
  })
})
