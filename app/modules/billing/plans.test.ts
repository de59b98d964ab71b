import { describe, expect, it } from 'vitest'
import { ACCESS_CASES, accessFacts } from '#tests/support/billing-access-cases'
import {
  FEATURES,
  PLANS,
  PLAN_LABEL,
  PRICE_CENTS,
  canUse,
  effectiveAccess,
  entitlementsFor,
  planForProduct,
  planOf,
} from './plans'

describe('plans', () => {
  it('premium costs $9.00 a month (seed 002), team is priced per seat, basic is free', () => {
    expect(PRICE_CENTS).toEqual({ basic: 0, premium: 900, team: 700 })
    expect(PLANS.map((p) => PLAN_LABEL[p])).toEqual(['Basic', 'Premium', 'Team'])
  })

  it.each([
    ['basic', 25, false],
    ['premium', 1000, true],
    ['team', 1000, true],
  ] as const)('%s: %s AI requests a month, voice tutor %s', (plan, requests, voice) => {
    expect(entitlementsFor(plan).aiRequestsPerMonth).toBe(requests)
    expect(canUse(plan, 'voiceTutor')).toBe(voice)
  })

  it('paid plans allow at least what basic allows', () => {
    for (const plan of ['premium', 'team'] as const) {
      for (const feature of FEATURES) if (canUse('basic', feature)) expect(canUse(plan, feature)).toBe(true)
      expect(entitlementsFor(plan).aiRequestsPerMonth!).toBeGreaterThan(entitlementsFor('basic').aiRequestsPerMonth!)
    }
  })

  it.each([
    [{ individual: false, team: false }, 'basic'],
    [{ individual: true, team: false }, 'premium'],
    [{ individual: false, team: true }, 'team'],
    [{ individual: true, team: true }, 'premium'],
  ] as const)('planOf(%o) = %s', (access, plan) => {
    expect(planOf(access)).toBe(plan)
  })

  it.each([
    ['prod-p', 'premium'],
    ['prod-t', 'team'],
    ['prod-x', null],
    ['', null],
  ])('planForProduct(%s) = %s', (productId, plan) => {
    expect(planForProduct(productId, { premium: 'prod-p', team: 'prod-t' })).toBe(plan)
  })
})

describe('effectiveAccess', () => {
  it.each(ACCESS_CASES)('%s → %s', (_name, status, o, now, expected) => {
    expect(effectiveAccess(accessFacts(status, o), now)).toBe(expected)
  })
})
