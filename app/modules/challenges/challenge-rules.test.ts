import { describe, expect, it } from 'vitest'
import {
  challengeStatus,
  durationLabel,
  insideWindow,
  instantToLocalDateTime,
  localDateTimeToInstant,
  windowProblem,
} from './challenge-rules'

const at = (iso: string) => new Date(iso)

describe('challenge windows', () => {
  it.each([
    { local: '2026-03-02T09:00', zone: 'Europe/Berlin', utc: '2026-03-02T08:00:00.000Z' },
    { local: '2026-07-02T09:30', zone: 'Europe/Berlin', utc: '2026-07-02T07:30:00.000Z' },
    { local: '2026-03-08T12:00', zone: 'America/New_York', utc: '2026-03-08T16:00:00.000Z' },
    // the spring-forward gap (02:00–03:00 does not exist in New York on 8 March 2026): the first instant after it
    { local: '2026-03-08T02:30', zone: 'America/New_York', utc: '2026-03-08T07:30:00.000Z' },
    // the repeated hour of 1 November 2026: the first of the two
    { local: '2026-11-01T01:30', zone: 'America/New_York', utc: '2026-11-01T05:30:00.000Z' },
    { local: '2026-01-01T00:00', zone: 'UTC', utc: '2026-01-01T00:00:00.000Z' },
  ])('$local in $zone is $utc', ({ local, zone, utc }) => {
    expect(localDateTimeToInstant(local, zone).toISOString()).toBe(utc)
  })

  it('shows an instant as a local date-time of the zone', () => {
    expect(instantToLocalDateTime(at('2026-03-02T08:00:00Z'), 'Europe/Berlin')).toBe('2026-03-02T09:00')
    expect(instantToLocalDateTime(at('2026-03-02T00:00:00Z'), 'America/New_York')).toBe('2026-03-01T19:00')
  })

  const window = { startDate: at('2026-03-02T08:00:00Z'), endDate: at('2026-03-09T08:00:00Z') }
  it.each([
    { now: '2026-03-02T07:59:59Z', status: 'upcoming', inside: false },
    { now: '2026-03-02T08:00:00Z', status: 'running', inside: true },
    { now: '2026-03-09T07:59:59Z', status: 'running', inside: true },
    // the end is exclusive
    { now: '2026-03-09T08:00:00Z', status: 'ended', inside: false },
  ])('at $now: $status', ({ now, status, inside }) => {
    expect(challengeStatus(window, at(now))).toBe(status)
    expect(insideWindow(window, at(now))).toBe(inside)
  })

  it('is ended once finalised, whatever the clock says', () => {
    expect(challengeStatus({ ...window, finalizedAt: at('2026-03-09T08:00:00Z') }, at('2026-03-05T00:00:00Z'))).toBe(
      'ended',
    )
  })

  it.each([
    { start: '2026-03-02T08:00:00Z', end: '2026-03-02T08:00:00Z', problem: 'The end must come after the start.' },
    { start: '2026-02-01T08:00:00Z', end: '2026-02-02T08:00:00Z', problem: 'The end must be in the future.' },
    { start: '2026-03-02T08:00:00Z', end: '2026-07-02T08:00:00Z', problem: 'A challenge lasts at most 92 days.' },
    { start: '2026-02-01T08:00:00Z', end: '2026-03-09T08:00:00Z', problem: null },
  ])('window $start – $end: $problem', ({ start, end, problem }) => {
    expect(windowProblem({ startDate: at(start), endDate: at(end) }, at('2026-03-01T00:00:00Z'))).toBe(problem)
  })

  it.each([
    { ms: 30_000, label: 'under a minute' },
    { ms: 5 * 60_000, label: '5 minutes' },
    { ms: 60 * 60_000, label: '1 hour' },
    { ms: 2 * 3_600_000 + 10 * 60_000, label: '2 hours 10 minutes' },
    { ms: 3 * 86_400_000 + 4 * 3_600_000 + 59 * 60_000, label: '3 days 4 hours' },
    { ms: 86_400_000, label: '1 day' },
  ])('time left $ms ms: $label', ({ ms, label }) => {
    const now = at('2026-03-01T00:00:00Z')
    expect(durationLabel(now, new Date(now.getTime() + ms))).toBe(label)
  })
})
