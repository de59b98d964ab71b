import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import { polarEvent, signedHeaders } from '#tests/support/polar'
import { databaseReady, prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { setLogSink } from '~/utils/log.server'
import { effectivePlan } from './subscriptions.server'
import { handlePolarWebhook, signWebhook } from './webhooks.server'
import type { PolarFixture } from '#tests/support/polar'
import { teamSeatLimitStatement } from '~/modules/teams/statements.server'

const logs: string[] = []
beforeAll(() => setLogSink((_level, line) => logs.push(line)))
afterAll(() => setLogSink(null))

/** Mid-period of the fixtures (2026-11-01 → 2026-12-01). */
const MID = new Date('2026-11-15T12:00:00Z')
const DAY = 24 * 60 * 60 * 1000

let n = 0
function freshSubscriptionId() {
  n += 1
  return `sub_${n}_${Math.random().toString(36).slice(2, 10)}`
}

async function deliver(event: object, options: { id?: string; now?: Date; secret?: string } = {}) {
  const body = JSON.stringify(event)
  return handlePolarWebhook(body, signedHeaders(body, { id: options.id, secret: options.secret }), {
    now: options.now ?? MID,
    seatLimit: teamSeatLimitStatement,
  })
}

function event(name: PolarFixture, userId: string, id: string, data: Record<string, unknown> = {}) {
  return polarEvent(name, { userId, data: { id, ...data } })
}

async function userState(id: string) {
  return prisma.user.findUniqueOrThrow({
    where: { id },
    select: { plan: true, isSubscribed: true, subscriptionType: true },
  })
}

async function subscriptionOf(polarSubscriptionId: string) {
  return prisma.subscription.findUnique({
    where: { polarSubscriptionId },
    select: {
      status: true,
      plan: true,
      type: true,
      userId: true,
      teamId: true,
      amountCents: true,
      currency: true,
      seats: true,
      cancelAtPeriodEnd: true,
      currentPeriodEnd: true,
      endedAt: true,
      modifiedAt: true,
      updatedAt: true,
    },
  })
}

const eventCount = () => prisma.processedWebhookEvent.count()

describe('signWebhook', () => {
  it("is Standard Webhooks' v1 HMAC-SHA256 keyed with the secret's UTF-8 bytes (Polar's scheme)", () => {
    // Computed independently: printf 'msg_1.1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'polar-secret-0123456789' -binary | base64
    expect(signWebhook('polar-secret-0123456789', 'msg_1', 1700000000, '{"a":1}')).toBe(
      'v1,357zYkHMeg9Matd6sZzFerzBhP4wse+2No8DOWhtceY=',
    )
  })
})

describe('POST /webhooks/polar: a signed subscription event', () => {
  it('applies a valid event: the subscription, the event record with its payload, the user’s cached plan', async () => {
    const user = await createUser()
    const psid = freshSubscriptionId()
    const answer = await deliver(event('subscription.active', user.id, psid), { id: 'msg_valid_1' })
    expect(answer).toEqual({ status: 200, body: { received: true, outcome: 'applied' } })
    expect(await subscriptionOf(psid)).toMatchObject({
      status: 'active',
      plan: 'premium',
      type: 'individual',
      userId: user.id,
      amountCents: 900,
      currency: 'USD',
      cancelAtPeriodEnd: false,
      currentPeriodEnd: new Date('2026-12-01T09:00:00Z'),
    })
    expect(await userState(user.id)).toEqual({ plan: 'premium', isSubscribed: true, subscriptionType: 'individual' })
    const recorded = await prisma.processedWebhookEvent.findUniqueOrThrow({
      where: { id: 'msg_valid_1' },
      select: { source: true, eventType: true, processedAt: true, payload: true },
    })
    expect(recorded).toMatchObject({ source: 'polar', eventType: 'subscription.active' })
    expect(recorded.processedAt).not.toBeNull()
    expect((recorded.payload as { data: { id: string } }).data.id).toBe(psid)
  })

  it('order.paid applies the subscription nested in the order', async () => {
    const user = await createUser()
    const psid = freshSubscriptionId()
    const answer = await deliver(polarEvent('order.paid', { userId: user.id, data: { id: psid } }))
    expect(answer.status).toBe(200)
    expect(await subscriptionOf(psid)).toMatchObject({ status: 'active', plan: 'premium', userId: user.id })
    expect(await userState(user.id)).toMatchObject({ plan: 'premium', isSubscribed: true })
  })

  it('a repeat delivery (same webhook-id) changes nothing and answers 200', async () => {
    const user = await createUser()
    const psid = freshSubscriptionId()
    const body = event('subscription.active', user.id, psid)
    await deliver(body, { id: 'msg_repeat' })
    const before = {
      events: await eventCount(),
      subs: await prisma.subscription.count(),
      row: await subscriptionOf(psid),
      snapshot: await databaseSnapshot(),
    }
    // Even a repeat whose body was changed (a replay) is recognised by its id and not applied.
    const replay = event('subscription.canceled', user.id, psid)
    expect(await deliver(body, { id: 'msg_repeat' })).toEqual({
      status: 200,
      body: { received: true, outcome: 'duplicate' },
    })
    expect(await deliver(replay, { id: 'msg_repeat' })).toEqual({
      status: 200,
      body: { received: true, outcome: 'duplicate' },
    })
    expect(await eventCount()).toBe(before.events)
    expect(await prisma.subscription.count()).toBe(before.subs)
    expect(await subscriptionOf(psid)).toEqual(before.row)
    expect(await databaseSnapshot()).toEqual(before.snapshot)
  })

  it('updated arriving before created ends in the state of the newest snapshot (modified_at)', async () => {
    const user = await createUser()
    const psid = freshSubscriptionId()
    expect((await deliver(event('subscription.updated', user.id, psid))).body).toEqual({
      received: true,
      outcome: 'applied',
    })
    // created: status incomplete, modified_at null (ordered by created_at, which is older)
    expect(await deliver(event('subscription.created', user.id, psid))).toEqual({
      status: 200,
      body: { received: true, outcome: 'older-snapshot' },
    })
    expect(await subscriptionOf(psid)).toMatchObject({ status: 'active', modifiedAt: new Date('2026-11-01T09:00:06Z') })
    expect(await userState(user.id)).toMatchObject({ plan: 'premium', isSubscribed: true })
    expect(await eventCount()).toBeGreaterThanOrEqual(2)
  })

  it('ignores an older snapshot but still records its webhook-id', async () => {
    const user = await createUser()
    const psid = freshSubscriptionId()
    await deliver(event('subscription.canceled', user.id, psid))
    const canceled = await subscriptionOf(psid)
    await deliver(event('subscription.active', user.id, psid), { id: 'msg_older' })
    expect(await subscriptionOf(psid)).toEqual(canceled)
    expect(canceled).toMatchObject({ cancelAtPeriodEnd: true })
    expect(await prisma.processedWebhookEvent.count({ where: { id: 'msg_older' } })).toBe(1)
  })
})

describe('POST /webhooks/polar: signatures', () => {
  it.each([
    [
      'a tampered body',
      (body: string) => ({ body: body.replace('"amount": 900', '"amount": 1'), headers: signedHeaders(body) }),
    ],
    [
      'the wrong secret',
      (body: string) => ({ body, headers: signedHeaders(body, { secret: 'somebody-elses-secret-123' }) }),
    ],
    [
      'a stale timestamp (> 5 minutes old)',
      (body: string) => ({ body, headers: signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 301 }) }),
    ],
    [
      'a timestamp > 5 minutes ahead',
      (body: string) => ({ body, headers: signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) + 301 }) }),
    ],
    [
      'a garbage signature',
      (body: string) => ({ body, headers: signedHeaders(body, { signature: 'v1,not-base64!!' }) }),
    ],
    [
      'no webhook-signature',
      (body: string) => ({ body, headers: signedHeaders(body, { omit: ['webhook-signature'] }) }),
    ],
    ['no webhook-id', (body: string) => ({ body, headers: signedHeaders(body, { omit: ['webhook-id'] }) })],
    [
      'no webhook-timestamp',
      (body: string) => ({ body, headers: signedHeaders(body, { omit: ['webhook-timestamp'] }) }),
    ],
  ])('%s → 403 and nothing written', async (_name, make) => {
    const user = await createUser()
    const { body, headers } = make(
      JSON.stringify(event('subscription.active', user.id, freshSubscriptionId()), null, 2),
    )
    const before = await databaseSnapshot()
    expect(await handlePolarWebhook(body, headers, { now: MID, seatLimit: teamSeatLimitStatement })).toEqual({
      status: 403,
      body: { error: 'Invalid webhook signature' },
    })
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('accepts a timestamp 4 minutes old (inside the tolerance)', async () => {
    const user = await createUser()
    const body = JSON.stringify(event('subscription.active', user.id, freshSubscriptionId()))
    const answer = await handlePolarWebhook(
      body,
      signedHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 240 }),
      { now: MID, seatLimit: teamSeatLimitStatement },
    )
    expect(answer.status).toBe(200)
  })
})

describe('access follows the subscription', () => {
  it('cancel keeps access until the period ends; uncancel restores renewal; revoke removes it now', async () => {
    const user = await createUser()
    const psid = freshSubscriptionId()
    await deliver(event('subscription.active', user.id, psid))
    await deliver(event('subscription.canceled', user.id, psid))
    expect(await subscriptionOf(psid)).toMatchObject({ status: 'active', cancelAtPeriodEnd: true })
    expect(await userState(user.id)).toMatchObject({ plan: 'premium', isSubscribed: true })
    expect(await effectivePlan(user.id, MID)).toBe('premium')
    expect(await effectivePlan(user.id, new Date('2026-12-01T09:00:01Z'))).toBe('basic')

    await deliver(event('subscription.uncanceled', user.id, psid))
    expect(await subscriptionOf(psid)).toMatchObject({ status: 'active', cancelAtPeriodEnd: false })
    expect(await effectivePlan(user.id, new Date('2026-12-05T00:00:00Z'))).toBe('premium')

    // Revoked mid-period (e.g. refunded): ended_at is now, access ends now although the period runs on.
    const revokedAt = new Date('2026-11-20T00:00:00Z')
    await deliver(event('subscription.revoked', user.id, psid, { modified_at: revokedAt, ended_at: revokedAt }), {
      now: revokedAt,
    })
    expect(await subscriptionOf(psid)).toMatchObject({ status: 'canceled', endedAt: revokedAt })
    expect(await userState(user.id)).toEqual({ plan: 'basic', isSubscribed: false, subscriptionType: 'individual' })
    expect(await effectivePlan(user.id, revokedAt)).toBe('basic')
  })

  it('the revoke at the end of a canceled period removes the cached plan', async () => {
    const user = await createUser()
    const psid = freshSubscriptionId()
    await deliver(event('subscription.active', user.id, psid))
    await deliver(event('subscription.canceled', user.id, psid))
    await deliver(event('subscription.revoked', user.id, psid), { now: new Date('2026-12-01T09:00:02Z') })
    expect(await userState(user.id)).toMatchObject({ plan: 'basic', isSubscribed: false })
  })

  it(`past_due is marked and keeps access for a grace period after the paid period`, async () => {
    const user = await createUser()
    const psid = freshSubscriptionId()
    await deliver(event('subscription.active', user.id, psid))
    const failedAt = new Date('2026-12-01T09:05:00Z')
    await deliver(event('subscription.past_due', user.id, psid), { now: failedAt })
    expect(await subscriptionOf(psid)).toMatchObject({ status: 'past_due' })
    expect(await userState(user.id)).toMatchObject({ plan: 'premium', isSubscribed: true })
    const periodEnd = new Date('2026-12-01T09:00:00Z').getTime()
    expect(await effectivePlan(user.id, new Date(periodEnd + 6 * DAY))).toBe('premium')
    expect(await effectivePlan(user.id, new Date(periodEnd + 7 * DAY))).toBe('basic')
  })

  it('a team subscription sets Team.seatLimit and plan "team" for members; fewer seats remove no one; revoke restores the default', async () => {
    const owner = await createUser()
    const members = await Promise.all([createUser(), createUser(), createUser()])
    const team = await prisma.team.create({
      data: {
        name: 'Guild',
        ownerId: owner.id,
        members: {
          create: [
            { userId: owner.id, role: 'owner' },
            ...members.map((m) => ({ userId: m.id, role: 'member' as const })),
          ],
        },
      },
      select: { id: true },
    })
    const psid = freshSubscriptionId()
    const teamData = (extra: Record<string, unknown>) => ({
      product_id: getEnv().POLAR_PRODUCT_TEAM,
      amount: 700 * 8,
      seats: 8,
      metadata: { teamId: team.id, seats: 8 },
      ...extra,
    })
    await deliver(event('subscription.active', owner.id, psid, teamData({})))
    expect(await subscriptionOf(psid)).toMatchObject({
      type: 'team',
      plan: 'team',
      teamId: team.id,
      seats: 8,
      userId: owner.id,
    })
    expect(await prisma.team.findUniqueOrThrow({ where: { id: team.id }, select: { seatLimit: true } })).toEqual({
      seatLimit: 8,
    })
    for (const u of [owner, ...members])
      expect(await userState(u.id)).toEqual({ plan: 'team', isSubscribed: true, subscriptionType: 'team' })

    await deliver(
      event(
        'subscription.updated',
        owner.id,
        psid,
        teamData({
          seats: 2,
          amount: 1400,
          metadata: { teamId: team.id, seats: 2 },
          modified_at: '2026-11-05T00:00:00Z',
        }),
      ),
    )
    expect(await prisma.team.findUniqueOrThrow({ where: { id: team.id }, select: { seatLimit: true } })).toEqual({
      seatLimit: 2,
    })
    expect(await prisma.teamMember.count({ where: { teamId: team.id } })).toBe(4)

    const revokedAt = new Date('2026-11-20T00:00:00Z')
    await deliver(
      event(
        'subscription.revoked',
        owner.id,
        psid,
        teamData({ seats: 2, modified_at: revokedAt, ended_at: revokedAt }),
      ),
      { now: revokedAt },
    )
    expect(await prisma.team.findUniqueOrThrow({ where: { id: team.id }, select: { seatLimit: true } })).toEqual({
      seatLimit: getEnv().DEFAULT_TEAM_SEATS,
    })
    expect(await prisma.teamMember.count({ where: { teamId: team.id } })).toBe(4)
    for (const u of [owner, ...members])
      expect(await userState(u.id)).toMatchObject({ plan: 'basic', isSubscribed: false })
  })

  it('an individual subscription outranks a team one (premium), and losing it falls back to team', async () => {
    const user = await createUser()
    const team = await prisma.team.create({
      data: { name: 'Both', ownerId: user.id, members: { create: [{ userId: user.id, role: 'owner' }] } },
      select: { id: true },
    })
    await deliver(
      event('subscription.active', user.id, freshSubscriptionId(), {
        product_id: getEnv().POLAR_PRODUCT_TEAM,
        seats: 3,
        metadata: { teamId: team.id },
      }),
    )
    const own = freshSubscriptionId()
    await deliver(event('subscription.active', user.id, own))
    expect(await userState(user.id)).toMatchObject({ plan: 'premium', subscriptionType: 'individual' })
    const at = new Date('2026-11-20T00:00:00Z')
    await deliver(event('subscription.revoked', user.id, own, { modified_at: at, ended_at: at }), { now: at })
    expect(await userState(user.id)).toMatchObject({ plan: 'team', isSubscribed: true, subscriptionType: 'team' })
  })
})

describe('events we cannot attribute or do not handle', () => {
  it('an unknown customer is recorded (subscription kept as history) and answered 202 without crashing', async () => {
    const psid = freshSubscriptionId()
    const answer = await deliver(event('subscription.active', 'user-we-never-had', psid), {
      id: 'msg_unknown_customer',
    })
    expect(answer).toEqual({ status: 202, body: { received: true, outcome: 'unknown-customer' } })
    expect(await prisma.processedWebhookEvent.count({ where: { id: 'msg_unknown_customer' } })).toBe(1)
    expect(await subscriptionOf(psid)).toMatchObject({ userId: null, status: 'active' })
  })

  it('an unknown event type is recorded and answered 202 with no other change', async () => {
    const before = await databaseSnapshot()
    const types = ['customer.created', 'benefit_grant.created', 'subscription.teleported']
    for (const [i, type] of types.entries()) {
      const answer = await deliver(
        { type, timestamp: '2026-11-15T00:00:00Z', data: { id: 'x' } },
        { id: `msg_other_${i}` },
      )
      expect(answer).toEqual({ status: 202, body: { received: true, outcome: 'ignored-event-type' } })
    }
    const after = await databaseSnapshot()
    expect(after.ProcessedWebhookEvent!.length - before.ProcessedWebhookEvent!.length).toBe(3)
    expect({ ...after, ProcessedWebhookEvent: [] }).toEqual({ ...before, ProcessedWebhookEvent: [] })
  })

  it('a product that is none of our plans is recorded and changes nothing else', async () => {
    const user = await createUser()
    const psid = freshSubscriptionId()
    const answer = await deliver(event('subscription.active', user.id, psid, { product_id: 'some-other-product' }), {
      id: 'msg_other_product',
    })
    expect(answer).toEqual({ status: 202, body: { received: true, outcome: 'unknown-product' } })
    expect(await subscriptionOf(psid)).toBeNull()
    expect(await prisma.processedWebhookEvent.count({ where: { id: 'msg_other_product' } })).toBe(1)
  })

  it('a signed payload of a handled type that does not parse is kept unapplied (processedAt null), answered 202', async () => {
    const user = await createUser()
    const bad = event('subscription.active', user.id, freshSubscriptionId(), { status: 'sideways', amount: 'lots' })
    expect(await deliver(bad, { id: 'msg_bad_shape' })).toEqual({
      status: 202,
      body: { received: true, outcome: 'not-understood' },
    })
    expect(
      await prisma.processedWebhookEvent.findUniqueOrThrow({
        where: { id: 'msg_bad_shape' },
        select: { processedAt: true },
      }),
    ).toEqual({ processedAt: null })
    expect(await userState(user.id)).toMatchObject({ plan: 'basic' })
  })

  it('answers 503 when the state change cannot be stored, and does not record the event (Polar retries)', async () => {
    const user = await createUser()
    const psid = freshSubscriptionId()
    const db = await databaseReady()
    // A real storage failure inside the batch, in this test file's own database.
    await db.execute(
      `CREATE TRIGGER "fail_subscription_insert" BEFORE INSERT ON "Subscription" BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END`,
    )
    try {
      const answer = await deliver(event('subscription.active', user.id, psid), { id: 'msg_store_fails' })
      expect(answer).toEqual({ status: 503, body: { error: 'Could not store the event; please retry' } })
      expect(await prisma.processedWebhookEvent.count({ where: { id: 'msg_store_fails' } })).toBe(0)
      expect(await userState(user.id)).toMatchObject({ plan: 'basic' })
    } finally {
      await db.execute(`DROP TRIGGER "fail_subscription_insert"`)
    }
    // Polar's retry (same webhook-id) then succeeds.
    expect((await deliver(event('subscription.active', user.id, psid), { id: 'msg_store_fails' })).status).toBe(200)
    expect(await userState(user.id)).toMatchObject({ plan: 'premium' })
    expect(logs.some((line) => line.includes('billing.webhook.store-failed'))).toBe(true)
  })
})
