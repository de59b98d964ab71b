import { EVERY_HOUR, type ScheduledJob } from '~/modules/system/scheduled-jobs.server'
import { deleteInChunks, monthsBefore } from '~/modules/system/retention.server'

/**
 * The quests module's scheduled jobs (listed in app/modules/scheduled-jobs.server.ts).
 * Quest analytics are kept for QUEST_ANALYTICS_RETENTION_MONTHS after they were first
 * recorded (QuestAnalytics.createdAt), then deleted in chunks (system's deleteInChunks).
 */
export const QUEST_ANALYTICS_RETENTION_MONTHS = 24

/** Deletes analytics rows older than the retention window; returns how many. */
export function deleteOldQuestAnalytics(now: Date): Promise<number> {
  const cutoff = monthsBefore(now, QUEST_ANALYTICS_RETENTION_MONTHS)
  return deleteInChunks((limit) => ({
    sql: `DELETE FROM "QuestAnalytics" WHERE "id" IN (SELECT "id" FROM "QuestAnalytics" WHERE "createdAt" < ? LIMIT ${limit})`,
    args: [cutoff],
  }))
}

export const QUEST_JOBS: readonly ScheduledJob[] = [
  { name: 'retention:quest-analytics', everyMs: EVERY_HOUR, exclusive: true, run: deleteOldQuestAnalytics },
]
