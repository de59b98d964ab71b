import type { InStatement } from '@libsql/client'
import { toDbTimestamp, writeBatch } from '~/utils/db.server'
import { deleteInChunks, monthsBefore } from './retention.server'
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
  /** a page of note opened (the trophy case): what learners come back to look at */
  | 'page.viewed'

export const BEHAVIOR_LOG_RETENTION_MONTHS = 12

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

/** Deletes rows older than the retention window in chunks; returns the number of rows removed. */
export function deleteOldBehaviorLogs(now: Date): Promise<number> {
  const cutoff = monthsBefore(now, BEHAVIOR_LOG_RETENTION_MONTHS)
  return deleteInChunks((limit) => ({
    sql: `DELETE FROM "UserBehaviorLog" WHERE "id" IN (SELECT "id" FROM "UserBehaviorLog" WHERE "createdAt" < ? LIMIT ${limit})`,
    args: [cutoff],
  }))
}
