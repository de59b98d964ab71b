import type { InStatement } from '@libsql/client'
import type { DeletedAccount } from '~/utils/user-data'

/**
 * Quests' part of "Delete my account" (its tables exist; its code does not yet): the user's
 * private quests (steps, tags and dependencies cascade), categories and tags. A quest of a
 * team stays with the team.
 */
export function userDataStatements(userId: string, _account: DeletedAccount): InStatement[] {
  return [
    { sql: `DELETE FROM "Quest" WHERE "userId" = ? AND "teamId" IS NULL`, args: [userId] },
    { sql: `DELETE FROM "QuestCategory" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "Tag" WHERE "userId" = ?`, args: [userId] },
  ]
}
