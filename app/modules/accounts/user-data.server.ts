import type { InStatement } from '@libsql/client'
import { toDbTimestamp } from '~/utils/db.server'
import type { DeletedAccount } from '~/utils/user-data'
import { deletedEmail } from './privacy.server'

/**
 * Accounts' part of "Delete my account": sign-in goes (password, linked GitHub/Google
 * accounts, every session, every pending link), and the User row stays, anonymised as seed 002 describes — other people's
 * leaderboards, challenges and team history point at it. Last in the batch: every other
 * module's rows point at this one.
 */
export function userDataStatements(userId: string, { email, now }: DeletedAccount): InStatement[] {
  const at = toDbTimestamp(now)
  return [
    { sql: `DELETE FROM "Password" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "Session" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "Account" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "Verification" WHERE "userId" = ? OR "target" = ?`, args: [userId, email] },
    {
      sql: `UPDATE "User" SET "email" = ?, "name" = 'Deleted User', "username" = NULL, "imageUrl" = NULL, "emailVerifiedAt" = NULL,
              "anonymizedAt" = ?, "activeTeamId" = NULL, "lastLoginAt" = NULL, "updatedAt" = ? WHERE "id" = ?`,
      args: [deletedEmail(userId), at, at, userId],
    },
  ]
}
