import type { InStatement } from '@libsql/client'
import type { DeletedAccount } from '~/utils/user-data'

/**
 * System's part of "Delete my account": the behaviour log and the user's own settings go;
 * the audit log stays (it is the record of what happened, the deletion included), with the
 * address removed from the failed logins that name it.
 */
export function userDataStatements(userId: string, { email }: DeletedAccount): InStatement[] {
  return [
    { sql: `DELETE FROM "UserBehaviorLog" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "SystemSetting" WHERE "scope" = 'learner' AND "scopeId" = ?`, args: [userId] },
    {
      sql: `UPDATE "AuditLog" SET "metadata" = json_remove("metadata", '$.email') WHERE json_valid("metadata") AND json_extract("metadata", '$.email') = ?`,
      args: [email],
    },
  ]
}
