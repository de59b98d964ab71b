import type { InStatement } from '@libsql/client'
import { toDbTimestamp } from '~/utils/db.server'
import type { DeletedAccount } from '~/utils/user-data'

/**
 * The teams the user owns, by Team.ownerId or by an owner membership: the same teams that
 * `ownerStillAloneGuard` (accounts, first statement of the deletion batch) and
 * `teamsBlockingDeletion` look at. The guard has made sure that none of them has another
 * member, so each is a team only this user belonged to.
 */
const OWNED_TEAM_IDS = `SELECT t."id" FROM "Team" t
  WHERE t."ownerId" = ? OR EXISTS (SELECT 1 FROM "TeamMember" o WHERE o."teamId" = t."id" AND o."userId" = ? AND o."role" = 'owner')`

/**
 * Teams' part of "Delete my account": the teams only this user belonged to are archived
 * (and Team.ownerId, which is Restrict, cleared) with their pending invitations revoked;
 * the user's memberships go. Certificates stay: they belong to their holders.
 * Invitations first: archiving clears the ownerId that finds the teams.
 */
export function userDataStatements(userId: string, { now }: DeletedAccount): InStatement[] {
  const at = toDbTimestamp(now)
  return [
    {
      sql: `UPDATE "TeamInvite" SET "revokedAt" = ?, "updatedAt" = ?
            WHERE "teamId" IN (${OWNED_TEAM_IDS}) AND "acceptedAt" IS NULL AND "declinedAt" IS NULL AND "revokedAt" IS NULL`,
      args: [at, at, userId, userId],
    },
    {
      sql: `UPDATE "Team" SET "archivedAt" = COALESCE("archivedAt", ?), "ownerId" = NULL, "updatedAt" = ? WHERE "id" IN (${OWNED_TEAM_IDS})`,
      args: [at, at, userId, userId],
    },
    // No trigger fires on DELETE: removing the owner row of an archived, otherwise empty team is allowed.
    { sql: `DELETE FROM "TeamMember" WHERE "userId" = ?`, args: [userId] },
  ]
}
