import type { InStatement } from '@libsql/client'
import { toDbTimestamp, writeBatch } from '~/utils/db.server'
import type { ActivityContext } from '~/utils/activity.server'
import { ulid } from '~/utils/ulid.server'

/**
 * The behaviour log (seed 003's user_behavior_logs): what a learner did, where and on what kind
 * of device. Rows are appended inside the write batch of the action they describe, so a log row
 * exists exactly when the action happened. Kept for twelve months (`deleteOldBehaviorLogs`).
 */
export type BehaviorAction =
  | 'auth.signed_in'
  | 'task.answered'
  | 'review.answered'
  | 'quest.created'
  | 'quest.started'
  | 'quest.completed'
  | 'quest.reopened'
  | 'quest.archived'
  | 'achievement.unlocked'

export const BEHAVIOR_LOG_RETENTION_MONTHS = 12
const DELETE_CHUNK = 2000

export function behaviorLogStatement(input: {
  userId: string
  actionType: BehaviorAction
  actionData?: Record<string, unknown>
  context?: ActivityContext | null
  now: Date
}): InStatement {
  const context = input.context ?? null
  return {
    sql: `INSERT INTO "UserBehaviorLog" ("id", "userId", "actionType", "actionData", "contextData", "sessionId", "deviceInfo", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      ulid(),
      input.userId,
      input.actionType,
      input.actionData ? JSON.stringify(input.actionData) : null,
      context ? JSON.stringify({ path: context.path }) : null,
      context?.sessionId ?? null,
      context ? JSON.stringify({ device: context.device }) : null,
      toDbTimestamp(input.now),
    ],
  }
}

/** Appends one row on its own, for actions that have no batch of their own (signing in). */
export async function logBehavior(input: Parameters<typeof behaviorLogStatement>[0]): Promise<void> {
  await writeBatch([behaviorLogStatement(input)])
}

/**
 * Deletes rows older than the retention window in chunks, so no statement holds the write
 * lock for long while learners are answering. Returns the number of rows removed.
 */
export async function deleteOldBehaviorLogs(now: Date): Promise<number> {
  const cutoff = new Date(now)
  cutoff.setUTCMonth(cutoff.getUTCMonth() - BEHAVIOR_LOG_RETENTION_MONTHS)
  let removed = 0
  for (;;) {
    const [result] = await writeBatch([
      {
        sql: `DELETE FROM "UserBehaviorLog" WHERE "id" IN (SELECT "id" FROM "UserBehaviorLog" WHERE "createdAt" < ? LIMIT ${DELETE_CHUNK})`,
        args: [toDbTimestamp(cutoff)],
      },
    ])
    const count = result?.rowsAffected ?? 0
    removed += count
    if (count < DELETE_CHUNK) return removed
  }
}
