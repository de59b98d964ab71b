import { EVERY_HOUR, type ScheduledJob } from '~/modules/system/scheduled-jobs.server'
import { databaseReady, toDbTimestamp } from '~/utils/db.server'
import { evaluateAchievements } from './evaluate.server'

/**
 * The achievements module's scheduled jobs (listed in app/modules/scheduled-jobs.server.ts, after
 * the challenges' finalisation). A final challenge rank comes from a job, not from the learner's
 * own action, so the learners whose standings were frozen lately are evaluated here; evaluation
 * is exactly-once, so meeting one twice in the look-back window unlocks nothing twice.
 */
const LOOK_BACK_MS = 2 * EVERY_HOUR
const AT_MOST_PER_RUN = 2000

/** Evaluates the learners whose final standing was written in the last two hours; returns how many. */
export async function evaluateChallengeFinishers(now: Date): Promise<number> {
  const db = await databaseReady()
  const { rows } = await db.execute({
    // Reads challenges' LeaderboardEntry (a read, ADR 0009).
    sql: `SELECT DISTINCT "userId" FROM "LeaderboardEntry" WHERE "isFinal" = 1 AND "updatedAt" >= ? LIMIT ${AT_MOST_PER_RUN}`,
    args: [toDbTimestamp(new Date(now.getTime() - LOOK_BACK_MS))],
  })
  for (const row of rows) await evaluateAchievements(String(row.userId), now)
  return rows.length
}

export const ACHIEVEMENT_JOBS: readonly ScheduledJob[] = [
  { name: 'achievements:challenge-ranks', everyMs: EVERY_HOUR, exclusive: true, run: evaluateChallengeFinishers },
]
