import { describe, expect, it } from 'vitest'
import {
  type DeliveryCase,
  MAX_PUSH_ATTEMPTS,
  decideDelivery,
  formatTimeOfDay,
  isQuietMinute,
  lastDigestTime,
  nextLocalMinute,
  parseTimeOfDay,
  pushResult,
  quietHoursOf,
  quietUntil,
} from './delivery-rules'

const at = (iso: string) => new Date(iso)
const NIGHT = { start: 22 * 60, end: 7 * 60 }
const NOON = { start: 12 * 60, end: 14 * 60 }

describe('quiet hours', () => {
  it.each([
    [null, 420, null],
    [1320, null, null],
    [600, 600, null],
    [1320, 420, NIGHT],
  ])('quietHoursOf(%j, %j) → %j', (start, end, expected) => {
    expect(quietHoursOf(start, end)).toEqual(expected)
  })

  it.each([
    [NIGHT, 21 * 60 + 59, false],
    [NIGHT, 22 * 60, true],
    [NIGHT, 0, true],
    [NIGHT, 6 * 60 + 59, true],
    [NIGHT, 7 * 60, false],
    [NOON, 11 * 60 + 59, false],
    [NOON, 12 * 60, true],
    [NOON, 14 * 60, false],
  ])('%j at minute %i quiet: %j', (quiet, minute, expected) => {
    expect(isQuietMinute(minute, quiet)).toBe(expected)
  })

  it.each([
    ['2026-12-07T21:30:00Z', 'Europe/Berlin', NIGHT, '2026-12-08T06:00:00Z'], // 22:30 → next morning
    ['2026-12-08T02:00:00Z', 'Europe/Berlin', NIGHT, '2026-12-08T06:00:00Z'], // 03:00 → same morning
    ['2026-12-08T06:00:00Z', 'Europe/Berlin', NIGHT, null], // 07:00: over
    ['2026-12-08T06:00:00Z', 'America/New_York', NIGHT, '2026-12-08T12:00:00Z'], // 01:00 in New York
    ['2026-10-24T21:00:00Z', 'Europe/Berlin', NIGHT, '2026-10-25T06:00:00Z'], // across the autumn change
    ['2026-03-28T22:00:00Z', 'Europe/Berlin', NIGHT, '2026-03-29T05:00:00Z'], // across the spring change
    ['2026-12-07T13:00:00Z', 'UTC', NOON, '2026-12-07T14:00:00Z'],
    ['2026-12-07T13:00:00Z', 'UTC', null, null],
  ])('at %s in %s with %j: quiet until %s', (now, zone, quiet, expected) => {
    expect(quietUntil(at(now), zone, quiet)).toEqual(expected ? at(expected) : null)
  })

  it('finds the next local minute today or tomorrow', () => {
    expect(nextLocalMinute(at('2026-12-07T05:00:00Z'), 'UTC', 8 * 60)).toEqual(at('2026-12-07T08:00:00Z'))
    expect(nextLocalMinute(at('2026-12-07T08:00:00Z'), 'UTC', 8 * 60)).toEqual(at('2026-12-08T08:00:00Z'))
  })
})

describe('the digest time', () => {
  it.each([
    ['2026-12-07T07:00:00Z', 'Europe/Berlin', 8, '2026-12-07T07:00:00Z'],
    ['2026-12-07T06:59:59Z', 'Europe/Berlin', 8, '2026-12-06T07:00:00Z'],
    ['2026-12-07T12:00:00Z', 'America/New_York', 8, '2026-12-06T13:00:00Z'],
    ['2026-12-07T00:30:00Z', 'UTC', 0, '2026-12-07T00:00:00Z'],
  ])('at %s in %s with the digest at %i: the last digest time is %s', (now, zone, hour, expected) => {
    expect(lastDigestTime(at(now), zone, hour)).toEqual(at(expected))
  })
})

describe('decideDelivery', () => {
  const base: DeliveryCase = {
    now: at('2026-12-07T12:00:00Z'),
    channel: 'email',
    digest: false,
    createdAt: at('2026-12-07T11:00:00Z'),
    enabled: true,
    active: true,
    verifiedEmail: true,
    expired: false,
    timeZone: 'UTC',
    quiet: null,
    digestHour: 8,
  }

  it.each<[string, Partial<DeliveryCase>, ReturnType<typeof decideDelivery>]>([
    ['sends what is due', {}, { kind: 'send' }],
    ['skips a deleted account', { active: false }, { kind: 'skip', reason: 'account deleted' }],
    ['skips a channel turned off', { enabled: false }, { kind: 'skip', reason: 'turned off in the preferences' }],
    ['skips an expired notification', { expired: true }, { kind: 'skip', reason: 'notification expired' }],
    ['skips an unverified address', { verifiedEmail: false }, { kind: 'skip', reason: 'no verified e-mail address' }],
    ['pushes to an unverified address', { channel: 'push', verifiedEmail: false }, { kind: 'send' }],
    ['waits in quiet hours', { quiet: NOON }, { kind: 'postpone', until: at('2026-12-07T14:00:00Z') }],
    [
      'holds a digest item until the next digest time',
      { digest: true },
      { kind: 'postpone', until: at('2026-12-08T08:00:00Z') },
    ],
    [
      'sends a digest item from before the last digest time',
      { digest: true, createdAt: at('2026-12-07T07:00:00Z') },
      { kind: 'send' },
    ],
  ])('%s', (_name, over, expected) => {
    expect(decideDelivery({ ...base, ...over })).toEqual(expected)
  })
})

describe('pushResult', () => {
  const now = at('2026-12-07T12:00:00Z')
  it.each([
    [{ configured: false, sent: 0, failed: 0 }, 1, { kind: 'skipped', reason: 'push is not configured' }],
    [{ configured: true, sent: 1, failed: 1 }, 1, { kind: 'sent' }],
    [{ configured: true, sent: 0, failed: 0 }, 1, { kind: 'skipped', reason: 'no subscribed device' }],
    [{ configured: true, sent: 0, failed: 2 }, 1, { kind: 'retry', at: at('2026-12-07T12:01:00Z') }],
    [{ configured: true, sent: 0, failed: 2 }, 4, { kind: 'retry', at: at('2026-12-07T14:00:00Z') }],
    [{ configured: true, sent: 0, failed: 2 }, MAX_PUSH_ATTEMPTS, { kind: 'failed' }],
  ])('%j after attempt %i → %j', (outcome, attempts, expected) => {
    expect(pushResult(outcome, attempts, now)).toEqual(expected)
  })
})

describe('times of day', () => {
  it.each([
    ['00:00', 0],
    ['07:30', 450],
    ['23:59', 1439],
    ['24:00', null],
    ['7:30', null],
    ['', null],
  ])('parseTimeOfDay(%j) → %j', (text, minute) => {
    expect(parseTimeOfDay(text)).toBe(minute)
    if (minute !== null) expect(formatTimeOfDay(minute)).toBe(text)
  })
})
