import { describe, expect, it } from 'vitest'
import {
  COHORT_MAX,
  chooseCohort,
  cohortSizes,
  leagueWeek,
  standings,
  boardName,
  tierAfter,
  tierName,
  timeLeftLabel,
  zoneOf,
} from './league-rules'

const HOUR = 3_600_000

describe('tiers', () => {
  it.each([
    [1, 'Bronze'],
    [2, 'Silver'],
    [3, 'Gold'],
    [4, 'Sapphire'],
    [5, 'Diamond'],
  ])('tier %i is %s', (tier, name) => expect(tierName(tier)).toBe(name))

  it.each([
    [null, 1],
    [{ tier: 1, outcome: 'promoted' as const }, 2],
    [{ tier: 3, outcome: 'stayed' as const }, 3],
    [{ tier: 3, outcome: 'demoted' as const }, 2],
    [{ tier: 1, outcome: 'demoted' as const }, 1],
    [{ tier: 5, outcome: 'promoted' as const }, 5],
    [{ tier: 4, outcome: null }, 4],
  ])('after %j the tier is %i', (last, tier) => expect(tierAfter(last)).toBe(tier))
})

describe('cohortSizes', () => {
  it.each([
    [0, []],
    [1, [1]],
    [24, [24]],
    [30, [30]],
    [35, [35]],
    [40, [40]],
    [41, [21, 20]],
    [50, [25, 25]],
    [61, [31, 30]],
    [70, [35, 35]],
    [71, [36, 35]],
    [75, [25, 25, 25]],
    [100, [34, 33, 33]],
    [1000, Array.from({ length: 33 }, (_, i) => (i < 10 ? 31 : 30))],
  ])('%i learners → %j', (n, sizes) => {
    expect(cohortSizes(n)).toEqual(sizes)
    expect(cohortSizes(n).reduce((a, b) => a + b, 0)).toBe(n)
  })

  it('keeps every cohort within 25–35 whenever such a split exists', () => {
    for (let n = 1; n <= 2000; n++) {
      const sizes = cohortSizes(n)
      const possible = Array.from({ length: n }, (_, k) => k + 1).some((k) => 25 * k <= n && n <= 35 * k)
      if (!possible) continue
      expect(Math.min(...sizes), `n=${n}`).toBeGreaterThanOrEqual(25)
      expect(Math.max(...sizes), `n=${n}`).toBeLessThanOrEqual(35)
    }
  })
})

describe('chooseCohort (learners arriving one by one)', () => {
  it.each([
    [[], 'new'],
    [[10], 0],
    [[34], 0],
    [[35], 'new'],
    [[35, 3], 1],
    [[35, 20], 1],
    [[30, 28, 35], 1],
    [[35, 35], 'new'],
  ] as const)('open cohorts %j → %s', (sizes, choice) => expect(chooseCohort(sizes)).toBe(choice))

  it.each([1, 12, 30, 36, 50, 60, 99, 250])(
    '%i arrivals: no cohort over 35; all but the newest at least 25 from 50 on',
    (n) => {
      const sizes: number[] = []
      for (let i = 0; i < n; i++) {
        const choice = chooseCohort(sizes)
        if (choice === 'new') sizes.push(1)
        else sizes[choice]!++
      }
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(n)
      expect(Math.max(...sizes)).toBeLessThanOrEqual(COHORT_MAX)
      if (n >= 50) for (const size of sizes.slice(0, -1)) expect(size).toBeGreaterThanOrEqual(25)
    },
  )
})

describe('leagueWeek: the learner’s week in their zone, from their day-start hour', () => {
  it.each([
    // Europe/Berlin springs forward on Sunday 2027-03-28: the week of Monday 22 March lasts 167 hours.
    [
      'Europe/Berlin',
      1,
      '2027-03-25T12:00:00Z',
      '2027-03-22',
      '2027-03-22T03:00:00.000Z',
      '2027-03-29T02:00:00.000Z',
      167,
    ],
    [
      'Europe/Berlin',
      1,
      '2027-03-29T01:59:59Z',
      '2027-03-22',
      '2027-03-22T03:00:00.000Z',
      '2027-03-29T02:00:00.000Z',
      167,
    ],
    [
      'Europe/Berlin',
      1,
      '2027-03-29T02:00:00Z',
      '2027-03-29',
      '2027-03-29T02:00:00.000Z',
      '2027-04-05T02:00:00.000Z',
      168,
    ],
    // America/New_York falls back on Sunday 2026-11-01: the week of Monday 26 October lasts 169 hours.
    [
      'America/New_York',
      1,
      '2026-10-30T12:00:00Z',
      '2026-10-26',
      '2026-10-26T08:00:00.000Z',
      '2026-11-02T09:00:00.000Z',
      169,
    ],
    [
      'America/New_York',
      1,
      '2026-11-02T08:59:59Z',
      '2026-10-26',
      '2026-10-26T08:00:00.000Z',
      '2026-11-02T09:00:00.000Z',
      169,
    ],
    // weeks starting on Sunday: the change falls on the first day of the week of 1 November (04:00 is after it)
    [
      'America/New_York',
      7,
      '2026-11-01T08:30:00Z',
      '2026-10-25',
      '2026-10-25T08:00:00.000Z',
      '2026-11-01T09:00:00.000Z',
      169,
    ],
    [
      'America/New_York',
      7,
      '2026-11-01T09:00:00Z',
      '2026-11-01',
      '2026-11-01T09:00:00.000Z',
      '2026-11-08T09:00:00.000Z',
      168,
    ],
    // before the day-start hour the learner is still in yesterday, so in the week before
    [
      'Europe/Berlin',
      1,
      '2027-03-22T02:59:00Z',
      '2027-03-15',
      '2027-03-15T03:00:00.000Z',
      '2027-03-22T03:00:00.000Z',
      168,
    ],
  ] as const)(
    '%s, weeks from ISO day %i: %s is in the week of %s',
    (timezone, weekStartsOn, at, weekStart, startsAt, endsAt, hours) => {
      const week = leagueWeek(new Date(at), { timezone, dayStartHour: 4, weekStartsOn })
      expect(week.weekStart).toBe(weekStart)
      expect(week.startsAt.toISOString()).toBe(startsAt)
      expect(week.endsAt.toISOString()).toBe(endsAt)
      expect((week.endsAt.getTime() - week.startsAt.getTime()) / HOUR).toBe(hours)
    },
  )

  it('shows the time left in words', () => {
    const now = new Date('2026-01-01T00:00:00Z')
    const at = (ms: number) => new Date(now.getTime() + ms)
    expect(timeLeftLabel(now, at(2 * 24 * HOUR + 5 * HOUR + 59_000))).toBe('2 days 5 hours')
    expect(timeLeftLabel(now, at(24 * HOUR))).toBe('1 day')
    expect(timeLeftLabel(now, at(3 * HOUR + 10 * 60_000))).toBe('3 hours 10 minutes')
    expect(timeLeftLabel(now, at(60_000))).toBe('1 minute')
    expect(timeLeftLabel(now, at(-1))).toBe('ended')
  })
})

describe('standings: promotion of the top 5 and demotion of the bottom 5', () => {
  const cohort = (xps: number[]) =>
    xps.map((xp, i) => ({ id: `m${i}`, xp, xpReachedAt: new Date(1_000_000 + i * 1000) }))
  const outcome = (xps: number[], tier: number) =>
    standings(cohort(xps), tier).map((s) => `${s.member.id}:${s.rank}:${s.zone ?? '-'}`)

  it('ranks ties together (1, 2, 2, 4) and lists who got there first first', () => {
    expect(outcome([10, 30, 30, 50], 2)).toEqual([
      'm3:1:promotion',
      'm1:2:promotion',
      'm2:2:promotion',
      'm0:4:promotion',
    ])
  })

  it('moves the top 5 up and the bottom 5 down in a cohort of 12 in a middle tier', () => {
    const xps = [120, 110, 100, 90, 80, 70, 60, 50, 40, 30, 20, 10]
    const zones = standings(cohort(xps), 3).map((s) => s.zone)
    expect(zones).toEqual([...Array(5).fill('promotion'), null, null, ...Array(5).fill('demotion')])
  })

  it.each([
    ['the lowest tier demotes nobody', 1, [50, 40, 30, 20, 10, 5, 4, 3, 2, 1, 0], 5, 0],
    ['the highest tier promotes nobody', 5, [50, 40, 30, 20, 10, 5, 4, 3, 2, 1, 0], 0, 5],
    ['nobody is promoted without XP', 2, [10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 1, 0],
    ['a small cohort demotes only below its top 5', 2, [9, 8, 7, 6, 5, 4, 3], 5, 2],
    ['a cohort of 5 moves nobody down', 3, [5, 4, 3, 2, 1], 5, 0],
    ['ties on the promotion edge all go up', 2, [9, 8, 7, 6, 5, 5, 5, 1, 1, 1, 1, 1, 1], 7, 0],
    ['ties on the demotion edge are all spared', 2, [20, 19, 18, 17, 16, 15, 14, 13, 2, 2, 2, 2, 2, 1, 0], 5, 2],
  ])('%s', (_label, tier, xps, promoted, demoted) => {
    const zones = standings(cohort(xps), tier).map((s) => s.zone)
    expect(zones.filter((z) => z === 'promotion')).toHaveLength(promoted)
    expect(zones.filter((z) => z === 'demotion')).toHaveLength(demoted)
  })

  it('zoneOf: a one-person cohort with XP goes up, without XP stays', () => {
    expect(zoneOf(1, 10, 1, 1)).toBe('promotion')
    expect(zoneOf(1, 0, 1, 2)).toBeNull()
  })

  it('shows a hidden learner as "A learner" to everyone but themself', () => {
    const hidden = { name: 'Grace', username: 'grace', hideFromBoards: true }
    expect(boardName(hidden, false)).toBe('A learner')
    expect(boardName(hidden, true)).toBe('Grace')
    expect(boardName({ name: null, username: 'bo', hideFromBoards: false }, false)).toBe('bo')
  })
})
