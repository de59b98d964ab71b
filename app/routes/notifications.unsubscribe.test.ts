import { describe, expect, it } from 'vitest'
import { unsubscribeToken } from '~/modules/notifications/unsubscribe-token.server'
import { prisma } from '~/utils/db.server'
import { databaseSnapshot } from '#tests/support/database'
import { args, createUser, request, settle } from '#tests/support/accounts'
import { action, loader } from './notifications.unsubscribe'

const path = (token: string) => `/notifications/unsubscribe?${new URLSearchParams({ token })}`

/** The one-click POST of RFC 8058 as a mail client sends it: no cookie, no Origin of ours. */
const oneClick = (token: string) =>
  settle(() =>
    action(
      args(
        new Request(`http://127.0.0.1:3000${path(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        }),
      ),
    ),
  )

const preference = (userId: string, type: 'achievement_unlocked' | 'review_due') =>
  prisma.notificationPreference.findUnique({
    where: { userId_type: { userId, type } },
    select: { emailEnabled: true, inAppEnabled: true, emailDigest: true },
  })

describe('/notifications/unsubscribe', () => {
  it('GET shows what it would stop, with a confirm button, and changes nothing', async () => {
    const user = await createUser()
    const token = unsubscribeToken(user.id, ['achievement_unlocked'])
    const page = await settle(() => loader(args(request(path(token)))))
    expect(page.status).toBe(200)
    expect(page.body).toMatchObject({ error: null, labels: ['Achievement unlocked'], token })
    expect(await preference(user.id, 'achievement_unlocked')).toBeNull()
  })

  it('the one-click POST turns e-mail off for the token’s types only, keeping the other switches', async () => {
    const user = await createUser()
    const result = await oneClick(unsubscribeToken(user.id, ['achievement_unlocked', 'review_due']))
    expect(result.status).toBe(200)
    expect(result.body).toMatchObject({ done: true, labels: ['Reviews due', 'Achievement unlocked'].sort() })
    expect(await preference(user.id, 'achievement_unlocked')).toEqual({
      emailEnabled: false,
      inAppEnabled: true,
      emailDigest: false,
    })
    // review_due keeps its default digest switch
    expect(await preference(user.id, 'review_due')).toMatchObject({ emailEnabled: false, emailDigest: true })
    expect(await prisma.notificationPreference.count({ where: { userId: user.id } })).toBe(2)
    // twice is the same as once
    expect((await oneClick(unsubscribeToken(user.id, ['review_due']))).status).toBe(200)
  })

  it('keeps a learner’s own switches of the type when unsubscribing', async () => {
    const user = await createUser()
    await prisma.notificationPreference.create({
      data: { userId: user.id, type: 'achievement_unlocked', inAppEnabled: false, emailDigest: true },
    })
    await oneClick(unsubscribeToken(user.id, ['achievement_unlocked']))
    expect(await preference(user.id, 'achievement_unlocked')).toEqual({
      emailEnabled: false,
      inAppEnabled: false,
      emailDigest: true,
    })
  })

  it.each([
    ['a forged signature', (t: string) => `${t.split('.')[0]}.${'A'.repeat(43)}`],
    [
      'a payload changed to another learner',
      (t: string) =>
        `${Buffer.from(JSON.stringify({ u: 'someone-else', t: ['system'] })).toString('base64url')}.${t.split('.')[1]}`,
    ],
    ['a cut-off token', (t: string) => t.slice(0, 20)],
    ['garbage', () => 'not-a-token'],
  ])('refuses %s with a 400 and writes nothing', async (_name, change) => {
    const user = await createUser()
    const token = change(unsubscribeToken(user.id, ['achievement_unlocked']))
    const before = await databaseSnapshot()
    const page = await settle(() => loader(args(request(path(token)))))
    expect(page.status).toBe(400)
    expect(page.body).toMatchObject({ error: expect.stringMatching(/not valid/) })
    const post = await oneClick(token)
    expect(post.status).toBe(400)
    expect(post.body).toMatchObject({ done: false, error: expect.stringMatching(/not valid/) })
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('refuses a request without a token with a 400', async () => {
    expect((await settle(() => loader(args(request('/notifications/unsubscribe'))))).status).toBe(400)
  })

  it('writes nothing for an account deleted since', async () => {
    const user = await createUser()
    await prisma.user.update({ where: { id: user.id }, data: { anonymizedAt: new Date() } })
    const result = await oneClick(unsubscribeToken(user.id, ['achievement_unlocked']))
    expect(result.status).toBe(404)
    expect(await preference(user.id, 'achievement_unlocked')).toBeNull()
  })
})
