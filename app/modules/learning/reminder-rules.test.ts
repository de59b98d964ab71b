import { describe, expect, it } from 'vitest'
import { addDays, learnerDay } from '~/utils/time'
import { reminderDay, reminderInstant, streakAtRisk, streakCandidateRange } from './reminder-rules'
import { MAX_FREEZES_HELD, type StreakState } from './streak-rules'

const streak = (over: Partial<StreakState>): StreakState => ({
  currentCount: 5,
  longestCount: 5,
  startDate: '2026-12-02',
  lastActivityDate: '2026-12-06',
  freezesHeld: 0,
  isActive: true,
  ...over,
})

describe('reminderInstant', () => {
  it.each([
    // day, zone, day start, hour → instant
    ['2026-12-07', 'UTC', 4, 9, '2026-12-07T09:00:00.000Z'],
    ['2026-12-07', 'Europe/Berlin', 4, 18, '2026-12-07T17:00:00.000Z'],
    ['2026-07-07', 'Europe/Berlin', 4, 9, '2026-07-07T07:00:00.000Z'],
    ['2026-12-07', 'America/New_York', 0, 9, '2026-12-07T14:00:00.000Z'],
    // a day starting at 20:00 meets 18:00 on the next date, before it ends
    ['2026-12-07', 'UTC', 20, 18, '2026-12-08T18:00:00.000Z'],
    // the spring-forward gap in Berlin (02:00 → 03:00): the first instant after it
    ['2026-03-29', 'Europe/Berlin', 0, 2, '2026-03-29T01:00:00.000Z'],
  ])('%s in %s (day starts %i), %i:00 → %s', (day, timeZone, dayStartHour, hour, expected) => {
    const at = reminderInstant(day, { timeZone, dayStartHour }, hour)
    expect(at.toISOString()).toBe(expected)
    expect(learnerDay(at, timeZone, dayStartHour)).toBe(day)
  })
})

describe('reminderDay', () => {
  it.each([
    ['2026-12-07T08:59:59Z', 'UTC', 4, 9, null],
    ['2026-12-07T09:00:00Z', 'UTC', 4, 9, '2026-12-07'],
    // 23:00 in Auckland (UTC+13)
    ['2026-12-07T10:00:00Z', 'Pacific/Auckland', 4, 9, '2026-12-07'],
    // 05:00 in New York: today's 09:00 has not come
    ['2026-12-07T10:00:00Z', 'America/New_York', 4, 9, null],
    // 02:00 in Los Angeles still belongs to the 6th, whose 09:00 has passed
    ['2026-12-07T10:00:00Z', 'America/Los_Angeles', 4, 9, '2026-12-06'],
    ['2026-12-07T17:59:00Z', 'UTC', 4, 18, null],
    ['2026-12-07T18:00:00Z', 'UTC', 4, 18, '2026-12-07'],
    ['2026-12-08T03:00:00Z', 'UTC', 4, 18, '2026-12-07'],
  ])('%s in %s (day starts %i), %i:00 → %s', (now, timeZone, dayStartHour, hour, expected) => {
    expect(reminderDay(new Date(now), { timeZone, dayStartHour }, hour)).toBe(expected)
  })
})

describe('streakAtRisk on 2026-12-07', () => {
  it.each([
    ['practised yesterday, no freeze', streak({}), true],
    ['practised today', streak({ lastActivityDate: '2026-12-07' }), false],
    ['one freeze held: missing today is covered', streak({ freezesHeld: 1 }), false],
    [
      'one freeze already needed for the 6th, none left for today',
      streak({ lastActivityDate: '2026-12-05', freezesHeld: 1 }),
      true,
    ],
    [
      'two freezes, one needed for the 6th, one left for today',
      streak({ lastActivityDate: '2026-12-05', freezesHeld: 2 }),
      false,
    ],
    ['already lost (missed the 6th, no freeze)', streak({ lastActivityDate: '2026-12-05' }), false],
    ['not active', streak({ isActive: false }), false],
    ['no run yet', streak({ currentCount: 0 }), false],
  ])('%s → %s', (_, state, expected) => {
    expect(streakAtRisk(state, '2026-12-07')).toBe(expected)
  })
})

describe('streakCandidateRange', () => {
  it('is the UTC date − 5 to + 1 (exclusive)', () => {
    expect(streakCandidateRange(new Date('2026-12-07T12:00:00Z'))).toEqual({ from: '2026-12-02', to: '2026-12-08' })
  })

  it.each(['2026-12-07T00:00:00Z', '2026-12-07T23:59:59Z'])(
    'at %s holds every last day a streak at risk can have, in the farthest zones',
    (iso) => {
      const now = new Date(iso)
      const range = streakCandidateRange(now)
      for (const [timeZone, dayStartHour] of [
        ['Etc/GMT+12', 23],
        ['Etc/GMT+12', 0],
        ['Pacific/Kiritimati', 0],
        ['Pacific/Kiritimati', 23],
      ] as const) {
        const today = learnerDay(now, timeZone, dayStartHour)
        // not done today: the last day is before today; still alive: at most MAX_FREEZES_HELD missed days before today
        expect(addDays(today, -1) < range.to).toBe(true)
        expect(addDays(today, -1 - MAX_FREEZES_HELD) >= range.from).toBe(true)
      }
    },
  )
})
