import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { PaymentsProvider } from '~/modules/billing/payments'
import type * as Payments from '~/modules/billing/payments.server'
import { polarPayments } from '~/modules/billing/polar-payments.server'
import { createPolarClient } from '~/modules/billing/polar-client.server'
import { readSandboxCheckout } from '~/modules/billing/sandbox.server'
import { type Loopback, type RecordedRequest, servePolarStandIn } from '~/modules/billing/testing/loopback'
import { addMember, person, teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { ORIGIN, args, request, settle } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import { polarEvent } from '#tests/support/polar'
import { prisma } from '~/utils/db.server'
import { action, loader } from './billing.checkout'
import { toastIn } from '#tests/support/toast'

/** The provider the environment would choose, unless a test names one (Polar at a loopback stand-in, or none). */
const payments = vi.hoisted(() => ({ override: undefined as PaymentsProvider | null | undefined }))
vi.mock('~/modules/billing/payments.server', async (importOriginal) => {
  const real = await importOriginal<typeof Payments>()
  return {
    ...real,
    paymentsProvider: () => (payments.override === undefined ? real.paymentsProvider() : payments.override),
  }
})
afterEach(() => {
  payments.override = undefined
})
/** POST /billing/checkout with this provider chosen. */
const checkoutWith = (provider: PaymentsProvider | null, req: Request) => {
  payments.override = provider
  return settle(() => action(args(req)))
}

const checkout = (cookie: string | undefined, form: Record<string, string>, path = '/billing/checkout') =>
  settle(() => action(args(request(path, { cookie, form }))))

describe('POST /billing/checkout (offline: the sandbox)', () => {
  it('refuses a GET (405) and starts nothing', async () => {
    const learner = await person()
    const before = await databaseSnapshot()
    const result = await settle(() =>
      loader(args(request('/billing/checkout?plan=premium', { cookie: learner.cookie }))),
    )
    expect(result.status).toBe(405)
    expect(result.headers.get('allow')).toBe('POST')
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('ignores the query string: a POST with the plan only in the URL is a 400 naming `plan`', async () => {
    const learner = await person()
    const result = await settle(() =>
      action(args(request('/billing/checkout?plan=premium', { cookie: learner.cookie, method: 'POST', form: {} }))),
    )
    expect(result.status).toBe(400)
    expect((result.body as { fieldErrors: Record<string, string[]> }).fieldErrors.plan).toBeDefined()
  })

  it.each([
    [{ plan: 'gold' }, 'plan'],
    [{ plan: 'team', seats: '5' }, 'teamId'],
    [{ plan: 'team', teamId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', seats: '0' }, 'seats'],
    [{ plan: 'team', teamId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', seats: 'many' }, 'seats'],
    [{ plan: 'team', teamId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', seats: '2.5' }, 'seats'],
    [{ plan: 'team', teamId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', seats: '501' }, 'seats'],
  ])('answers 400 naming the field for %j (%s)', async (form, field) => {
    const learner = await person()
    const result = await checkout(learner.cookie, form)
    expect(result.status).toBe(400)
    expect(Object.keys((result.body as { fieldErrors: Record<string, string[]> }).fieldErrors)).toContain(field)
  })

  it('sends a signed-out visitor to log in', async () => {
    const result = await checkout(undefined, { plan: 'premium' })
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
  })

  it('redirects a learner to a sandbox checkout of premium for themselves, whatever the form claims about the customer', async () => {
    const learner = await person()
    const other = await person()
    const result = await checkout(learner.cookie, {
      plan: 'premium',
      userId: other.id,
      external_customer_id: other.id,
      customerEmail: other.email,
    })
    expect(result.status).toBe(302)
    const token = decodeURIComponent(result.headers.get('location')!.replace('/billing/sandbox/', ''))
    const lookup = readSandboxCheckout(token, learner.id)
    expect(lookup).toMatchObject({
      ok: true,
      checkout: {
        userId: learner.id,
        email: learner.email,
        plan: 'premium',
        teamId: null,
        seats: null,
        amountCents: 900,
      },
    })
    expect(readSandboxCheckout(token, other.id).ok).toBe(false)
  })

  it('lets a team owner or admin buy seats (the amount is per seat) and refuses (403) instructors, members and outsiders', async () => {
    const t = await teamWithEveryRole()
    const outsider = await teamWithEveryRole('Elsewhere')
    for (const who of [t.owner, t.admin]) {
      const result = await checkout(who.cookie, { plan: 'team', teamId: t.team.id, seats: '5' })
      expect(result.status).toBe(302)
      const token = result.headers.get('location')!.replace('/billing/sandbox/', '')
      expect(readSandboxCheckout(token, who.id)).toMatchObject({
        ok: true,
        checkout: { plan: 'team', teamId: t.team.id, seats: 5, amountCents: 3500 },
      })
    }
    for (const who of [t.instructor, t.member, outsider.owner, outsider.admin]) {
      expect((await checkout(who.cookie, { plan: 'team', teamId: t.team.id, seats: '5' })).status).toBe(403)
    }
    expect(
      (await checkout(t.owner.cookie, { plan: 'team', teamId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', seats: '5' })).status,
    ).toBe(404)
  })

  it('refuses platform staff who are not in the team (403): billing needs a role in the team', async () => {
    const t = await teamWithEveryRole()
    const staff = await person({ role: 'admin' })
    expect((await checkout(staff.cookie, { plan: 'team', teamId: t.team.id, seats: '5' })).status).toBe(403)
    const joined = await addMember(t.team.id, 'member', await person())
    expect((await checkout(joined.cookie, { plan: 'team', teamId: t.team.id, seats: '5' })).status).toBe(403)
  })
})

/** A team subscription as Polar's webhooks would have stored it. */
async function paidTeamSubscription(teamId: string, payerId: string, seats: number) {
  await prisma.subscription.create({
    data: {
      polarSubscriptionId: `polar-${teamId}`,
      polarCustomerId: 'cus_1',
      productId: 'local-team',
      userId: payerId,
      teamId,
      type: 'team',
      plan: 'team',
      amountCents: 700 * seats,
      seats,
      status: 'active',
      currentPeriodEnd: new Date(Date.now() + 20 * 24 * 60 * 60 * 1000),
      modifiedAt: new Date(),
    },
    select: { id: true },
  })
}

describe('when payments are not set up (no Polar token, sandbox off)', () => {
  it('answers 503 saying so, and writes nothing', async () => {
    const learner = await person()
    const before = await databaseSnapshot()
    const result = await checkoutWith(
      null,
      request('/billing/checkout', { cookie: learner.cookie, form: { plan: 'premium' } }),
    )
    expect(result.status).toBe(503)
    expect(JSON.stringify(result.body)).toContain('Payments are not set up')
    expect(await databaseSnapshot()).toEqual(before)
  })
})

describe('with Polar (a loopback server standing in for its API)', () => {
  let polar: Loopback & { requests: RecordedRequest[] }
  let status = 201
  beforeAll(async () => {
    polar = await servePolarStandIn((req) =>
      status !== 201
        ? { status, body: { detail: 'nope' } }
        : req.path === '/v1/checkouts/'
          ? {
              status: 201,
              body: {
                id: 'co_123',
                url: 'https://sandbox.polar.sh/checkout/polar_c_abc',
                status: 'open',
                created_at: new Date().toISOString(),
              },
            }
          : req.method === 'PATCH' && req.path.startsWith('/v1/subscriptions/')
            ? { status: 200, body: polarEvent('subscription.updated').data }
            : { status: 404, body: { detail: 'Not found' } },
    )
  })
  afterAll(() => polar.close())
  const client = () => createPolarClient({ accessToken: 'polar_oat_test', server: 'sandbox', baseUrl: polar.origin })
  const post = (cookie: string, form: Record<string, string>) =>
    checkoutWith(polarPayments(client()), request('/billing/checkout', { cookie, form }))

  it('creates a checkout for the session user (external customer id, e-mail) and redirects to Polar', async () => {
    const learner = await person()
    const other = await person()
    polar.requests.length = 0
    const result = await post(learner.cookie, { plan: 'premium', external_customer_id: other.id, userId: other.id })
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe('https://sandbox.polar.sh/checkout/polar_c_abc')
    expect(polar.requests).toHaveLength(1)
    const [sent] = polar.requests
    expect(sent!.method).toBe('POST')
    expect(sent!.headers.authorization).toBe('Bearer polar_oat_test')
    expect(sent!.body).toEqual({
      products: ['local-premium'],
      external_customer_id: learner.id,
      customer_email: learner.email,
      success_url: `${ORIGIN}/billing/success?checkout_id={CHECKOUT_ID}`,
      return_url: `${ORIGIN}/billing`,
      metadata: { userId: learner.id },
    })
  })

  it('sends the team and the seats for a team checkout', async () => {
    const t = await teamWithEveryRole()
    polar.requests.length = 0
    const result = await post(t.admin.cookie, { plan: 'team', teamId: t.team.id, seats: '5' })
    expect(result.status).toBe(302)
    expect(polar.requests[0]!.body).toMatchObject({
      products: ['local-team'],
      external_customer_id: t.admin.id,
      seats: 5,
      metadata: { teamId: t.team.id, seats: 5 },
    })
  })

  it('changes the seats of the team’s subscription in Polar instead of buying a second one; only its payer may', async () => {
    const t = await teamWithEveryRole()
    await paidTeamSubscription(t.team.id, t.owner.id, 5)
    polar.requests.length = 0
    const before = await databaseSnapshot()
    const result = await post(t.owner.cookie, { plan: 'team', teamId: t.team.id, seats: '8' })
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe(`/teams/${t.team.id}`)
    expect((await toastIn(result.headers))?.message).toMatch(/new number of seats was sent/)
    expect(polar.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['PATCH', `/v1/subscriptions/polar-${t.team.id}`, { seats: 8 }],
    ])
    // The limit follows Polar's subscription.updated webhook, not this request.
    expect(await databaseSnapshot()).toEqual(before)

    polar.requests.length = 0
    const byAdmin = await post(t.admin.cookie, { plan: 'team', teamId: t.team.id, seats: '9' })
    expect(byAdmin.status).toBe(403)
    expect(JSON.stringify(byAdmin.body)).toContain('Only the person who pays')
    const same = await post(t.owner.cookie, { plan: 'team', teamId: t.team.id, seats: '5' })
    expect(same.status).toBe(400)
    expect(polar.requests).toHaveLength(0)
  })

  it('answers 503 when Polar fails, and sends no request for a refused team', async () => {
    const learner = await person()
    status = 500
    try {
      expect((await post(learner.cookie, { plan: 'premium' })).status).toBe(503)
    } finally {
      status = 201
    }
    const t = await teamWithEveryRole()
    polar.requests.length = 0
    expect((await post(t.member.cookie, { plan: 'team', teamId: t.team.id, seats: '5' })).status).toBe(403)
    expect(polar.requests).toHaveLength(0)
  })
})
