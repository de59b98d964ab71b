import { beforeEach, describe, expect, it } from 'vitest'
import { notify } from '~/modules/notifications/notify.server'
import { prisma } from '~/utils/db.server'
import { args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { toastIn } from '#tests/support/toast'
import { action, loader } from './notifications._index'

let user: Awaited<ReturnType<typeof createUser>>
let cookie: string
beforeEach(async () => {
  user = await createUser()
  cookie = await cookieFor(user.id)
})

let counter = 0
async function notificationFor(userId: string, over: { link?: string | null; expiresAt?: Date; at?: Date } = {}) {
  const eventKey = `test:${++counter}`
  await notify(
    [
      {
        userId,
        type: 'system',
        eventKey,
        title: `News ${counter}`,
        link: over.link === undefined ? '/achievements' : over.link,
        expiresAt: over.expiresAt,
      },
    ],
    over.at ?? new Date(Date.now() + counter),
  )
  return (await prisma.notification.findFirstOrThrow({ where: { userId, eventKey }, select: { id: true } })).id
}

const post = (form: Record<string, string>, as = cookie) =>
  settle(() => action(args(request('/notifications', { cookie: as, form }))))
const load = async (path = '/notifications') =>
  (await loader(args(request(path, { cookie })))) as Awaited<ReturnType<typeof loader>>
const isRead = async (id: string) =>
  (await prisma.notification.findUniqueOrThrow({ where: { id }, select: { isRead: true } })).isRead

describe('/notifications', () => {
  it('lists my in-app notifications newest first, without expired, hidden or others’ ones', async () => {
    const older = await notificationFor(user.id, { at: new Date('2026-12-01T10:00:00Z') })
    const newer = await notificationFor(user.id, { at: new Date('2026-12-02T10:00:00Z') })
    await notificationFor(user.id, { expiresAt: new Date(Date.now() - 1000), at: new Date('2026-12-03T10:00:00Z') })
    const hidden = await notificationFor(user.id)
    await prisma.notification.update({ where: { id: hidden }, data: { inApp: false } })
    await notificationFor((await createUser()).id)
    const page = await load()
    expect(page.items.map((n) => n.id)).toEqual([newer, older])
    expect(page.items[0]).toMatchObject({ isRead: false, hasLink: true })
    expect(page.hasMore).toBe(false)
  })

  it('pages through many', async () => {
    for (let i = 0; i < 21; i++) await notificationFor(user.id, { at: new Date(Date.UTC(2026, 11, 1, 0, i)) })
    const first = await load()
    expect(first.items).toHaveLength(20)
    expect(first.hasMore).toBe(true)
    const second = await load('/notifications?page=2')
    expect(second.items).toHaveLength(1)
    expect(second.hasMore).toBe(false)
    expect((await settle(() => loader(args(request('/notifications?page=zero', { cookie }))))).status).toBe(400)
  })

  it('marks one read, with a toast, and keeps the page', async () => {
    const id = await notificationFor(user.id)
    const result = await post({ intent: 'read', id, page: '2' })
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe('/notifications?page=2')
    expect((await toastIn(result.headers))?.message).toBe('Marked as read.')
    expect(await isRead(id)).toBe(true)
  })

  it('refuses another learner’s notification with a 404 and changes nothing', async () => {
    const theirs = await notificationFor((await createUser()).id)
    for (const intent of ['read', 'open']) {
      const result = await post({ intent, id: theirs })
      expect(result.status).toBe(404)
      expect(result.body).toMatchObject({ formErrors: [expect.stringMatching(/does not exist/)] })
    }
    expect(await isRead(theirs)).toBe(false)
  })

  it('refuses a malformed id with a 400', async () => {
    const result = await post({ intent: 'read', id: 'nope' })
    expect(result.status).toBe(400)
    expect(result.body).toMatchObject({ fieldErrors: { id: ['Unknown notification'] } })
  })

  it('marks all of mine read, and no one else’s', async () => {
    const mine = [await notificationFor(user.id), await notificationFor(user.id)]
    const theirs = await notificationFor((await createUser()).id)
    const result = await post({ intent: 'read-all' })
    expect(result.status).toBe(302)
    expect((await toastIn(result.headers))?.message).toBe('Marked 2 notifications as read.')
    for (const id of mine) expect(await isRead(id)).toBe(true)
    expect(await isRead(theirs)).toBe(false)
  })

  it('opens a notification: marks it read and goes to its in-app link only', async () => {
    const id = await notificationFor(user.id, { link: '/achievements' })
    const result = await post({ intent: 'open', id })
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe('/achievements')
    expect(await isRead(id)).toBe(true)

    const outside = await notificationFor(user.id, { link: 'https://evil.example/phish' })
    const refused = await post({ intent: 'open', id: outside })
    expect(refused.headers.get('location')).toBe('/notifications')
    const protocolRelative = await notificationFor(user.id, { link: '//evil.example' })
    expect((await post({ intent: 'open', id: protocolRelative })).headers.get('location')).toBe('/notifications')
  })

  it('sends a signed-out visitor to log in', async () => {
    const result = await settle(() => loader(args(request('/notifications'))))
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toMatch(/^\/login/)
  })
})
