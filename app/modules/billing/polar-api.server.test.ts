import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { person } from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { checkoutIsReal, pendingCheckout } from './billing-state.server'
import { createPolarClient } from './polar-client.server'
import { polarPayments } from './polar-payments.server'
import { customerPortalLink } from './portal.server'
import { type Loopback, type RecordedRequest, servePolarStandIn } from './testing/loopback'

/**
 * The success page and the customer portal in Polar mode, against a loopback
 * server playing Polar's API (the checkout itself: billing.checkout.test.ts).
 */
let polar: Loopback & { requests: RecordedRequest[] }
let checkoutOwner = ''
let failing = false
beforeAll(async () => {
  polar = await servePolarStandIn((req) => {
    if (failing) return { status: 500, body: { detail: 'down' } }
    if (req.method === 'GET' && req.path === '/v1/checkouts/co_team') {
      return {
        status: 200,
        body: {
          id: 'co_team',
          status: 'succeeded',
          external_customer_id: checkoutOwner,
          product_id: 'local-team',
          seats: 4,
          metadata: { teamId: 'team-1', seats: 4 },
          created_at: new Date().toISOString(),
        },
      }
    }
    if (req.method === 'POST' && req.path === '/v1/customer-sessions/') {
      return {
        status: 201,
        body: {
          id: 'cs_1',
          token: 'polar_cst_x',
          customer_portal_url: 'https://sandbox.polar.sh/acme/portal?customer_session_token=polar_cst_x',
          expires_at: new Date().toISOString(),
        },
      }
    }
    return { status: 404, body: { detail: 'Not found' } }
  })
})
afterAll(() => polar.close())
const client = () =>
  polarPayments(createPolarClient({ accessToken: 'polar_oat_test', server: 'sandbox', baseUrl: polar.origin }))

describe('the success page asks Polar about the checkout', () => {
  it('reads the plan, team and seats of the buyer’s own checkout; anyone else’s or an unknown one is not found', async () => {
    const buyer = await person()
    checkoutOwner = buyer.id
    const checkout = await pendingCheckout('co_team', buyer.id, client())
    expect(checkout).toMatchObject({ plan: 'team', teamId: 'team-1', seats: 4 })
    // Nothing is granted by coming back from checkout: "processing" until the webhook.
    expect(await checkoutIsReal(buyer.id, checkout)).toBe(false)

    const other = await person()
    await expect(pendingCheckout('co_team', other.id, client())).rejects.toMatchObject({ status: 404 })
    await expect(pendingCheckout('co_unknown', buyer.id, client())).rejects.toMatchObject({ status: 404 })
  })
})

describe('the customer portal', () => {
  it('opens a customer session for the signed-in user by our id, returning to /billing', async () => {
    const user = await person()
    polar.requests.length = 0
    expect(await customerPortalLink(user.id, 'http://127.0.0.1:3000', client())).toBe(
      'https://sandbox.polar.sh/acme/portal?customer_session_token=polar_cst_x',
    )
    expect(polar.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      [
        'POST',
        '/v1/customer-sessions/',
        { external_customer_id: user.id, return_url: 'http://127.0.0.1:3000/billing' },
      ],
    ])
    expect(polar.requests[0]!.headers.authorization).toBe('Bearer polar_oat_test')
  })

  it('answers Unavailable (503) when Polar fails, and writes nothing', async () => {
    const user = await person()
    const before = await prisma.subscription.count()
    failing = true
    try {
      await expect(customerPortalLink(user.id, 'http://127.0.0.1:3000', client())).rejects.toMatchObject({
        status: 503,
      })
    } finally {
      failing = false
    }
    expect(await prisma.subscription.count()).toBe(before)
  })
})
