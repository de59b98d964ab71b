import type { InStatement } from '@libsql/client'
import type { DeletedAccount } from '~/utils/user-data'

/**
 * Learning's part of "Delete my account": the learner's profile, evidence and review
 * schedule go; what team statistics and the XP totals are built from stays (topic XP,
 * the ledger, streaks, masteries, and the attempts without what the user typed).
 * ReviewLog before ReviewCard, which it points at.
 */
export function userDataStatements(userId: string, _account: DeletedAccount): InStatement[] {
  return [
    { sql: `DELETE FROM "LearnerProfile" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "Progress" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "ReviewLog" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "ReviewCard" WHERE "userId" = ?`, args: [userId] },
    { sql: `UPDATE "UserTaskAttempt" SET "answer" = NULL WHERE "userId" = ?`, args: [userId] },
  ]
}
