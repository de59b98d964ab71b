import { deleteInChunks, monthsBefore } from '~/modules/system/retention.server'

/**
 * The quests module's share of the retention policies (app/modules/retention-policies.server.ts).
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
