import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { type NotificationEvent, notify } from './notify.server'

const event = (userId: string, over: Partial<NotificationEvent> = {}): NotificationEvent => ({
  userId,
  type: 'achievement_unlocked',
  eventKey: 'achievement:first-steps',
  title: 'Achievement unlocked: First steps',
  link: '/achievements',
  ...over,
})

describe('notify', () => {
  it('records an event once, with one delivery per channel, however often it is sent', async () => {
    const user = await createUser()
    const now = new Date()
    await Promise.all([notify([event(user.id)], now), notify([event(user.id)], now)])
    await notify([event(user.id)], new Date(now.getTime() + 60_000))
    const rows = await prisma.notification.findMany({ where: { userId: user.id }, include: { deliveries: true } })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ inApp: true, link: '/achievements' })
    // e-mail is on by default for achievements; push is off by default and needs a device anyway
    expect(rows[0]!.deliveries.map((d) => [d.channel, d.status, d.digest])).toEqual([['email', 'pending', false]])
  })

  it('follows the learner’s preference for the type', async () => {
    const user = await createUser()
    await prisma.notificationPreference.create({
      data: {
        userId: user.id,
        type: 'review_due',
        emailEnabled: true,
        emailDigest: true,
        inAppEnabled: false,
        pushEnabled: true,
      },
    })
    await notify([event(user.id, { type: 'review_due', eventKey: 'reviews-due:2026-12-07' })], new Date())
    const row = await prisma.notification.findFirstOrThrow({
      where: { userId: user.id },
      include: { deliveries: true },
    })
    expect(row.inApp).toBe(false)
    expect(row.deliveries.map((d) => [d.channel, d.digest])).toEqual([['email', true]])

    await prisma.pushSubscription.create({
      data: { userId: user.id, endpoint: `http://127.0.0.1:9/${user.id}`, p256dh: 'k', auth: 'a' },
    })
    await notify([event(user.id, { type: 'review_due', eventKey: 'reviews-due:2026-12-08' })], new Date())
    const second = await prisma.notification.findFirstOrThrow({
      where: { userId: user.id, eventKey: 'reviews-due:2026-12-08' },
      include: { deliveries: { orderBy: { channel: 'asc' } } },
    })
    expect(second.deliveries.map((d) => d.channel)).toEqual(['email', 'push'])
  })
})
