import { describe, expect, it } from 'vitest'
import { createSandboxCheckout, readSandboxCheckout, sandboxUuid, subscriptionPayload } from './sandbox.server'

const order = {
  userId: 'user-1',
  email: 'a@example.com',
  plan: 'team' as const,
  productId: 'local-team',
  teamId: 'team-1',
  seats: 5,
  amountCents: 3500,
  currency: 'USD',
}

describe('sandbox checkout tokens', () => {
  it('reads back what was signed, for the user it was made for', () => {
    const { token, checkout } = createSandboxCheckout(order)
    expect(readSandboxCheckout(token, 'user-1')).toEqual({ ok: true, checkout })
    expect(checkout).toMatchObject(order)
  })

  it.each([
    ['another user', (t: string) => t, 'user-2'],
    [
      'a changed payload',
      (t: string) =>
        `${Buffer.from(JSON.stringify({ ...order, seats: 500 })).toString('base64url')}.${t.split('.')[1]}`,
      'user-1',
    ],
    ['a changed signature', (t: string) => `${t.split('.')[0]}.${'A'.repeat(43)}`, 'user-1'],
    ['no signature', (t: string) => t.split('.')[0]!, 'user-1'],
    ['garbage', () => 'not-a-token', 'user-1'],
    ['an extra part', (t: string) => `${t}.x`, 'user-1'],
  ])('refuses %s as "invalid"', (_label, tamper, userId) => {
    const { token } = createSandboxCheckout(order)
    expect(readSandboxCheckout(tamper(token), userId)).toEqual({ ok: false, reason: 'invalid' })
  })

  it('expires after an hour', () => {
    const now = new Date('2026-01-01T00:00:00Z')
    const { token } = createSandboxCheckout(order, now)
    expect(readSandboxCheckout(token, 'user-1', new Date(now.getTime() + 59 * 60_000)).ok).toBe(true)
    expect(readSandboxCheckout(token, 'user-1', new Date(now.getTime() + 60 * 60_000))).toEqual({
      ok: false,
      reason: 'expired',
    })
  })
})

describe('Polar-shaped payloads', () => {
  it('builds a subscription snapshot with the fields Polar sends (team id and seats in metadata, our user as external id)', () => {
    const at = new Date('2026-01-01T00:00:00Z')
    const data = subscriptionPayload({
      id: sandboxUuid('s'),
      customerId: sandboxUuid('c'),
      externalCustomerId: 'user-1',
      email: 'a@example.com',
      productId: 'local-team',
      plan: 'team',
      teamId: 'team-1',
      seats: 5,
      amountCents: 3500,
      currency: 'USD',
      status: 'active',
      createdAt: at,
      startedAt: at,
      periodStart: at,
      periodEnd: new Date('2026-01-31T00:00:00Z'),
      cancelAtPeriodEnd: false,
      canceledAt: null,
      endedAt: null,
      checkoutId: 'co',
      modifiedAt: at,
    })
    expect(data).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/),
      status: 'active',
      amount: 3500,
      currency: 'usd',
      seats: 5,
      product_id: 'local-team',
      modified_at: '2026-01-01T00:00:00.000Z',
      current_period_end: '2026-01-31T00:00:00.000Z',
      cancel_at_period_end: false,
      metadata: { teamId: 'team-1', seats: 5 },
      customer: { external_id: 'user-1', email: 'a@example.com' },
    })
    expect(sandboxUuid('s')).toBe(sandboxUuid('s'))
  })
})
