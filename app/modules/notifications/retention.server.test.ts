import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { notify } from './notify.server'
import { deleteOldNotifications } from './retention.server'

describe('deleteOldNotifications', () => {
  it('takes the deliveries of a notification past six months with it, and keeps newer ones', async () => {
    const user = await createUser()
    const now = new Date('2026-12-07T10:00:00Z')
    const event = (eventKey: string) => ({
      userId: user.id,
      type: 'achievement_unlocked' as const,
      eventKey,
      title: eventKey,
    })
    await notify([event('old')], new Date('2026-06-01T00:00:00Z'))
    await notify([event('new')], new Date('2026-11-01T00:00:00Z'))
    expect(await prisma.notificationDelivery.count({ where: { userId: user.id } })).toBe(2)

    expect(await deleteOldNotifications(now)).toBeGreaterThanOrEqual(1)
    const left = await prisma.notification.findMany({
      where: { userId: user.id },
      select: { eventKey: true, deliveries: { select: { channel: true } } },
    })
    expect(left).toEqual([{ eventKey: 'new', deliveries: [{ channel: 'email' }] }])
    expect(await prisma.notificationDelivery.count({ where: { userId: user.id } })).toBe(1)
  })
})
