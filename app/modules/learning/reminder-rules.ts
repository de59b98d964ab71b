/**
 * When the learning reminders fall due (docs/notifications-events.md, "Events"): "reviews due" once
 * a learner's local clock has passed REVIEWS_DUE_HOUR on their learner day, "streak at risk" once
 * it has passed STREAK_AT_RISK_HOUR and practising tomorrow would no longer continue the streak.
 * Pure: the job (reminders.server.ts) reads the rows and sends what these say.
 */
import { addDays, dayStartInstant, learnerDay } from '~/utils/time'
import { MAX_FREEZES_HELD, type StreakState, streakStatusAsOf } from './streak-rules'

export const REVIEWS_DUE_HOUR = 9
export const STREAK_AT_RISK_HOUR = 18

export interface Clock {
  timeZone: string
  dayStartHour: number
}

/**
 * The instant the wall clock first shows `hour`:00 inside the learner day `dayKey`: on the day's
 * own date, or on the next date when the day starts later than `hour` (a day starting at 20:00
 * meets 18:00 the next evening, still before it ends).
 */
export function reminderInstant(dayKey: string, clock: Clock, hour: number): Date {
  const date = hour >= clock.dayStartHour ? dayKey : addDays(dayKey, 1)
  return dayStartInstant(date, clock.timeZone, hour)
}

/** The learner day `now` falls in when its `hour` has passed, else null. */
export function reminderDay(now: Date, clock: Clock, hour: number): string | null {
  const today = learnerDay(now, clock.timeZone, clock.dayStartHour)
  return now >= reminderInstant(today, clock, hour) ? today : null
}

/** The end of the learner day `dayKey`: a reminder for it is stale afterwards. */
export function dayEnd(dayKey: string, clock: Clock): Date {
  return dayStartInstant(addDays(dayKey, 1), clock.timeZone, clock.dayStartHour)
}

/**
 * A daily streak is at risk on `todayKey` when it is alive, today does not count yet, and missing
 * today would end it: the held freezes could not cover today as well (a day a freeze would keep is
 * not at risk — streak-rules.ts consumes one for it at the next qualifying day).
 */
export function streakAtRisk(state: StreakState, todayKey: string): boolean {
  const today = streakStatusAsOf(state, todayKey, 'daily')
  if (!today.alive || today.doneThisPeriod || today.count < 1) return false
  return !streakStatusAsOf(state, addDays(todayKey, 1), 'daily').alive
}

/**
 * The lastActivityDate keys a streak at risk can have at `now`, whatever the learner's zone and
 * day-start hour, for the job's indexed read: [from, to). A learner's today lies between the UTC
 * date − 2 (UTC−12 with a day starting at 23:00) and + 1 (UTC+14); an alive streak's last day is at
 * most MAX_FREEZES_HELD + 1 days before today, and a streak not done today has it before today.
 */
export function streakCandidateRange(now: Date): { from: string; to: string } {
  const utcDay = learnerDay(now, 'UTC', 0)
  return { from: addDays(utcDay, -2 - 1 - MAX_FREEZES_HELD), to: addDays(utcDay, 1) }
}

export const reviewsDueTitle = (count: number) => (count === 1 ? '1 review is due' : `${count} reviews are due`)
