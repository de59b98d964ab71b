import { describe, expect, it } from 'vitest'
import { inSeason, isMonthDay, seasonProblem } from './season-rules'

describe('seasonal windows', () => {
  it.each<[string, string, string, boolean]>([
    // a yearly window inside one year
    ['2026-11-30', '12-01', '12-31', false],
    ['2026-12-01', '12-01', '12-31', true],
    ['2026-12-31', '12-01', '12-31', true],
    ['2027-01-01', '12-01', '12-31', false],
    ['2031-12-15', '12-01', '12-31', true],
    // a yearly window crossing New Year
    ['2026-12-19', '12-20', '01-06', false],
    ['2026-12-20', '12-20', '01-06', true],
    ['2026-12-31', '12-20', '01-06', true],
    ['2027-01-01', '12-20', '01-06', true],
    ['2027-01-06', '12-20', '01-06', true],
    ['2027-01-07', '12-20', '01-06', false],
    ['2027-06-15', '12-20', '01-06', false],
    // one day a year, and a leap day inside a window
    ['2027-03-14', '03-14', '03-14', true],
    ['2027-03-15', '03-14', '03-14', false],
    ['2028-02-29', '02-28', '03-01', true],
    // once-only windows
    ['2027-02-28', '2027-03-01', '2027-03-07', false],
    ['2027-03-01', '2027-03-01', '2027-03-07', true],
    ['2027-03-07', '2027-03-01', '2027-03-07', true],
    ['2027-03-08', '2027-03-01', '2027-03-07', false],
    ['2028-03-03', '2027-03-01', '2027-03-07', false],
    // once-only across New Year
    ['2026-12-31', '2026-12-28', '2027-01-03', true],
    ['2027-01-03', '2026-12-28', '2027-01-03', true],
    ['2027-12-31', '2026-12-28', '2027-01-03', false],
  ])('%s in %s … %s: %s', (today, start, end, expected) => {
    expect(inSeason(today, start, end)).toBe(expected)
  })

  it.each<[string, string, string | null]>([
    ['12-01', '12-31', null],
    ['12-20', '01-06', null],
    ['02-29', '02-29', null],
    ['2027-03-01', '2027-03-07', null],
    ['2027-03-07', '2027-03-07', null],
    ['2027-03-07', '2027-03-01', 'end must not be before start'],
    ['12-01', '2027-03-01', 'start and end must both be "MM-DD" (every year) or both "YYYY-MM-DD" (once)'],
    ['13-01', '12-31', 'start and end must both be "MM-DD" (every year) or both "YYYY-MM-DD" (once)'],
    ['04-31', '05-01', 'start and end must both be "MM-DD" (every year) or both "YYYY-MM-DD" (once)'],
    ['2027-02-30', '2027-03-01', 'start and end must both be "MM-DD" (every year) or both "YYYY-MM-DD" (once)'],
    ['Dec 1', 'Dec 31', 'start and end must both be "MM-DD" (every year) or both "YYYY-MM-DD" (once)'],
  ])('bounds %s … %s: %s', (start, end, problem) => {
    expect(seasonProblem(start, end)).toBe(problem)
  })

  it('isMonthDay knows the length of each month', () => {
    expect(['01-31', '02-29', '04-30', '12-31'].every(isMonthDay)).toBe(true)
    expect(['00-10', '02-30', '06-31', '1-01', '2027-01-01'].some(isMonthDay)).toBe(false)
  })
})
