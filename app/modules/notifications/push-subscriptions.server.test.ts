import { describe, expect, it, vi } from 'vitest'
import { prisma } from '~/utils/db.server'
import { formatDayAndTime } from '~/utils/time'
import { createUser } from '#tests/support/accounts'
import { pushDevicesView, savePushSubscription } from './push-subscriptions.server'
import { browserKeys } from './testing/push-service'

const vapid = await vi.hoisted(async () => {
  const { vapidKeys } = await import('./testing/push-service')
  const keys = vapidKeys()
  Object.assign(process.env, {
    VAPID_PUBLIC_KEY: keys.publicKey,
    VAPID_PRIVATE_KEY: keys.privateKey,
    VAPID_SUBJECT: 'mailto:ops@questlog.test',
  })
  return keys
})

const input = (endpoint: string) => {
  const keys = browserKeys()
  return { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } }
}

describe('pushDevicesView', () => {
  it('lists only the learner’s devices, named and dated in the learner’s time zone', async () => {
    const [learner, other] = [await createUser(), await createUser()]
    await prisma.user.update({ where: { id: learner.id }, data: { timezone: 'Asia/Tokyo' } })
    const since = new Date('2026-12-01T23:30:00Z')
    const firefox = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0'
    await savePushSubscription(learner.id, input('https://push.example.com/learner'), firefox, since)
    await savePushSubscription(other.id, input('https://push.example.com/other'), null, since)

    const view = await pushDevicesView(learner.id)
    expect(view).toEqual({
      configured: true,
      publicKey: vapid.publicKey,
      devices: [
        {
          id: expect.any(String),
          endpoint: 'https://push.example.com/learner',
          device: 'Firefox on Linux',
          userAgent: firefox,
          since: formatDayAndTime(since, 'Asia/Tokyo'),
          lastSuccess: null,
        },
      ],
    })
    expect(view.devices[0]!.since).toContain('2 Dec')
  })
})
