import type { NotificationEvent } from '~/modules/notifications/notify.server'
import { notify } from '~/modules/notifications/notify.server'
import { unrecordedEvents } from '~/modules/notifications/recorded.server'
import { databaseReady, toDbTimestamp } from '~/utils/db.server'
import { log } from '~/utils/log.server'
import {
  type Clock,
  REVIEWS_DUE_HOUR,
  STREAK_AT_RISK_HOUR,
  dayEnd,
  reminderDay,
  reviewsDueTitle,
  streakAtRisk,
  streakCandidateRange,
} from './reminder-rules'
import { dueReviewCount } from './reviews.server'

/**
 * The learning reminders (docs/notifications-events.md, "Events"), sent by learning's scheduled
 * jobs (jobs.server.ts): one `review_due` per learner day to a learner with cards due once their
 * local clock passed REVIEWS_DUE_HOUR, one `streak_at_risk` per learner day once it passed
 * STREAK_AT_RISK_HOUR (reminder-rules.ts). Learners are read in keyset batches; per batch one
 * read says which reminders were recorded already, so a run every 15 minutes writes only the new
 * ones. Reads User (zone, day start; anonymised accounts are left out) — accounts' columns.
 */

export const REMINDER_BATCH = 500

type Candidate = { userId: string; eventKey: string; day: string; clock: Clock }

const clockOf = (row: Record<string, unknown>): Clock => ({
  timeZone: String(row.timezone),
  dayStartHour: Number(row.dayStartHour),
})

/** `reminderDay`, or null for a zone this runtime does not know (the learner is left alone, not the batch). */
function dayOrNull(now: Date, clock: Clock, hour: number, userId: string): string | null {
  try {
    return reminderDay(now, clock, hour)
  } catch (error) {
    log.warn('reminder skipped: unusable clock', { userId, ...clock, error: String(error) })
    return null
  }
}

/** Records today's "reviews due" for every learner whose reminder hour passed and who has cards due; returns how many. */
export async function sendReviewsDueReminders(now: Date, batch = REMINDER_BATCH): Promise<number> {
  const db = await databaseReady()
  const at = toDbTimestamp(now)
  let after = ''
  let sent = 0
  for (;;) {
    const { rows } = await db.execute({
      sql: `SELECT u."id", u."timezone", u."dayStartHour" FROM "User" u
            WHERE u."id" > ? AND u."anonymizedAt" IS NULL
              AND EXISTS (SELECT 1 FROM "ReviewCard" c WHERE c."userId" = u."id" AND c."due" <= ?)
            ORDER BY u."id" LIMIT ?`,
      args: [after, at, batch],
    })
    if (rows.length === 0) break
    after = String(rows[rows.length - 1]!.id)
    const candidates = rows.flatMap((row): Candidate[] => {
      const userId = String(row.id)
      const clock = clockOf(row)
      const day = dayOrNull(now, clock, REVIEWS_DUE_HOUR, userId)
      return day ? [{ userId, day, clock, eventKey: `reviews-due:${day}` }] : []
    })
    const events: NotificationEvent[] = []
    for (const c of await unrecordedEvents(candidates)) {
      // Cards of retired tasks or topics are not in the queue: counted as the review page counts them.
      const count = await dueReviewCount(c.userId, now)
      if (count === 0) continue
      events.push({
        userId: c.userId,
        type: 'review_due',
        eventKey: c.eventKey,
        title: reviewsDueTitle(count),
        message: 'A few minutes of review today keeps what you learned.',
        link: '/reviews',
        data: { count, day: c.day },
        expiresAt: dayEnd(c.day, c.clock),
      })
    }
    await notify(events, now)
    sent += events.length
    if (rows.length < batch) break
  }
  return sent
}

/** Records today's "streak at risk" for every daily streak at risk whose reminder hour passed; returns how many. */
export async function sendStreakAtRiskReminders(now: Date, batch = REMINDER_BATCH): Promise<number> {
  const db = await databaseReady()
  const range = streakCandidateRange(now)
  let after = { date: '', id: '' }
  let sent = 0
  for (;;) {
    // Keyset on (lastActivityDate, id): the index on (isActive, lastActivityDate) serves the range.
    const { rows } = await db.execute({
      sql: `SELECT s."id", s."userId", s."currentCount", s."longestCount", s."startDate", s."lastActivityDate",
                   s."freezesHeld", u."timezone", u."dayStartHour"
            FROM "Streak" s JOIN "User" u ON u."id" = s."userId"
            WHERE s."isActive" = 1 AND s."lastActivityDate" >= ? AND s."lastActivityDate" < ?
              AND (s."lastActivityDate", s."id") > (?, ?)
              AND s."type" = 'daily' AND s."currentCount" >= 1 AND u."anonymizedAt" IS NULL
            ORDER BY s."lastActivityDate", s."id" LIMIT ?`,
      args: [range.from, range.to, after.date, after.id, batch],
    })
    if (rows.length === 0) break
    const last = rows[rows.length - 1]!
    after = { date: String(last.lastActivityDate), id: String(last.id) }
    const candidates = rows.flatMap((row): (Candidate & { count: number })[] => {
      const userId = String(row.userId)
      const clock = clockOf(row)
      const day = dayOrNull(now, clock, STREAK_AT_RISK_HOUR, userId)
      const state = {
        currentCount: Number(row.currentCount),
        longestCount: Number(row.longestCount),
        startDate: String(row.startDate),
        lastActivityDate: String(row.lastActivityDate),
        freezesHeld: Number(row.freezesHeld),
        isActive: true,
      }
      if (!day || !streakAtRisk(state, day)) return []
      return [{ userId, day, clock, eventKey: `streak-at-risk:${day}`, count: state.currentCount }]
    })
    const events = (await unrecordedEvents(candidates)).map((c): NotificationEvent => ({
      userId: c.userId,
      type: 'streak_at_risk',
      eventKey: c.eventKey,
      title: `Your ${c.count}-day streak is at risk`,
      message: 'Reach your daily goal before your day ends to keep it going.',
      link: '/learn',
      data: { streak: c.count, day: c.day },
      expiresAt: dayEnd(c.day, c.clock),
    }))
    await notify(events, now)
    sent += events.length
    if (rows.length < batch) break
  }
  return sent
}
