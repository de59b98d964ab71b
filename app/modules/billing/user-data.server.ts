import type { InStatement } from '@libsql/client'
import { toDbTimestamp } from '~/utils/db.server'
import type { DeletedAccount } from '~/utils/user-data'

/**
 * Billing's part of "Delete my account": the AI calls stay for cost reports and team
 * statistics, without what the user typed or was answered. Subscriptions stay untouched:
 * they are financial history (Subscription.userId is SetNull).
 */
export function userDataStatements(userId: string, { now }: DeletedAccount): InStatement[] {
  return [
    {
      sql: `UPDATE "AIUsage" SET "prompt" = '', "response" = NULL, "errorMessage" = NULL, "updatedAt" = ? WHERE "userId" = ?`,
      args: [toDbTimestamp(now), userId],
    },
  ]
}
