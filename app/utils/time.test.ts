import { describe, expect, it } from 'vitest'
import {
  addDays,
  dayNumber,
  dayStartInstant,
  daysBetween,
  formatDay,
  formatDayAndTime,
  formatUtc,
  formatUtcLong,
  isDayKey,
  isoWeekday,
  isoWeekKey,
  lastNDays,
  learnerDay,
  monthKey,
  shortDayLabel,
  startOfWeek,
  startOfMonth,
  weekdayDayLabel,
} from './time'

const at = (iso: string) => new Date(iso)

describe('learnerDay', () => {
  it.each([
    // zone, dayStartHour, instant (UTC), expected day key, what it shows
    ['UTC', 4, '2026-06-10T03:59:59Z', '2026-06-09', '03:59:59 is still yesterday'],
    ['UTC', 4, '2026-06-10T04:00:00Z', '2026-06-10', '04:00 starts the day'],
    ['UTC', 0, '2026-06-09T23:59:59Z', '2026-06-09', 'midnight start: last second'],
    ['UTC', 0, '2026-06-10T00:00:00Z', '2026-06-10', 'midnight start: first second'],
    ['UTC', 23, '2026-06-10T22:59:59Z', '2026-06-09', '23:00 start: 22:59 is the day before'],
    ['UTC', 23, '2026-06-10T23:00:00Z', '2026-06-10', '23:00 start'],
    ['UTC', 4, '2027-01-01T03:59:59Z', '2026-12-31', 'new-year night before the day start'],
    ['UTC', 4, '2024-03-01T03:00:00Z', '2024-02-29', 'leap day'],
    // Europe/Berlin, spring forward 2026-03-29: 02:00 CET → 03:00 CEST at 01:00Z (a 23-hour day)
    ['Europe/Berlin', 4, '2026-03-28T02:59:59Z', '2026-03-27', '03:59:59 CET'],
    ['Europe/Berlin', 4, '2026-03-28T03:00:00Z', '2026-03-28', '04:00 CET'],
    ['Europe/Berlin', 4, '2026-03-29T00:59:59Z', '2026-03-28', '01:59:59 CET, just before the jump'],
    ['Europe/Berlin', 4, '2026-03-29T01:00:00Z', '2026-03-28', '03:00 CEST, just after the jump'],
    ['Europe/Berlin', 4, '2026-03-29T01:59:59Z', '2026-03-28', '03:59:59 CEST'],
    ['Europe/Berlin', 4, '2026-03-29T02:00:00Z', '2026-03-29', '04:00 CEST: only 23 hours later'],
    ['Europe/Berlin', 2, '2026-03-29T00:59:59Z', '2026-03-28', 'start hour in the gap: 01:59:59 CET'],
    ['Europe/Berlin', 2, '2026-03-29T01:00:00Z', '2026-03-29', 'start hour in the gap: 03:00 CEST'],
    ['Europe/Berlin', 0, '2026-03-28T22:59:59Z', '2026-03-28', 'midnight start, 23:59:59 CET'],
    ['Europe/Berlin', 0, '2026-03-28T23:00:00Z', '2026-03-29', 'midnight start, 00:00 CET'],
    // Europe/Berlin, fall back 2026-10-25: 03:00 CEST → 02:00 CET at 01:00Z (a 25-hour day)
    ['Europe/Berlin', 4, '2026-10-24T01:59:59Z', '2026-10-23', '03:59:59 CEST'],
    ['Europe/Berlin', 4, '2026-10-24T02:00:00Z', '2026-10-24', '04:00 CEST'],
    ['Europe/Berlin', 4, '2026-10-25T00:30:00Z', '2026-10-24', 'first 02:30 (CEST)'],
    ['Europe/Berlin', 4, '2026-10-25T01:30:00Z', '2026-10-24', 'second 02:30 (CET)'],
    ['Europe/Berlin', 4, '2026-10-25T02:59:59Z', '2026-10-24', '03:59:59 CET: 25 hours after the start'],
    ['Europe/Berlin', 4, '2026-10-25T03:00:00Z', '2026-10-25', '04:00 CET'],
    ['Europe/Berlin', 2, '2026-10-24T23:59:59Z', '2026-10-24', 'start hour repeats: 01:59:59 CEST'],
    ['Europe/Berlin', 2, '2026-10-25T00:00:00Z', '2026-10-25', 'start hour repeats: first 02:00'],
    ['Europe/Berlin', 2, '2026-10-25T01:00:00Z', '2026-10-25', 'start hour repeats: second 02:00 stays the same day'],
    [
      'Europe/Berlin',
      3,
      '2026-10-25T01:30:00Z',
      '2026-10-24',
      'start 03:00: second 02:30 (CET) is still the day before',
    ],
    ['Europe/Berlin', 3, '2026-10-25T02:00:00Z', '2026-10-25', 'start 03:00: 03:00 CET'],
    // America/New_York, 2026-03-08 spring forward at 07:00Z, 2026-11-01 fall back at 06:00Z
    ['America/New_York', 4, '2026-03-08T07:59:59Z', '2026-03-07', '03:59:59 EDT'],
    ['America/New_York', 4, '2026-03-08T08:00:00Z', '2026-03-08', '04:00 EDT'],
    ['America/New_York', 4, '2026-11-01T08:59:59Z', '2026-10-31', '03:59:59 EST'],
    ['America/New_York', 4, '2026-11-01T09:00:00Z', '2026-11-01', '04:00 EST'],
    ['America/New_York', 1, '2026-11-01T04:59:59Z', '2026-10-31', '00:59:59 EDT'],
    ['America/New_York', 1, '2026-11-01T05:00:00Z', '2026-11-01', 'first 01:00 (EDT)'],
    ['America/New_York', 1, '2026-11-01T06:00:00Z', '2026-11-01', 'second 01:00 (EST)'],
    ['America/New_York', 0, '2026-06-10T03:59:59Z', '2026-06-09', 'UTC date ahead of the local date'],
    // Asia/Kolkata, +05:30 all year
    ['Asia/Kolkata', 4, '2026-06-09T22:29:59Z', '2026-06-09', '03:59:59 IST'],
    ['Asia/Kolkata', 4, '2026-06-09T22:30:00Z', '2026-06-10', '04:00 IST'],
    ['Asia/Kolkata', 0, '2026-06-09T18:29:59Z', '2026-06-09', '23:59:59 IST'],
    ['Asia/Kolkata', 0, '2026-06-09T18:30:00Z', '2026-06-10', '00:00 IST'],
    // Australia/Lord_Howe: +10:30, DST +11 (a 30-minute change); 2026-10-04 02:00 → 02:30, 2026-04-05 02:00 → 01:30
    ['Australia/Lord_Howe', 2, '2026-10-03T15:29:59Z', '2026-10-03', '01:59:59 +10:30'],
    ['Australia/Lord_Howe', 2, '2026-10-03T15:30:00Z', '2026-10-04', '02:30 +11, first instant after the gap'],
    ['Australia/Lord_Howe', 2, '2026-04-04T15:00:00Z', '2026-04-04', 'fall back to 01:30 +10:30: still the day before'],
    ['Australia/Lord_Howe', 2, '2026-04-04T15:29:59Z', '2026-04-04', '01:59:59 +10:30 (second time round)'],
    ['Australia/Lord_Howe', 2, '2026-04-04T15:30:00Z', '2026-04-05', '02:00 +10:30'],
    ['Australia/Lord_Howe', 4, '2026-06-09T17:29:59Z', '2026-06-09', '03:59:59 +10:30'],
    ['Australia/Lord_Howe', 4, '2026-06-09T17:30:00Z', '2026-06-10', '04:00 +10:30'],
    // Pacific/Chatham: +12:45, DST +13:45; 2026-09-27 02:45 → 03:45, 2026-04-05 03:45 → 02:45
    ['Pacific/Chatham', 4, '2026-06-09T15:14:59Z', '2026-06-09', '03:59:59 +12:45'],
    ['Pacific/Chatham', 4, '2026-06-09T15:15:00Z', '2026-06-10', '04:00 +12:45'],
    ['Pacific/Chatham', 3, '2026-09-26T13:59:59Z', '2026-09-26', '02:44:59 +12:45, just before the jump'],
    ['Pacific/Chatham', 3, '2026-09-26T14:00:00Z', '2026-09-27', '03:45 +13:45, start hour was skipped'],
    ['Pacific/Chatham', 0, '2026-06-09T11:14:59Z', '2026-06-09', '23:59:59 +12:45'],
    ['Pacific/Chatham', 0, '2026-06-09T11:15:00Z', '2026-06-10', '00:00 +12:45'],
    // America/Santiago: midnight does not exist on 2026-09-06 (00:00 → 01:00)
    ['America/Santiago', 0, '2026-09-06T03:59:59Z', '2026-09-05', '23:59:59 -04'],
    ['America/Santiago', 0, '2026-09-06T04:00:00Z', '2026-09-06', '01:00 -03'],
  ])('%s, start %i: %s → %s (%s)', (zone, hour, instant, expected) => {
    expect(learnerDay(at(instant), zone, hour)).toBe(expected)
  })

  it('uses 04:00 by default', () => {
    expect(learnerDay(at('2026-06-10T03:59:59Z'), 'UTC')).toBe('2026-06-09')
    expect(learnerDay(at('2026-06-10T04:00:00Z'), 'UTC')).toBe('2026-06-10')
  })

  it.each([
    // A learner who changes time zone: the same instant gives the day of the zone set at that moment.
    ['2026-06-10T06:00:00Z', 'Europe/Berlin', '2026-06-10'], // 08:00 CEST
    ['2026-06-10T06:00:00Z', 'America/Los_Angeles', '2026-06-09'], // 23:00 PDT the evening before
    ['2026-06-10T06:00:00Z', 'Asia/Kolkata', '2026-06-10'], // 11:30 IST
    ['2026-06-10T06:00:00Z', 'Pacific/Chatham', '2026-06-10'], // 18:45 +12:45
    ['2026-06-10T14:00:00Z', 'Pacific/Chatham', '2026-06-10'], // 02:45 on the 11th, before 04:00
    ['2026-06-10T14:00:00Z', 'Europe/Berlin', '2026-06-10'], // 16:00 CEST
  ])('time-zone change: %s in %s → %s', (instant, zone, expected) => {
    expect(learnerDay(at(instant), zone)).toBe(expected)
  })

  it('rejects an hour outside 0..23 and an unknown zone', () => {
    expect(() => learnerDay(new Date(), 'UTC', 24)).toThrow(RangeError)
    expect(() => learnerDay(new Date(), 'UTC', -1)).toThrow(RangeError)
    expect(() => learnerDay(new Date(), 'UTC', 1.5)).toThrow(RangeError)
    expect(() => learnerDay(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError)
  })
})

describe('dayStartInstant', () => {
  it.each([
    ['UTC', 4, '2026-06-10', '2026-06-10T04:00:00Z'],
    ['UTC', 0, '2026-06-10', '2026-06-10T00:00:00Z'],
    ['UTC', 23, '2026-06-10', '2026-06-10T23:00:00Z'],
    ['Europe/Berlin', 4, '2026-03-28', '2026-03-28T03:00:00Z'], // 04:00 CET
    ['Europe/Berlin', 4, '2026-03-29', '2026-03-29T02:00:00Z'], // 04:00 CEST
    ['Europe/Berlin', 2, '2026-03-29', '2026-03-29T01:00:00Z'], // 02:00 does not exist → 03:00 CEST
    ['Europe/Berlin', 0, '2026-03-29', '2026-03-28T23:00:00Z'],
    ['Europe/Berlin', 4, '2026-10-24', '2026-10-24T02:00:00Z'], // 04:00 CEST
    ['Europe/Berlin', 4, '2026-10-25', '2026-10-25T03:00:00Z'], // 04:00 CET
    ['Europe/Berlin', 2, '2026-10-25', '2026-10-25T00:00:00Z'], // 02:00 happens twice → the first
    ['Europe/Berlin', 3, '2026-10-25', '2026-10-25T02:00:00Z'], // 03:00 CET
    ['America/New_York', 4, '2026-03-08', '2026-03-08T08:00:00Z'],
    ['America/New_York', 2, '2026-03-08', '2026-03-08T07:00:00Z'], // gap → 03:00 EDT
    ['America/New_York', 1, '2026-11-01', '2026-11-01T05:00:00Z'], // first 01:00 (EDT)
    ['America/New_York', 4, '2026-11-01', '2026-11-01T09:00:00Z'],
    ['Asia/Kolkata', 4, '2026-06-10', '2026-06-09T22:30:00Z'],
    ['Australia/Lord_Howe', 2, '2026-10-04', '2026-10-03T15:30:00Z'], // gap 02:00–02:30 → 02:30 +11
    ['Australia/Lord_Howe', 2, '2026-04-05', '2026-04-04T15:30:00Z'], // 02:00 +10:30 (after the fall-back)
    ['Australia/Lord_Howe', 1, '2026-04-05', '2026-04-04T14:00:00Z'], // 01:00 +11
    ['Pacific/Chatham', 3, '2026-09-27', '2026-09-26T14:00:00Z'], // gap 02:45–03:45 → 03:45 +13:45
    ['Pacific/Chatham', 3, '2026-04-05', '2026-04-04T13:15:00Z'], // first 03:00 (+13:45)
    ['Pacific/Chatham', 4, '2026-06-10', '2026-06-09T15:15:00Z'],
    ['America/Santiago', 0, '2026-09-06', '2026-09-06T04:00:00Z'], // midnight skipped → 01:00 -03
    ['America/Santiago', 23, '2026-04-04', '2026-04-05T02:00:00Z'], // first 23:00 (-03)
  ])('%s, start %i: %s begins at %s', (zone, hour, dayKey, expected) => {
    expect(dayStartInstant(dayKey, zone, hour).toISOString()).toBe(new Date(expected).toISOString())
  })

  it('uses 04:00 by default', () => {
    expect(dayStartInstant('2026-06-10', 'UTC').toISOString()).toBe('2026-06-10T04:00:00.000Z')
  })

  it.each([
    ['Europe/Berlin', '2026-03-28', 23],
    ['Europe/Berlin', '2026-10-24', 25],
    ['America/New_York', '2026-03-07', 23],
    ['America/New_York', '2026-10-31', 25],
    ['Australia/Lord_Howe', '2026-10-03', 23.5],
    ['Australia/Lord_Howe', '2026-04-04', 24.5],
    ['Asia/Kolkata', '2026-03-28', 24],
  ])('%s: the learner day %s lasts %f hours', (zone, dayKey, hours) => {
    const start = dayStartInstant(dayKey, zone, 4).getTime()
    const end = dayStartInstant(addDays(dayKey, 1), zone, 4).getTime()
    expect((end - start) / 3_600_000).toBe(hours)
  })

  // Every day of 2026 in every zone: the day begins exactly at dayStartInstant, and the second
  // before belongs to the day before. This pins learnerDay and dayStartInstant to each other.
  const zones = [
    'UTC',
    'Europe/Berlin',
    'America/New_York',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'America/Santiago',
  ]
  it.each(zones.flatMap((zone) => [0, 2, 3, 4, 23].map((hour) => [zone, hour] as const)))(
    '%s, start %i: every day of 2026 starts at dayStartInstant',
    (zone, hour) => {
      for (const dayKey of lastNDays('2026-12-31', 365)) {
        const start = dayStartInstant(dayKey, zone, hour)
        expect(learnerDay(start, zone, hour)).toBe(dayKey)
        expect(learnerDay(new Date(start.getTime() - 1000), zone, hour)).toBe(addDays(dayKey, -1))
      }
    },
  )
})

describe('calendar arithmetic on day keys', () => {
  it.each([
    ['2026-06-10', 1, '2026-06-11'],
    ['2026-06-30', 1, '2026-07-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-03-28', 1, '2026-03-29'], // across a DST night: still one day
    ['2026-06-10', 0, '2026-06-10'],
    ['2026-06-10', 365, '2027-06-10'],
    ['2000-02-28', 1, '2000-02-29'],
    ['1900-02-28', 1, '1900-03-01'],
  ])('addDays(%s, %i) = %s', (key, n, expected) => {
    expect(addDays(key, n)).toBe(expected)
    expect(daysBetween(key, expected)).toBe(n)
  })

  it.each([
    ['2026-01-01', '2027-01-01', 365],
    ['2024-01-01', '2025-01-01', 366],
    ['2026-03-28', '2026-03-30', 2],
    ['2026-10-24', '2026-10-26', 2],
    ['2026-06-10', '2026-06-03', -7],
  ])('daysBetween(%s, %s) = %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected)
  })

  it('counts days from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0)
    expect(dayNumber('1969-12-31')).toBe(-1)
    expect(dayNumber('2026-01-01')).toBe(20454)
  })

  it.each([
    ['2026-06-10', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-06-31', false],
    ['2026-6-10', false],
    ['20260610', false],
    ['', false],
  ])('isDayKey(%j) = %s', (value, expected) => {
    expect(isDayKey(value)).toBe(expected)
  })

  it('rejects bad day keys instead of guessing', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError)
    expect(() => daysBetween('2026-06-10', 'tomorrow')).toThrow(RangeError)
    expect(() => monthKey('2026-6-1')).toThrow(RangeError)
    expect(() => addDays('2026-06-10', 0.5)).toThrow(RangeError)
  })

  it.each([
    ['2026-06-08', 1, '2026-06-08'], // Monday
    ['2026-06-14', 7, '2026-06-08'], // Sunday
    ['2026-01-01', 4, '2025-12-29'], // Thursday
    ['2027-01-01', 5, '2026-12-28'],
  ])('%s is ISO weekday %i, its week starts %s', (key, weekday, monday) => {
    expect(isoWeekday(key)).toBe(weekday)
    expect(startOfWeek(key, 1)).toBe(monday)
    expect(startOfWeek(key)).toBe(monday) // Monday is the default
  })

  it.each([
    ['2026-12-06', 7, '2026-12-06'], // a Sunday, weeks from Sunday
    ['2026-12-12', 7, '2026-12-06'], // the Saturday after
    ['2026-12-05', 6, '2026-12-05'], // a Saturday, weeks from Saturday
    ['2026-12-11', 6, '2026-12-05'], // the Friday after
    ['2027-01-01', 7, '2026-12-27'], // across New Year
  ] as const)('%s: a week starting on ISO weekday %i begins %s', (key, weekStartsOn, first) => {
    expect(startOfWeek(key, weekStartsOn)).toBe(first)
  })

  it.each([
    ['2026-06-10', '2026-W24'],
    ['2026-01-01', '2026-W01'], // Thursday: week 1 of 2026
    ['2025-12-29', '2026-W01'], // Monday of that week belongs to 2026
    ['2025-12-28', '2025-W52'],
    ['2026-12-31', '2026-W53'], // 2026 has 53 weeks
    ['2027-01-01', '2026-W53'], // Friday: still 2026's last week
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'], // Monday: already 2025's first week
    ['2024-12-29', '2024-W52'],
  ])('isoWeekKey(%s) = %s', (key, expected) => {
    expect(isoWeekKey(key)).toBe(expected)
  })

  it.each([
    ['2026-06-10', '2026-06', '2026-06-01'],
    ['2026-12-31', '2026-12', '2026-12-01'],
    ['2027-01-01', '2027-01', '2027-01-01'],
  ])('monthKey(%s) = %s, startOfMonth = %s', (key, month, first) => {
    expect(monthKey(key)).toBe(month)
    expect(startOfMonth(key)).toBe(first)
  })

  it.each([
    ['2026-06-10', 0, []],
    ['2026-06-10', 1, ['2026-06-10']],
    ['2026-03-01', 3, ['2026-02-27', '2026-02-28', '2026-03-01']],
    ['2027-01-01', 2, ['2026-12-31', '2027-01-01']],
  ])('lastNDays(%s, %i) = %j', (key, n, expected) => {
    expect(lastNDays(key, n)).toEqual(expected)
  })

  it('lastNDays(…, 30) spans 30 calendar days oldest first', () => {
    const days = lastNDays('2026-03-30', 30)
    expect(days).toHaveLength(30)
    expect(days[0]).toBe('2026-03-01')
    expect(days.at(-1)).toBe('2026-03-30')
  })
})

describe('formatUtc', () => {
  it('reads an ISO instant as date, time to the second, and UTC', () => {
    expect(formatUtc('2026-01-02T03:04:05.678Z')).toBe('2026-01-02 03:04:05 UTC')
    expect(formatUtc(new Date(Date.UTC(2025, 11, 31, 23, 59, 59, 999)).toISOString())).toBe('2025-12-31 23:59:59 UTC')
  })
})

describe('dates as pages show them', () => {
  it.each([
    // instant, viewer's zone, the day shown
    ['2026-01-02T03:04:05Z', 'UTC', '2 Jan 2026'],
    ['2026-01-02T23:30:00Z', 'Europe/Berlin', '3 Jan 2026'],
    ['2026-01-02T03:04:05Z', 'America/Los_Angeles', '1 Jan 2026'],
    ['2025-12-31T23:59:59.999Z', 'UTC', '31 Dec 2025'],
    ['2024-02-29T12:00:00Z', 'Asia/Tokyo', '29 Feb 2024'],
  ])('formatDay(%s, %s) = %s', (iso, zone, text) => {
    expect(formatDay(iso, zone)).toBe(text)
  })

  it.each([
    [new Date('2026-01-02T03:04:05Z'), 'UTC', '2 Jan 2026, 03:04 UTC'],
    [new Date('2026-01-02T03:04:05Z'), 'Europe/Berlin', '2 Jan 2026, 04:04 CET'],
    [new Date('2026-07-02T03:04:05Z'), 'Europe/Berlin', '2 Jul 2026, 05:04 CEST'],
    [new Date('2026-01-02T23:59:00Z'), 'Asia/Kolkata', '3 Jan 2026, 05:29 GMT+5:30'],
  ])('formatDayAndTime(%s, %s) = %s', (instant, zone, text) => {
    expect(formatDayAndTime(instant, zone)).toBe(text)
  })

  it('keeps one formatter per zone without mixing zones up', () => {
    const instant = new Date('2026-01-02T23:30:00Z')
    expect([
      formatDay(instant.toISOString(), 'UTC'),
      formatDay(instant.toISOString(), 'Asia/Tokyo'),
      formatDay(instant.toISOString(), 'UTC'),
    ]).toEqual(['2 Jan 2026', '3 Jan 2026', '2 Jan 2026'])
    expect(() => formatDay(instant.toISOString(), 'Not/AZone')).toThrow(RangeError)
  })

  it.each([
    ['2026-03-06', 'Fri 6 Mar'],
    ['2026-12-31', 'Thu 31 Dec'],
    ['2027-01-01', 'Fri 1 Jan'],
    ['2024-02-29', 'Thu 29 Feb'],
  ])('weekdayDayLabel(%s) = %s', (key, label) => {
    expect(weekdayDayLabel(key)).toBe(label)
  })

  it('refuses a weekday label for what is not a day key', () => {
    expect(() => weekdayDayLabel('2026-02-30')).toThrow(RangeError)
  })

  it.each([
    ['2026-03-03', '3 Mar'],
    ['2026-12-31', '31 Dec'],
    ['2027-01-01', '1 Jan'],
  ])('shortDayLabel(%s) = %s', (key, label) => {
    expect(shortDayLabel(key)).toBe(label)
  })

  it('writes an instant in the long UTC form', () => {
    expect(formatUtcLong('2026-01-02T03:04:05.678Z')).toBe('Fri, 02 Jan 2026 03:04:05 GMT')
  })
})
