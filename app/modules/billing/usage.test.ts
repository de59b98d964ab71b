import { describe, expect, it } from 'vitest'
import { isUsageMonth, remaining, usageMonth, usageMonthEnd, usedShare } from './usage'

describe('usageMonth: the billing month in UTC', () => {
  it.each([
    ['2026-01-31T23:59:59.999Z', '2026-01'],
    ['2026-02-01T00:00:00.000Z', '2026-02'],
    ['2026-02-28T23:59:59.999Z', '2026-02'],
    ['2028-02-29T12:00:00.000Z', '2028-02'],
    ['2026-12-31T23:59:59.999Z', '2026-12'],
    ['2027-01-01T00:00:00.000Z', '2027-01'],
    // local time does not matter: 00:30 on 1 March in Berlin is still February in UTC
    ['2026-03-01T00:30:00+01:00', '2026-02'],
    // nor the other way: 20:00 on 31 March in New York is April in UTC
    ['2026-03-31T20:00:00-04:00', '2026-04'],
  ])('%s → %s', (instant, month) => {
    expect(usageMonth(new Date(instant))).toBe(month)
  })

  it('refuses an invalid date', () => {
    expect(() => usageMonth(new Date('nope'))).toThrow(RangeError)
  })
})

describe('usageMonthEnd: when the allowance resets', () => {
  it.each([
    ['2026-01', '2026-02-01T00:00:00.000Z'],
    ['2026-02', '2026-03-01T00:00:00.000Z'],
    ['2026-12', '2027-01-01T00:00:00.000Z'],
  ])('%s → %s', (month, end) => {
    expect(usageMonthEnd(month).toISOString()).toBe(end)
  })

  it.each(['2026-13', '2026-00', '2026-1', '26-01', ''])('refuses %j', (month) => {
    expect(isUsageMonth(month)).toBe(false)
    expect(() => usageMonthEnd(month)).toThrow(RangeError)
  })
})

describe('remaining and usedShare', () => {
  it.each([
    [0, 25, 25, 0],
    [24, 25, 1, 0.96],
    [25, 25, 0, 1],
    // the allowance was lowered below what was already used
    [30, 25, 0, 1],
    [0, 0, 0, 1],
    [7, null, null, null],
  ])('used %i of %s → remaining %s, share %s', (used, limit, left, share) => {
    expect(remaining(used, limit)).toBe(left)
    expect(usedShare(used, limit)).toBe(share)
  })
})
