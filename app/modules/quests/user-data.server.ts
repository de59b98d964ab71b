import type { InStatement } from '@libsql/client'
import type { DeletedAccount } from '~/utils/user-data'

/**
 * Quests' part of "Delete my account": the user's analytics and ratings, their private quests
 * (steps, tags and dependencies cascade), categories and tags. A quest of a team stays with
 * the team (its analytics do not).
 */
export function userDataStatements(userId: string, _account: DeletedAccount): InStatement[] {
  return [
    { sql: `DELETE FROM "QuestAnalytics" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "Quest" WHERE "userId" = ? AND "teamId" IS NULL`, args: [userId] },
    { sql: `DELETE FROM "QuestCategory" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "Tag" WHERE "userId" = ?`, args: [userId] },
  ]
}
