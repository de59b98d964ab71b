import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readSandboxCheckout, sandboxDeliveriesSettled } from '~/modules/billing/sandbox.server'
import { type Loopback, serveRoutes } from '~/modules/billing/testing/loopback'
import { type Person, person, teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { createTeam } from '~/modules/teams/teams.server'
import { prisma } from '~/utils/db.server'
import { settle } from '#tests/support/accounts'
import * as billingPage from './billing._index'
import * as checkoutRoute from './billing.checkout'
import * as portalPage from './billing.portal'
import * as sandboxPage from './billing.sandbox.$checkoutId'
import * as successPage from './billing.success'
import * as teamPage from './teams.$teamId._index'
import * as webhookRoute from './webhooks.polar'
import { toastIn } from '#tests/support/toast'

/**
 * The offline sandbox end to end, over real HTTP: the app (its real webhook
 * route) listens on a loopback port, and every request below is made to that
 * origin, so "Pay" reaches POST /webhooks/polar exactly as Polar would.
 */
let app: Loopback
beforeAll(async () => {
  app = await serveRoutes({ '/webhooks/polar': webhookRoute })
})
afterAll(() => app.close())

type Route = { loader?: unknown; action?: unknown }
function call(
  route: Route,
  kind: 'loader' | 'action',
  path: string,
  cookie: string | undefined,
  form?: Record<string, string>,
  params: Record<string, string> = {},
) {
  const headers = new Headers(cookie ? { cookie } : {})
  const request = new Request(`${app.origin}${path}`, {
    method: form ? 'POST' : 'GET',
    headers,
    body: form ? new URLSearchParams(form) : undefined,
  })
  const fn = route[kind] as (a: {
    request: Request
    params: Record<string, string>
    context: { clientIp: string }
  }) => Promise<unknown>
  return settle(() => fn({ request, params, context: { clientIp: '203.0.113.7' } }))
}

/** Starts a checkout and returns the sandbox token it redirected to. */
async function startCheckout(who: Person, form: Record<string, string>): Promise<string> {
  const result = await call(checkoutRoute, 'action', '/billing/checkout', who.cookie, form)
  expect(result.status, JSON.stringify(result.body)).toBe(302)
  const location = result.headers.get('location')!
  expect(location).toMatch(/^\/billing\/sandbox\//)
  return decodeURIComponent(location.slice('/billing/sandbox/'.length))
}

const success = (who: Person, token: string) =>
  call(successPage, 'loader', `/billing/success?${new URLSearchParams({ checkout_id: token })}`, who.cookie)
const pay = (who: Person, token: string) =>
  call(sandboxPage, 'action', `/billing/sandbox/${token}`, who.cookie, {}, { checkoutId: token })
const account = (id: string) =>
  prisma.user.findUniqueOrThrow({ where: { id }, select: { plan: true, isSubscribed: true } })

describe('the sandbox checkout page', () => {
  it('shows the order to the buyer only: another user, a forged or a signed-out visitor gets nothing', async () => {
    const learner = await person()
    const token = await startCheckout(learner, { plan: 'premium' })
    const page = await call(sandboxPage, 'loader', `/billing/sandbox/${token}`, learner.cookie, undefined, {
      checkoutId: token,
    })
    expect(page.status).toBe(200)
    expect(page.body).toMatchObject({ email: learner.email, plan: 'Premium', amount: '$9.00', seats: null })

    const other = await person()
    const before = await prisma.processedWebhookEvent.count()
    for (const kind of ['loader', 'action'] as const) {
      expect(
        (
          await call(sandboxPage, kind, `/billing/sandbox/${token}`, other.cookie, kind === 'action' ? {} : undefined, {
            checkoutId: token,
          })
        ).status,
      ).toBe(404)
      expect(
        (
          await call(sandboxPage, kind, `/billing/sandbox/forged`, learner.cookie, kind === 'action' ? {} : undefined, {
            checkoutId: 'forged',
          })
        ).status,
      ).toBe(404)
      const signedOut = await call(
        sandboxPage,
        kind,
        `/billing/sandbox/${token}`,
        undefined,
        kind === 'action' ? {} : undefined,
        { checkoutId: token },
      )
      expect(signedOut.headers.get('location')).toMatch(/^\/login/)
    }
    await sandboxDeliveriesSettled()
    expect(await prisma.processedWebhookEvent.count()).toBe(before)
    expect(await account(other.id)).toEqual({ plan: 'basic', isSubscribed: false })
  })
})

describe('paying in the sandbox', () => {
  it('makes a learner premium through signed webhooks to the real webhook route; the success page says "processing" until then', async () => {
    const learner = await person()
    const token = await startCheckout(learner, { plan: 'premium' })
    expect((await success(learner, token)).body).toMatchObject({ done: false, plan: 'premium' })

    const paid = await pay(learner, token)
    expect(paid.status).toBe(302)
    expect(paid.headers.get('location')).toBe(`/billing/success?${new URLSearchParams({ checkout_id: token })}`)
    // The redirect alone grants nothing: the webhooks arrive a moment later.
    expect(await account(learner.id)).toEqual({ plan: 'basic', isSubscribed: false })
    expect((await success(learner, token)).body).toMatchObject({ done: false })

    await sandboxDeliveriesSettled()
    expect(await account(learner.id)).toEqual({ plan: 'premium', isSubscribed: true })
    expect((await success(learner, token)).body).toMatchObject({ done: true, plan: 'premium' })
    const events = await prisma.processedWebhookEvent.findMany({
      where: { source: 'polar' },
      select: { eventType: true, processedAt: true },
    })
    expect(events.map((e) => e.eventType)).toEqual(
      expect.arrayContaining(['subscription.created', 'subscription.active', 'order.paid']),
    )
    const subscription = await prisma.subscription.findFirstOrThrow({
      where: { userId: learner.id },
      select: { plan: true, status: true, amountCents: true, teamId: true },
    })
    expect(subscription).toEqual({ plan: 'premium', status: 'active', amountCents: 900, teamId: null })

    // Nobody else's success page can read this checkout.
    expect((await success(await person(), token)).status).toBe(404)

    const billing = await call(billingPage, 'loader', '/billing', learner.cookie)
    expect(billing.body).toMatchObject({
      plan: 'premium',
      isSubscribed: true,
      subscription: { cancelAtPeriodEnd: false },
      usage: { requests: 0 },
    })
  })

  it('cancel in the sandbox portal keeps access until the period ends; revoke removes it', async () => {
    const learner = await person()
    await pay(learner, await startCheckout(learner, { plan: 'premium' }))
    await sandboxDeliveriesSettled()
    const { id } = await prisma.subscription.findFirstOrThrow({ where: { userId: learner.id }, select: { id: true } })

    const stranger = await person()
    expect(
      (await call(portalPage, 'action', '/billing/portal', stranger.cookie, { intent: 'cancel', subscriptionId: id }))
        .status,
    ).toBe(404)

    expect(
      (await call(portalPage, 'action', '/billing/portal', learner.cookie, { intent: 'cancel', subscriptionId: id }))
        .status,
    ).toBe(302)
    expect(
      await prisma.subscription.findUniqueOrThrow({ where: { id }, select: { cancelAtPeriodEnd: true, status: true } }),
    ).toEqual({ cancelAtPeriodEnd: true, status: 'active' })
    expect(await account(learner.id)).toEqual({ plan: 'premium', isSubscribed: true })
    expect((await call(billingPage, 'loader', '/billing', learner.cookie)).body).toMatchObject({
      subscription: { cancelAtPeriodEnd: true },
    })

    expect(
      (await call(portalPage, 'action', '/billing/portal', learner.cookie, { intent: 'uncancel', subscriptionId: id }))
        .status,
    ).toBe(302)
    expect(await prisma.subscription.findUniqueOrThrow({ where: { id }, select: { cancelAtPeriodEnd: true } })).toEqual(
      { cancelAtPeriodEnd: false },
    )

    expect(
      (await call(portalPage, 'action', '/billing/portal', learner.cookie, { intent: 'revoke', subscriptionId: id }))
        .status,
    ).toBe(302)
    expect(await account(learner.id)).toEqual({ plan: 'basic', isSubscribed: false })
    expect(
      (await call(portalPage, 'action', '/billing/portal', learner.cookie, { intent: 'cancel', subscriptionId: id }))
        .status,
    ).toBe(404)
  })

  it('answers 400 naming the field for a bad portal form', async () => {
    const learner = await person()
    const result = await call(portalPage, 'action', '/billing/portal', learner.cookie, { intent: 'cancel' })
    expect(result.status).toBe(400)
    expect(Object.keys((result.body as { fieldErrors: object }).fieldErrors)).toEqual(['subscriptionId'])
    expect((await call(portalPage, 'action', '/billing/portal', learner.cookie, { intent: 'explode' })).status).toBe(
      400,
    )
  })
})

describe('team seats follow the subscription', () => {
  const invite = (owner: Person, teamId: string, email: string) =>
    call(teamPage, 'action', `/teams/${teamId}`, owner.cookie, { intent: 'invite', email, role: 'member' }, { teamId })

  it('buying 3 seats sets the limit to 3 (the owner takes one); inviting past it is refused saying how to add seats', async () => {
    const owner = await person()
    const team = await createTeam(owner.id, { name: 'Seats', description: null })
    const token = await startCheckout(owner, { plan: 'team', teamId: team.id, seats: '3' })
    expect(readSandboxCheckout(token, owner.id)).toMatchObject({ ok: true, checkout: { amountCents: 2100 } })
    await pay(owner, token)
    await sandboxDeliveriesSettled()
    expect(await prisma.team.findUniqueOrThrow({ where: { id: team.id }, select: { seatLimit: true } })).toEqual({
      seatLimit: 3,
    })
    expect((await success(owner, token)).body).toMatchObject({ done: true, plan: 'team', seats: 3, teamId: team.id })

    expect((await invite(owner, team.id, 'second@example.com')).status).toBe(302)
    expect((await invite(owner, team.id, 'third@example.com')).status).toBe(302)
    const refused = await invite(owner, team.id, 'fourth@example.com')
    expect(refused.status).toBe(409)
    expect(JSON.stringify(refused.body)).toContain('buys more under “Plan and seats”')
    expect(await prisma.teamInvite.count({ where: { teamId: team.id } })).toBe(2)

    const page = await call(teamPage, 'loader', `/teams/${team.id}`, owner.cookie, undefined, { teamId: team.id })
    expect(page.body).toMatchObject({
      billing: { seatLimit: 3, subscription: { plan: 'team', seats: 3 }, payer: true },
    })
    // More seats on the same subscription (no second one): the webhook raises the limit, the invite goes through.
    const changed = await call(checkoutRoute, 'action', '/billing/checkout', owner.cookie, {
      plan: 'team',
      teamId: team.id,
      seats: '5',
    })
    expect(changed.status).toBe(302)
    expect(changed.headers.get('location')).toBe(`/teams/${team.id}`)
    expect((await toastIn(changed.headers))?.message).toMatch(/new number of seats was sent/)
    expect(
      await prisma.subscription.findMany({ where: { teamId: team.id }, select: { seats: true, amountCents: true } }),
    ).toEqual([{ seats: 5, amountCents: 3500 }])
    expect(await prisma.team.findUniqueOrThrow({ where: { id: team.id }, select: { seatLimit: true } })).toEqual({
      seatLimit: 5,
    })
    expect((await invite(owner, team.id, 'fourth@example.com')).status).toBe(302)
  })

  it('lowering seats below the member count removes no one and blocks new invites', async () => {
    const t = await teamWithEveryRole()
    // four members (owner, admin, instructor, member); buy 2 seats
    await pay(t.owner, await startCheckout(t.owner, { plan: 'team', teamId: t.team.id, seats: '2' }))
    await sandboxDeliveriesSettled()
    expect(await prisma.teamMember.count({ where: { teamId: t.team.id } })).toBe(4)
    expect(await prisma.team.findUniqueOrThrow({ where: { id: t.team.id }, select: { seatLimit: true } })).toEqual({
      seatLimit: 2,
    })
    const refused = await invite(t.owner, t.team.id, 'newcomer@example.com')
    expect(refused.status).toBe(409)
    expect(JSON.stringify(refused.body)).toContain('buys more under “Plan and seats”')
    const page = await call(teamPage, 'loader', `/teams/${t.team.id}`, t.admin.cookie, undefined, { teamId: t.team.id })
    expect(page.body).toMatchObject({ billing: { seatLimit: 2, members: 4, payer: false } })
    // instructors and members see no billing
    const memberView = await call(teamPage, 'loader', `/teams/${t.team.id}`, t.instructor.cookie, undefined, {
      teamId: t.team.id,
    })
    expect(memberView.body).toMatchObject({ billing: null })
  })
})
