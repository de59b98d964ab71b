import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { args, createUser, request, settle } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import { polarEvent, signedHeaders, webhookRequest } from '#tests/support/polar'
import { prisma } from '~/utils/db.server'
import { setLogSink } from '~/utils/log.server'
import { action, loader } from './webhooks.polar'

beforeAll(() => setLogSink(() => {}))
afterAll(() => setLogSink(null))

const DAY = 24 * 60 * 60 * 1000

/** A live subscription: its period runs around the real clock (the route uses the real time). */
function liveEvent(userId: string, subscriptionId: string) {
  return polarEvent('subscription.active', {
    userId,
    data: {
      id: subscriptionId,
      current_period_start: new Date(Date.now() - DAY),
      current_period_end: new Date(Date.now() + 29 * DAY),
      modified_at: new Date(),
    },
  })
}

describe('POST /webhooks/polar (route)', () => {
  it('applies a signed event from the raw body, without a session or a redirect', async () => {
    const user = await createUser()
    // Pretty-printed on purpose: the signature covers the exact bytes, not a re-serialised object.
    const body = JSON.stringify(liveEvent(user.id, 'route-sub-1'), null, 2)
    const result = await settle(() => action(args(webhookRequest(body, signedHeaders(body, { id: 'route-msg-1' })))))
    expect(result).toMatchObject({ status: 200, body: { received: true, outcome: 'applied' } })
    expect(result.headers.get('location')).toBeNull()
    expect(
      await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { plan: true, isSubscribed: true } }),
    ).toEqual({ plan: 'premium', isSubscribed: true })

    const again = await settle(() => action(args(webhookRequest(body, signedHeaders(body, { id: 'route-msg-1' })))))
    expect(again).toMatchObject({ status: 200, body: { outcome: 'duplicate' } })
    expect(await prisma.processedWebhookEvent.count({ where: { id: 'route-msg-1' } })).toBe(1)
  })

  it('answers 403 with no stack trace and writes nothing for a bad signature', async () => {
    const user = await createUser()
    const body = JSON.stringify(liveEvent(user.id, 'route-sub-2'))
    const before = await databaseSnapshot()
    const result = await settle(() =>
      action(args(webhookRequest(body, signedHeaders(body, { secret: 'not-the-polar-secret-at-all' })))),
    )
    expect(result).toMatchObject({ status: 403, body: { error: 'Invalid webhook signature' } })
    expect(JSON.stringify(result.body)).not.toMatch(/at .*\.ts|Error:/)
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('answers an unknown event type 202', async () => {
    const body = JSON.stringify({ type: 'checkout.created', timestamp: new Date().toISOString(), data: { id: 'co_1' } })
    expect(await settle(() => action(args(webhookRequest(body, signedHeaders(body)))))).toMatchObject({
      status: 202,
      body: { outcome: 'ignored-event-type' },
    })
  })

  it('refuses GET with 405', async () => {
    expect(await settle(async () => loader(args(request('/webhooks/polar'))))).toMatchObject({ status: 405 })
  })
})
