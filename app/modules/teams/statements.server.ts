import type { InStatement } from '@libsql/client'
import { toDbTimestamp } from '~/utils/db.server'

/**
 * Writes to the teams module's tables (Team, TeamMember, …) that other modules put
 * into their own atomic write batches (docs/decisions/0009-module-ownership.md).
 * Each builder returns one statement; the caller runs it inside its `writeBatch`.
 */
export type Statement = InStatement

/**
 * Team.seatLimit of the teams chosen by `teams` (their ids: a SELECT, or a list of
 * named placeholders), set to `seatLimit`: an SQL expression over "Team"."id", the
 * billing module's (the seats its subscriptions pay for). Removes no one: a team over
 * its limit only cannot invite. `args` binds the placeholders of both.
 */
export function teamSeatLimitStatement(input: {
  teams: string
  seatLimit: string
  args: Record<string, string | number>
  now: Date
}): Statement {
  return {
    sql: `UPDATE "Team" SET "seatLimit" = ${input.seatLimit}, "updatedAt" = :seatsUpdatedAt WHERE "id" IN (${input.teams})`,
    args: { ...input.args, seatsUpdatedAt: toDbTimestamp(input.now) },
  }
}

/**
 * TeamMember.lastActiveAt of the user's membership of `teamId` (learning, on every answer).
 * The team page shows the day of last activity, so the row is written at most once a day:
 * only while lastActiveAt is unset or before `onlyIfBefore` (the start of the learner's day).
 */
export function touchMemberStatement(input: {
  teamId: string
  userId: string
  now: Date
  onlyIfBefore: Date
}): Statement {
  const now = toDbTimestamp(input.now)
  return {
    sql: `UPDATE "TeamMember" SET "lastActiveAt" = ?, "updatedAt" = ? WHERE "teamId" = ? AND "userId" = ? AND ("lastActiveAt" IS NULL OR "lastActiveAt" < ?)`,
    args: [now, now, input.teamId, input.userId, toDbTimestamp(input.onlyIfBefore)],
  }
}
