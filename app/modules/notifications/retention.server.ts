import { deleteInChunks, monthsBefore } from '~/modules/system/retention.server'

/** Notifications are kept this long after they were made (seed 003), then deleted in chunks. */
export const NOTIFICATION_RETENTION_MONTHS = 6

/** Deletes notifications older than the retention window; returns how many (app/modules/retention-policies.server.ts). */
export function deleteOldNotifications(now: Date): Promise<number> {
  const cutoff = monthsBefore(now, NOTIFICATION_RETENTION_MONTHS)
  return deleteInChunks((limit) => ({
    sql: `DELETE FROM "Notification" WHERE "id" IN (SELECT "id" FROM "Notification" WHERE "createdAt" < ? LIMIT ${limit})`,
    args: [cutoff],
  }))
}
