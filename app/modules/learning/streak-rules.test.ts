import { describe, expect, it } from 'vitest'
import { learnerDay } from '~/utils/time'
import {
  newStreak,
  recordQualifyingDay,
  streakPeriodKey,
  streakStatusAsOf,
  type StreakState,
  type StreakType,
  type StreakUpdate,
} from './streak-rules'

function streak(overrides: Partial<StreakState>): StreakState {
  return {
    currentCount: 1,
    longestCount: 1,
    startDate: '2026-06-01',
    lastActivityDate: '2026-06-01',
    freezesHeld: 0,
    isActive: true,
    ...overrides,
  }
}

/** Records the days in order; returns the final state and every update. */
function record(days: string[], type: StreakType = 'daily', start: StreakState = newStreak()) {
  let state = start
  const updates: StreakUpdate[] = []
  for (const day of days) {
    const update = recordQualifyingDay(state, day, type)
    updates.push(update)
    state = update.state
  }
  return { state, updates }
}

/** `n` consecutive days starting at 2026-06-01. */
const june = (n: number) => Array.from({ length: n }, (_, i) => `2026-06-${String(i + 1).padStart(2, '0')}`)

describe('daily streak: recordQualifyingDay', () => {
  it('starts at 1 on the first qualifying day', () => {
    const { updates } = record(['2026-06-01'])
    expect(updates[0]).toEqual({
      state: {
        currentCount: 1,
        longestCount: 1,
        startDate: '2026-06-01',
        lastActivityDate: '2026-06-01',
        freezesHeld: 0,
        isActive: true,
      },
      changed: true,
      frozenPeriods: [],
      freezeEarned: false,
      restarted: false,
    })
  })

  it.each([
    // name, days, currentCount, longestCount, startDate, freezesHeld
    ['consecutive days', ['2026-06-01', '2026-06-02', '2026-06-03'], 3, 3, '2026-06-01', 0],
    ['same day twice', ['2026-06-01', '2026-06-01'], 1, 1, '2026-06-01', 0],
    ['same day twice mid-run', ['2026-06-01', '2026-06-02', '2026-06-02', '2026-06-03'], 3, 3, '2026-06-01', 0],
    ['across a month and a year', ['2026-12-30', '2026-12-31', '2027-01-01'], 3, 3, '2026-12-30', 0],
    ['across a leap day', ['2028-02-28', '2028-02-29', '2028-03-01'], 3, 3, '2028-02-28', 0],
    ['one missed day, no freeze', ['2026-06-01', '2026-06-02', '2026-06-04'], 1, 2, '2026-06-04', 0],
    ['an earlier day key changes nothing', ['2026-06-02', '2026-06-03', '2026-06-01'], 2, 2, '2026-06-02', 0],
    ['longest is kept after a restart', [...june(5), '2026-06-10', '2026-06-11', '2026-06-12'], 3, 5, '2026-06-10', 0],
    [
      'a longer second run raises longest',
      [...june(2), '2026-06-05', '2026-06-06', '2026-06-07'],
      3,
      3,
      '2026-06-05',
      0,
    ],
  ])('%s', (_name, days, currentCount, longestCount, startDate, freezesHeld) => {
    const { state } = record(days)
    expect(state).toMatchObject({
      currentCount,
      longestCount,
      startDate,
      lastActivityDate: days.reduce((a, b) => (b > a ? b : a)),
      freezesHeld,
    })
  })

  it('reports a repeated day as unchanged (same state object)', () => {
    const first = recordQualifyingDay(newStreak(), '2026-06-01')
    const again = recordQualifyingDay(first.state, '2026-06-01')
    expect(again).toEqual({
      state: first.state,
      changed: false,
      frozenPeriods: [],
      freezeEarned: false,
      restarted: false,
    })
    expect(again.state).toBe(first.state)
  })

  it.each([
    // name, freezesHeld, next day (last was 06-05, count 5), count, freezes after, frozen, restarted
    ['one missed day, one freeze', 1, '2026-06-07', 6, 0, ['2026-06-06'], false],
    ['one missed day, two freezes', 2, '2026-06-07', 6, 1, ['2026-06-06'], false],
    ['two missed days, two freezes', 2, '2026-06-08', 6, 0, ['2026-06-06', '2026-06-07'], false],
    ['two missed days, one freeze: restart, freeze kept', 1, '2026-06-08', 1, 1, [], true],
    ['three missed days, two freezes: restart, freezes kept', 2, '2026-06-09', 1, 2, [], true],
    ['no missed day: no freeze used', 2, '2026-06-06', 6, 2, [], false],
  ])('%s', (_name, freezesHeld, day, currentCount, freezesAfter, frozen, restarted) => {
    const before = streak({
      currentCount: 5,
      longestCount: 5,
      startDate: '2026-06-01',
      lastActivityDate: '2026-06-05',
      freezesHeld,
    })
    const update = recordQualifyingDay(before, day)
    expect(update.state).toMatchObject({
      currentCount,
      freezesHeld: freezesAfter,
      lastActivityDate: day,
      longestCount: 5 + (currentCount > 5 ? 1 : 0),
    })
    expect(update.state.startDate).toBe(restarted ? day : '2026-06-01')
    expect(update.frozenPeriods).toEqual(frozen)
    expect(update.restarted).toBe(restarted)
  })

  it('covers missed days at a month edge with freezes', () => {
    const update = recordQualifyingDay(
      streak({ currentCount: 3, lastActivityDate: '2026-06-29', freezesHeld: 2 }),
      '2026-07-02',
    )
    expect(update.frozenPeriods).toEqual(['2026-06-30', '2026-07-01'])
    expect(update.state).toMatchObject({ currentCount: 4, freezesHeld: 0 })
  })

  it.each([
    // consecutive days, freezes held after, days on which a freeze was earned
    [6, 0, []],
    [7, 1, [7]],
    [13, 1, [7]],
    [14, 2, [7, 14]],
    [21, 2, [7, 14]], // at most two held: day 21 earns nothing
    [28, 2, [7, 14]],
  ])('%i consecutive days → %i freezes held (earned on days %j)', (n, held, earnedOn) => {
    const { state, updates } = record(june(n))
    expect(state.currentCount).toBe(n)
    expect(state.freezesHeld).toBe(held)
    expect(updates.flatMap((u, i) => (u.freezeEarned ? [i + 1] : []))).toEqual(earnedOn)
  })

  it('earns again once a held freeze has been used', () => {
    const { state, updates } = record([
      ...june(14),
      '2026-06-16',
      ...['2026-06-17', '2026-06-18', '2026-06-19', '2026-06-20', '2026-06-21', '2026-06-22'],
    ])
    expect(updates[14]?.frozenPeriods).toEqual(['2026-06-15']) // 2 → 1 freeze
    expect(state.currentCount).toBe(21)
    expect(updates[20]?.freezeEarned).toBe(true) // day 21 of the run: back to 2
    expect(state.freezesHeld).toBe(2)
  })

  it('uses a freeze first, then earns on the 7th day', () => {
    const update = recordQualifyingDay(
      streak({ currentCount: 6, lastActivityDate: '2026-06-06', freezesHeld: 2 }),
      '2026-06-08',
    )
    expect(update).toMatchObject({
      frozenPeriods: ['2026-06-07'],
      freezeEarned: true,
      state: { currentCount: 7, freezesHeld: 2 },
    })
  })

  it('keeps freezes through a restart and can use them in the next run', () => {
    const afterRestart = recordQualifyingDay(
      streak({ currentCount: 9, longestCount: 9, lastActivityDate: '2026-06-09', freezesHeld: 1 }),
      '2026-06-20',
    )
    expect(afterRestart.state).toMatchObject({
      currentCount: 1,
      longestCount: 9,
      freezesHeld: 1,
      startDate: '2026-06-20',
    })
    const covered = recordQualifyingDay(afterRestart.state, '2026-06-22')
    expect(covered).toMatchObject({
      frozenPeriods: ['2026-06-21'],
      state: { currentCount: 2, freezesHeld: 0, startDate: '2026-06-20' },
    })
  })

  it('refuses something that is not a day key', () => {
    expect(() => recordQualifyingDay(newStreak(), '2026-6-1')).toThrow(RangeError)
  })
})

describe('streakStatusAsOf (a read: no freeze is consumed)', () => {
  it.each([
    // freezesHeld, today, shown count, alive, doneThisPeriod, freezesToBeUsed   (last activity 06-10, count 4)
    [0, '2026-06-10', 4, true, true, 0],
    [0, '2026-06-11', 4, true, false, 0], // yesterday counted: still alive today
    [0, '2026-06-12', 0, false, false, 0], // yesterday missed
    [1, '2026-06-12', 4, true, false, 1],
    [1, '2026-06-13', 0, false, false, 0],
    [2, '2026-06-13', 4, true, false, 2],
    [2, '2026-06-14', 0, false, false, 0],
    [0, '2026-06-09', 4, true, true, 0], // a day key before the last one (travel west)
  ])('freezes %i, today %s → %i', (freezesHeld, today, count, alive, doneThisPeriod, freezesToBeUsed) => {
    const state = streak({
      currentCount: 4,
      longestCount: 6,
      startDate: '2026-06-07',
      lastActivityDate: '2026-06-10',
      freezesHeld,
    })
    const copy = structuredClone(state)
    expect(streakStatusAsOf(state, today)).toEqual({ count, alive, doneThisPeriod, freezesToBeUsed })
    expect(state).toEqual(copy)
  })

  it('is 0 before the first qualifying day and for a streak stored as inactive', () => {
    const none = { count: 0, alive: false, doneThisPeriod: false, freezesToBeUsed: 0 }
    expect(streakStatusAsOf(newStreak(), '2026-06-10')).toEqual(none)
    expect(streakStatusAsOf(streak({ isActive: false, currentCount: 0 }), '2026-06-01')).toEqual(none)
  })
})

describe('weekly streak (ISO weeks) and monthly streak', () => {
  it.each([
    // name, type, days, currentCount, longestCount
    ['two days in one week count once', 'weekly', ['2026-06-08', '2026-06-14'], 1, 1],
    ['Sunday then Monday: two weeks', 'weekly', ['2026-06-14', '2026-06-15'], 2, 2],
    ['across the 2026/27 edge (W52, W53, 2027-W01)', 'weekly', ['2026-12-24', '2027-01-02', '2027-01-05'], 3, 3],
    ['across the 2020/21 edge (2020-W53 → 2021-W01)', 'weekly', ['2020-12-31', '2021-01-04'], 2, 2],
    ['a week without a qualifying day restarts', 'weekly', ['2026-06-01', '2026-06-08', '2026-06-22'], 1, 2],
    [
      'eight weeks earn no freeze',
      'weekly',
      ['2026-05-04', '2026-05-11', '2026-05-18', '2026-05-25', '2026-06-01', '2026-06-08', '2026-06-15', '2026-06-22'],
      8,
      8,
    ],
    ['two days in one month count once', 'monthly', ['2026-06-01', '2026-06-30'], 1, 1],
    ['31 January then 1 February', 'monthly', ['2026-01-31', '2026-02-01'], 2, 2],
    ['across a year', 'monthly', ['2026-11-15', '2026-12-01', '2027-01-31'], 3, 3],
    ['a month without a qualifying day restarts', 'monthly', ['2026-04-30', '2026-05-01', '2026-07-01'], 1, 2],
  ] as const)('%s', (_name, type, days, currentCount, longestCount) => {
    const { state, updates } = record([...days], type)
    expect(state).toMatchObject({ currentCount, longestCount, freezesHeld: 0, lastActivityDate: days.at(-1) })
    expect(updates.some((u) => u.freezeEarned || u.frozenPeriods.length > 0)).toBe(false)
  })

  it('freezes never cover a missed week or month', () => {
    const weekly = recordQualifyingDay(
      streak({ currentCount: 3, lastActivityDate: '2026-06-01', freezesHeld: 2 }),
      '2026-06-15',
      'weekly',
    )
    expect(weekly).toMatchObject({ restarted: true, frozenPeriods: [], state: { currentCount: 1, freezesHeld: 2 } })
    const monthly = recordQualifyingDay(
      streak({ currentCount: 3, lastActivityDate: '2026-06-01', freezesHeld: 2 }),
      '2026-08-01',
      'monthly',
    )
    expect(monthly).toMatchObject({ restarted: true, state: { currentCount: 1 } })
  })

  it('keeps the latest day of the current week or month without counting it again', () => {
    const week = recordQualifyingDay(
      streak({ currentCount: 2, lastActivityDate: '2026-06-08' }),
      '2026-06-10',
      'weekly',
    )
    expect(week).toMatchObject({ changed: true, state: { currentCount: 2, lastActivityDate: '2026-06-10' } })
    const earlier = recordQualifyingDay(week.state, '2026-06-09', 'weekly')
    expect(earlier.changed).toBe(false)
  })

  it.each([
    // type, last activity, today, count shown
    ['weekly', '2026-06-10', '2026-06-14', 3], // same week
    ['weekly', '2026-06-10', '2026-06-21', 3], // next week: still alive
    ['weekly', '2026-06-10', '2026-06-22', 0], // a whole week missed
    ['weekly', '2026-12-30', '2027-01-10', 3], // 2026-W53 → 2027-W01
    ['monthly', '2026-06-10', '2026-07-31', 3],
    ['monthly', '2026-06-10', '2026-08-01', 0],
    ['monthly', '2026-12-31', '2027-01-31', 3],
  ] as const)('%s: last %s, today %s → %i', (type, last, today, count) => {
    expect(
      streakStatusAsOf(streak({ currentCount: 3, lastActivityDate: last, freezesHeld: 2 }), today, type).count,
    ).toBe(count)
  })

  it.each([
    ['2026-12-31', 'daily', '2026-12-31'],
    ['2026-12-31', 'weekly', '2026-W53'],
    ['2027-01-01', 'weekly', '2026-W53'],
    ['2027-01-01', 'monthly', '2027-01'],
  ] as const)('streakPeriodKey(%s, %s) = %s', (day, type, key) => {
    expect(streakPeriodKey(day, type)).toBe(key)
  })

  it.each([
    // week starts on, last activity, today, count shown
    [1, '2026-12-06', '2026-12-07', 3], // Sunday then Monday: consecutive Monday weeks
    [7, '2026-12-06', '2026-12-07', 3], // Sunday then Monday: the same Sunday week, nothing new
    [7, '2026-12-05', '2026-12-13', 0], // Saturday, then Sunday a week later: the week of 12-06 was missed
    [1, '2026-12-05', '2026-12-13', 3], // the same days in Monday weeks: 11-30 and 12-07 are consecutive
    [6, '2026-12-04', '2026-12-05', 3], // Friday then Saturday: consecutive Saturday weeks
    [6, '2026-12-04', '2026-12-12', 0], // Friday, then Saturday a week later: a week missed
  ] as const)('weeks starting on ISO weekday %i: last %s, today %s → %i', (weekStartsOn, last, today, count) => {
    const state = streak({ currentCount: 3, lastActivityDate: last })
    expect(streakStatusAsOf(state, today, 'weekly', weekStartsOn).count).toBe(count)
  })

  it('a weekly streak counts one more in the next week of the learner, by their week start', () => {
    const state = streak({ currentCount: 3, longestCount: 3, lastActivityDate: '2026-12-05' }) // a Saturday
    expect(recordQualifyingDay(state, '2026-12-06', 'weekly', 7).state.currentCount).toBe(4) // Sunday: a new week
    expect(recordQualifyingDay(state, '2026-12-06', 'weekly', 1).state.currentCount).toBe(3) // Monday weeks: same week
    expect(streakPeriodKey('2026-12-09', 'weekly', 7)).toBe('2026-12-06')
  })
})

describe('daylight-saving nights and travel: only day keys matter', () => {
  it('Europe/Berlin: practising at 03:30 on the wall clock every night (day start 04:00) around both DST nights', () => {
    const instants = [
      '2026-03-27T02:30:00Z', // Fri 03:30 CET → Thu 03-26
      '2026-03-28T02:30:00Z', // Sat 03:30 CET → Fri 03-27
      '2026-03-29T01:30:00Z', // Sun 03:30 CEST (23 hours later) → Sat 03-28
      '2026-03-30T01:30:00Z', // Mon 03:30 CEST → Sun 03-29
      '2026-10-24T01:30:00Z', // Sat 03:30 CEST → Fri 10-23
      '2026-10-25T02:30:00Z', // Sun 03:30 CET (25 hours later) → Sat 10-24
      '2026-10-26T02:30:00Z', // Mon 03:30 CET → Sun 10-25
    ]
    const keys = instants.map((i) => learnerDay(new Date(i), 'Europe/Berlin', 4))
    expect(keys).toEqual([
      '2026-03-26',
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
      '2026-10-23',
      '2026-10-24',
      '2026-10-25',
    ])
    expect(record(keys.slice(0, 4)).state.currentCount).toBe(4)
    expect(record(keys.slice(4)).state.currentCount).toBe(3)
  })

  it('Europe/Berlin: both ends of the 25-hour day count once', () => {
    const keys = ['2026-10-24T02:00:00Z', '2026-10-25T02:59:59Z'].map((i) =>
      learnerDay(new Date(i), 'Europe/Berlin', 4),
    )
    expect(keys).toEqual(['2026-10-24', '2026-10-24'])
    const { state, updates } = record(keys)
    expect(state.currentCount).toBe(1)
    expect(updates[1]?.changed).toBe(false)
  })

  it('America/New_York: 23:30 every evening across the spring-forward night', () => {
    const instants = ['2026-03-07T04:30:00Z', '2026-03-08T04:30:00Z', '2026-03-09T03:30:00Z', '2026-03-10T03:30:00Z']
    const keys = instants.map((i) => learnerDay(new Date(i), 'America/New_York', 4))
    expect(keys).toEqual(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'])
    expect(record(keys).state.currentCount).toBe(4)
  })

  it('flying Europe/Berlin → America/Los_Angeles: the repeated day counts once', () => {
    const days = [
      learnerDay(new Date('2026-06-09T18:00:00Z'), 'Europe/Berlin'), // 20:00 CEST, 06-09
      learnerDay(new Date('2026-06-10T18:00:00Z'), 'Europe/Berlin'), // 20:00 CEST, 06-10 — then flies west
      learnerDay(new Date('2026-06-11T01:00:00Z'), 'America/Los_Angeles'), // 18:00 PDT, 06-10 again
      learnerDay(new Date('2026-06-11T20:00:00Z'), 'America/Los_Angeles'), // 13:00 PDT, 06-11
    ]
    expect(days).toEqual(['2026-06-09', '2026-06-10', '2026-06-10', '2026-06-11'])
    const { state, updates } = record(days)
    expect(updates.map((u) => u.changed)).toEqual([true, true, false, true])
    expect(state).toMatchObject({ currentCount: 3, startDate: '2026-06-09', lastActivityDate: '2026-06-11' })
  })

  it('flying back America/Los_Angeles → Europe/Berlin: the next Berlin day follows on', () => {
    const days = [
      learnerDay(new Date('2026-06-12T16:00:00Z'), 'America/Los_Angeles'), // 09:00 PDT, 06-12
      learnerDay(new Date('2026-06-13T15:00:00Z'), 'Europe/Berlin'), // 17:00 CEST after landing, 06-13
    ]
    expect(days).toEqual(['2026-06-12', '2026-06-13'])
    expect(record(days).state.currentCount).toBe(2)
  })

  it.each([
    [1, 3, ['2026-06-13'], false],
    [0, 1, [], true],
  ])(
    'flying America/Los_Angeles → Pacific/Auckland skips a day key: with %i freezes → count %i',
    (freezesHeld, count, frozen, restarted) => {
      const before = learnerDay(new Date('2026-06-12T05:00:00Z'), 'America/Los_Angeles') // 22:00 PDT on 06-11
      const first = learnerDay(new Date('2026-06-13T05:00:00Z'), 'America/Los_Angeles') // 22:00 PDT on 06-12, then boards
      const landed = learnerDay(new Date('2026-06-13T19:00:00Z'), 'Pacific/Auckland') // 07:00 NZST on 06-14, 14 hours later
      expect([before, first, landed]).toEqual(['2026-06-11', '2026-06-12', '2026-06-14'])
      const { state } = record(
        [first],
        'daily',
        streak({ currentCount: 1, startDate: before, lastActivityDate: before, freezesHeld }),
      )
      const update = recordQualifyingDay(state, landed)
      expect(update).toMatchObject({ frozenPeriods: frozen, restarted, state: { currentCount: count } })
    },
  )
})
