import { describe, expect, it, vi } from 'vitest'
import { callApi, signedIn } from '~/modules/learning/testing/api'
import { MAX_PUSH_DEVICES } from '~/modules/notifications/push-subscriptions.server'
import { browserKeys } from '~/modules/notifications/testing/push-service'
import { prisma } from '~/utils/db.server'
import { ORIGIN, args } from '#tests/support/accounts'
import * as route from './api.push-subscriptions'

const vapid = await vi.hoisted(async () => {
  const { vapidKeys } = await import('~/modules/notifications/testing/push-service')
  const keys = vapidKeys()
  process.env.VAPID_PUBLIC_KEY = keys.publicKey
  process.env.VAPID_PRIVATE_KEY = keys.privateKey
  process.env.VAPID_SUBJECT = 'https://questlog.test'
  return keys
})

const PATH = '/api/push-subscriptions'
let counter = 0
function subscription(keys = browserKeys()) {
  counter += 1
  return {
    endpoint: `https://updates.push.services.mozilla.com/wpush/v2/device-${counter}-${Date.now()}`,
    expirationTime: null,
    keys: { p256dh: keys.p256dh, auth: keys.auth },
  }
}
const subscribe = (cookie: string | undefined, json: unknown) => callApi(route.action, PATH, { cookie, json })

describe('/api/push-subscriptions', () => {
  it('answers 401 signed out and writes nothing', async () => {
    expect((await callApi(route.loader, PATH)).status).toBe(401)
    expect((await subscribe(undefined, subscription())).status).toBe(401)
    expect((await callApi(route.action, PATH, { method: 'DELETE', json: { endpoint: 'x' } })).status).toBe(401)
    expect(await prisma.pushSubscription.count()).toBe(0)
  })

  it('gives the signed-in page the VAPID public key', async () => {
    const me = await signedIn()
    const answer = await callApi(route.loader, PATH, { cookie: me.cookie })
    expect(answer).toMatchObject({ status: 200, body: { configured: true, publicKey: vapid.publicKey } })
  })

  it('saves a subscription per device; the same browser again updates its keys', async () => {
    const me = await signedIn()
    const device = subscription()
    const first = await subscribe(me.cookie, device)
    expect(first).toMatchObject({ status: 201, body: { subscribed: true } })
    const newKeys = browserKeys()
    await subscribe(me.cookie, { ...device, keys: { p256dh: newKeys.p256dh, auth: newKeys.auth } })
    await subscribe(me.cookie, subscription())
    const rows = await prisma.pushSubscription.findMany({ where: { userId: me.id }, orderBy: { createdAt: 'asc' } })
    expect(rows).toHaveLength(2)
    expect(rows.find((r) => r.endpoint === device.endpoint)).toMatchObject({
      p256dh: newKeys.p256dh,
      auth: newKeys.auth,
    })
  })

  it('moves an endpoint another account subscribed to the learner signed in now, afresh', async () => {
    const [before, now] = [await signedIn(), await signedIn()]
    const device = subscription()
    await subscribe(before.cookie, device)
    await prisma.pushSubscription.updateMany({ where: { userId: before.id }, data: { lastSuccessAt: new Date() } })
    expect((await subscribe(now.cookie, device)).status).toBe(201)
    const row = await prisma.pushSubscription.findUniqueOrThrow({ where: { endpoint: device.endpoint } })
    expect(row).toMatchObject({ userId: now.id, lastSuccessAt: null })
    expect(await prisma.pushSubscription.count({ where: { userId: before.id } })).toBe(0)
  })

  it('refuses bad input (400) naming the field, and writes nothing', async () => {
    const me = await signedIn()
    const device = subscription()
    const badKey = await subscribe(me.cookie, { ...device, keys: { ...device.keys, p256dh: 'short' } })
    expect(badKey.status).toBe(400)
    expect(badKey.body.error).toMatch(/keys: keys\.p256dh must be/)
    expect(badKey.body.fieldErrors).toEqual({ keys: [expect.stringMatching(/p256dh/)] })
    const badEndpoint = await subscribe(me.cookie, { ...device, endpoint: 'http://push.example.com/x' })
    expect(badEndpoint.body).toMatchObject({ fieldErrors: { endpoint: ['endpoint must be an https URL'] } })
    const notJson = await callApi(route.action, PATH, { cookie: me.cookie, json: undefined, form: { foo: 'bar' } })
    expect(notJson.status).toBe(400)
    const brokenJson = await route.action(
      args(
        new Request(`${ORIGIN}${PATH}`, {
          method: 'POST',
          headers: { cookie: me.cookie, 'content-type': 'application/json' },
          body: '{"endpoint":',
        }),
      ),
    )
    expect(brokenJson.status).toBe(400)
    expect(await brokenJson.json()).toEqual({ error: 'The request body is not valid JSON.' })
    expect(await prisma.pushSubscription.count({ where: { userId: me.id } })).toBe(0)
  })

  it(`refuses a device beyond ${MAX_PUSH_DEVICES} (409), but lets a subscribed one renew`, async () => {
    const me = await signedIn()
    const keys = browserKeys()
    const devices = Array.from({ length: MAX_PUSH_DEVICES }, () => subscription(keys))
    await prisma.pushSubscription.createMany({
      data: devices.map((d) => ({ userId: me.id, endpoint: d.endpoint, p256dh: keys.p256dh, auth: keys.auth })),
    })
    const extra = await subscribe(me.cookie, subscription())
    expect(extra.status).toBe(409)
    expect(extra.body.error).toMatch(/remove one/)
    expect((await subscribe(me.cookie, devices[0])).status).toBe(201)
    expect(await prisma.pushSubscription.count({ where: { userId: me.id } })).toBe(MAX_PUSH_DEVICES)
  })

  it('unsubscribes the learner’s own endpoint; another learner’s is not found (404) and stays', async () => {
    const [me, other] = [await signedIn(), await signedIn()]
    const [mine, theirs] = [subscription(), subscription()]
    await subscribe(me.cookie, mine)
    await subscribe(other.cookie, theirs)
    const del = (endpoint: string) =>
      callApi(route.action, PATH, { cookie: me.cookie, method: 'DELETE', json: { endpoint } })
    expect(await del(theirs.endpoint)).toMatchObject({ status: 404 })
    expect(await del(mine.endpoint)).toMatchObject({ status: 200, body: { removed: true } })
    expect(await del(mine.endpoint)).toMatchObject({ status: 404 })
    expect((await del('')).body).toMatchObject({ fieldErrors: { endpoint: ['endpoint is missing'] } })
    expect(await prisma.pushSubscription.findMany({ select: { endpoint: true, userId: true } })).toEqual(
      expect.arrayContaining([{ endpoint: theirs.endpoint, userId: other.id }]),
    )
    expect(await prisma.pushSubscription.count({ where: { userId: me.id } })).toBe(0)
  })

  it('removes a listed device from the settings form (no JavaScript); another learner’s device stays', async () => {
    const [me, other] = [await signedIn(), await signedIn()]
    await subscribe(me.cookie, subscription())
    await subscribe(other.cookie, subscription())
    const [mine, theirs] = await Promise.all(
      [me, other].map((u) => prisma.pushSubscription.findFirstOrThrow({ where: { userId: u.id } })),
    )
    const remove = (id: string) => callApi(route.action, PATH, { cookie: me.cookie, form: { intent: 'remove', id } })
    const refused = await remove(theirs!.id)
    expect(refused.status).toBe(302)
    expect(refused.headers.get('location')).toBe('/settings/notifications')
    expect(await prisma.pushSubscription.count({ where: { id: theirs!.id } })).toBe(1)
    const removed = await remove(mine!.id)
    expect(removed.status).toBe(302)
    expect(await prisma.pushSubscription.count({ where: { id: mine!.id } })).toBe(0)
    expect((await remove('not-an-id')).body).toMatchObject({ fieldErrors: { id: ['Choose a device to remove'] } })
  })
})
