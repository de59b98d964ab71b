import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { prisma } from '~/utils/db.server'
import { setLogSink } from '~/utils/log.server'
import { createUser } from '#tests/support/accounts'
import { PUSH_TTL_SECONDS, type PushMessage, pushConfigured, sendPushToUser } from './push.server'
import { type BrowserKeys, browserKeys, decryptPush, verifiedVapidClaims } from './testing/push-service'

// The VAPID keys are in the environment before any app module reads it.
const { service, vapid } = await vi.hoisted(async () => {
  const { startLoopbackPushService, vapidKeys } = await import('./testing/push-service')
  const keys = vapidKeys()
  process.env.VAPID_PUBLIC_KEY = keys.publicKey
  process.env.VAPID_PRIVATE_KEY = keys.privateKey
  process.env.VAPID_SUBJECT = 'mailto:ops@questlog.test'
  return { service: await startLoopbackPushService(), vapid: keys }
})
afterAll(() => service.close())
afterEach(() => {
  service.received.length = 0
  setLogSink(null)
})

const message: PushMessage = {
  title: 'Reviews are due',
  body: '12 cards wait for you',
  link: '/reviews',
  tag: '01JNOTIFICATION0000000000',
}

async function device(userId: string, name: string, status = 201, keys: BrowserKeys = browserKeys()) {
  const endpoint = service.endpoint(`${userId}-${name}`, status)
  const row = await prisma.pushSubscription.create({
    data: { userId, endpoint, p256dh: keys.p256dh, auth: keys.auth, userAgent: 'Firefox/140' },
  })
  return { ...row, keys }
}

describe('sendPushToUser', () => {
  it('is configured by the VAPID keys of the environment', () => {
    expect(pushConfigured()).toBe(true)
  })

  it('sends the encrypted message, signed with VAPID, to every device of the learner and to no one else’s', async () => {
    const [learner, other] = [await createUser(), await createUser()]
    const phone = await device(learner.id, 'phone')
    const laptop = await device(learner.id, 'laptop')
    await device(other.id, 'phone')
    const now = new Date('2026-12-07T10:00:00Z')

    expect(await sendPushToUser(learner.id, message, now)).toEqual({ sent: 2, removed: 0, failed: 0 })

    expect(service.received.map((push) => push.path).sort()).toEqual(
      [`/push/${learner.id}-laptop`, `/push/${learner.id}-phone`].sort(),
    )
    for (const { keys, endpoint } of [phone, laptop]) {
      const push = service.received.find((p) => endpoint.endsWith(p.path))!
      expect(push.headers['content-encoding']).toBe('aes128gcm')
      expect(push.headers['content-type']).toBe('application/octet-stream')
      expect(push.headers.ttl).toBe(String(PUSH_TTL_SECONDS))
      expect(push.headers.urgency).toBe('normal')
      const { k, claims } = verifiedVapidClaims(push.headers.authorization!)
      expect(k).toBe(vapid.publicKey)
      expect(claims).toMatchObject({ aud: service.origin, sub: 'mailto:ops@questlog.test' })
      expect(claims.exp).toEqual(expect.any(Number))
      // only this device's keys open its copy
      expect(JSON.parse(decryptPush(push.body, keys))).toEqual({
        title: 'Reviews are due',
        body: '12 cards wait for you',
        link: '/reviews',
        tag: '01JNOTIFICATION0000000000',
      })
      expect(() => decryptPush(push.body, browserKeys())).toThrow()
    }
    const rows = await prisma.pushSubscription.findMany({ where: { userId: learner.id } })
    expect(rows.map((r) => r.lastSuccessAt)).toEqual([now, now])
    const untouched = await prisma.pushSubscription.findFirstOrThrow({ where: { userId: other.id } })
    expect(untouched.lastSuccessAt).toBeNull()
  })

  it('removes a device whose push service answers 410 or 404, and keeps one that fails otherwise', async () => {
    const learner = await createUser()
    const logs: string[] = []
    setLogSink((_level, line) => logs.push(line))
    const working = await device(learner.id, 'working')
    const expired = await device(learner.id, 'expired', 410)
    const unknown = await device(learner.id, 'unknown', 404)
    const broken = await device(learner.id, 'broken', 500)
    const now = new Date('2026-12-07T10:00:00Z')

    expect(await sendPushToUser(learner.id, { ...message, body: null, link: null }, now)).toEqual({
      sent: 1,
      removed: 2,
      failed: 1,
    })

    const left = await prisma.pushSubscription.findMany({ where: { userId: learner.id }, orderBy: { id: 'asc' } })
    expect(left.map((r) => [r.id, r.lastSuccessAt])).toEqual([
      [working.id, now],
      [broken.id, null],
    ])
    expect(left.map((r) => r.id)).not.toContain(expired.id)
    expect(left.map((r) => r.id)).not.toContain(unknown.id)
    expect(
      JSON.parse(decryptPush(service.received.find((p) => working.endpoint.endsWith(p.path))!.body, working.keys)),
    ).toEqual({ title: 'Reviews are due', body: null, link: null, tag: message.tag })
    // the logs name the push service's host, never a device's endpoint
    expect(logs.join('\n')).toContain('127.0.0.1')
    expect(logs.join('\n')).not.toContain('/push/')
  })

  it('counts an unreachable push service as failed and keeps the device', async () => {
    const learner = await createUser()
    setLogSink(() => {})
    const keys = browserKeys()
    await prisma.pushSubscription.create({
      // port 9 (discard) has no listener on loopback
      data: { userId: learner.id, endpoint: 'http://127.0.0.1:9/push/gone-away', p256dh: keys.p256dh, auth: keys.auth },
    })
    expect(await sendPushToUser(learner.id, message, new Date())).toEqual({ sent: 0, removed: 0, failed: 1 })
    expect(await prisma.pushSubscription.count({ where: { userId: learner.id } })).toBe(1)
  })

  it('sends nothing to a learner without devices', async () => {
    const learner = await createUser()
    expect(await sendPushToUser(learner.id, message, new Date())).toEqual({ sent: 0, removed: 0, failed: 0 })
    expect(service.received).toEqual([])
  })
})
