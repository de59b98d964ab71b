import type { InStatement, InValue } from '@libsql/client'
import { toDbTimestamp } from '~/utils/db.server'

/**
 * Writes to the accounts module's tables (User, Session, …) that other modules put
 * into their own atomic write batches (docs/decisions/0009-module-ownership.md).
 * Each builder returns one statement; the caller runs it inside its `writeBatch`.
 */
export type Statement = InStatement

/**
 * The cached plan of the users chosen by `users` (their ids: a SELECT, or a list of
 * named placeholders). Which plan is the billing module's decision, given as two SQL
 * conditions over "User"."id": `individual` (a personal subscription grants access:
 * premium) and `team` (a team's does: team); neither is basic. `args` binds the
 * placeholders of all three.
 */
export function userPlanStatement(input: {
  users: string
  individual: string
  team: string
  args: Record<string, string | number>
  now: Date
}): Statement {
  const { users, individual, team } = input
  return {
    sql: `UPDATE "User" SET
        "plan" = CASE WHEN ${individual} THEN 'premium' WHEN ${team} THEN 'team' ELSE 'basic' END,
        "isSubscribed" = CASE WHEN ${individual} OR ${team} THEN 1 ELSE 0 END,
        "subscriptionType" = CASE WHEN ${individual} THEN 'individual' WHEN ${team} THEN 'team' ELSE "subscriptionType" END,
        "updatedAt" = :planUpdatedAt
      WHERE "id" IN (${users})`,
    args: { ...input.args, planUpdatedAt: toDbTimestamp(input.now) },
  }
}

/**
 * A condition that a builder adds to its WHERE clause, written by the calling module over
 * its own tables (for example "the membership still exists"): SQL with positional `?`
 * placeholders, and their values.
 */
export interface Condition {
  sql: string
  args: InValue[]
}

const and = (condition: Condition | undefined) => (condition ? ` AND (${condition.sql})` : '')

/** Adds `amount` to User.totalXp: an atomic increment, so concurrent awards add up (learning, ADR 0006). */
export function addXpStatement(input: { userId: string; amount: number; now: Date }): Statement {
  return {
    sql: `UPDATE "User" SET "totalXp" = "totalXp" + ?, "updatedAt" = ? WHERE "id" = ?`,
    args: [input.amount, toDbTimestamp(input.now), input.userId],
  }
}

/** The user acts for `teamId` from now on (teams), if `onlyIf` holds. */
export function setActiveTeamStatement(input: {
  userId: string
  teamId: string
  now: Date
  onlyIf?: Condition
}): Statement {
  return {
    sql: `UPDATE "User" SET "activeTeamId" = ?, "updatedAt" = ? WHERE "id" = ?${and(input.onlyIf)}`,
    args: [input.teamId, toDbTimestamp(input.now), input.userId, ...(input.onlyIf?.args ?? [])],
  }
}

/** As setActiveTeamStatement, but only for a user who acts for no team yet (joining a first team). */
export function setActiveTeamIfNoneStatement(input: {
  userId: string
  teamId: string
  now: Date
  onlyIf?: Condition
}): Statement {
  const none = `"activeTeamId" IS NULL`
  const onlyIf = input.onlyIf
    ? { sql: `${none} AND (${input.onlyIf.sql})`, args: input.onlyIf.args }
    : { sql: none, args: [] }
  return setActiveTeamStatement({ ...input, onlyIf })
}

/** The user stops acting for `teamId` (leaving it), if they act for it and `onlyIf` holds. */
export function clearActiveTeamStatement(input: {
  userId: string
  teamId: string
  now: Date
  onlyIf?: Condition
}): Statement {
  return {
    sql: `UPDATE "User" SET "activeTeamId" = NULL, "updatedAt" = ? WHERE "id" = ? AND "activeTeamId" = ?${and(input.onlyIf)}`,
    args: [toDbTimestamp(input.now), input.userId, input.teamId, ...(input.onlyIf?.args ?? [])],
  }
}
