import { deleteInChunks, monthsBefore } from '~/modules/system/retention.server'
import { toDbTimestamp } from '~/utils/db.server'

/** AI suggestions are kept this long after they were made (seed 003), or until their own expiry if sooner. */
export const AI_SUGGESTION_RETENTION_MONTHS = 3

/** Deletes suggestions past the retention window or past their expiresAt; returns how many (app/modules/retention-policies.server.ts). */
export function deleteExpiredAISuggestions(now: Date): Promise<number> {
  const cutoff = monthsBefore(now, AI_SUGGESTION_RETENTION_MONTHS)
  const at = toDbTimestamp(now)
  return deleteInChunks((limit) => ({
    sql: `DELETE FROM "AISuggestion" WHERE "id" IN (SELECT "id" FROM "AISuggestion" WHERE "createdAt" < ? OR "expiresAt" <= ? LIMIT ${limit})`,
    args: [cutoff, at],
  }))
}
