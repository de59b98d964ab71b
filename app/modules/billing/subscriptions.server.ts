import type { InStatement } from '@libsql/client'
import { ulid } from '~/utils/ulid.server'
import type { Plan } from '~/generated/prisma/client'
import { userPlanStatement } from '~/modules/accounts/statements.server'
import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { PAST_DUE_GRACE_DAYS, effectiveAccess, planForProduct, planOf } from './plans'
import type { PolarCustomer, PolarSubscriptionSnapshot } from './polar-events'

export { effectiveAccess } from './plans'

/**
 * Subscriptions are snapshots kept true by Polar's webhooks: upserted by Polar's
 * id, an older snapshot (modified_at) never overwrites a newer one. The cached
 * User.plan / isSubscribed and Team.seatLimit are recomputed in the same batch, by
 * the statement builders of the modules that own those tables.
 */

/**
 * `effectiveAccess` (plans.ts) in SQL, for subscription alias `s`; named
 * arguments :now and :graceCutoff (see `accessArgs`). Timestamps are
 * fixed-width ISO text (toDbTimestamp), so text comparison is time order.
 */
export function accessSql(s: string): string {
  return `((${s}."endedAt" IS NULL OR ${s}."endedAt" > :now) AND (
      (${s}."status" IN ('active', 'trialing') AND (${s}."cancelAtPeriodEnd" = 0 OR ${s}."currentPeriodEnd" IS NULL OR ${s}."currentPeriodEnd" > :now))
      OR (${s}."status" = 'canceled' AND ${s}."currentPeriodEnd" > :now)
      OR (${s}."status" = 'past_due' AND ${s}."currentPeriodEnd" > :graceCutoff)))`
}

export function accessArgs(now: Date): { now: string; graceCutoff: string } {
  return {
    now: toDbTimestamp(now),
    graceCutoff: toDbTimestamp(new Date(now.getTime() - PAST_DUE_GRACE_DAYS * 24 * 60 * 60 * 1000)),
  }
}

/** Recomputes the cached plan of the users chosen by `usersSql` (a SELECT of user ids): the accounts module's User columns. */
function refreshUsersStatement(usersSql: string, args: Record<string, string | number>, now: Date): InStatement {
  return userPlanStatement({
    users: usersSql,
    individual: `EXISTS (SELECT 1 FROM "Subscription" s WHERE s."userId" = "User"."id" AND s."type" = 'individual' AND ${accessSql('s')})`,
    team: `EXISTS (SELECT 1 FROM "TeamMember" tm JOIN "Team" t ON t."id" = tm."teamId" JOIN "Subscription" s ON s."teamId" = tm."teamId"
      WHERE tm."userId" = "User"."id" AND t."archivedAt" IS NULL AND s."type" = 'team' AND ${accessSql('s')})`,
    args: { ...args, ...accessArgs(now) },
    now,
  })
}

/**
 * How billing writes Team.seatLimit: the teams module's `teamSeatLimitStatement`, handed
 * in by the caller (a route or the jobs list). Teams depends on billing (a member's plan
 * follows membership), so billing may not import teams (app/modules/imports.test.ts).
 */
export type SeatLimitStatement = (input: {
  teams: string
  seatLimit: string
  args: Record<string, string | number>
  now: Date
}) => InStatement

/** Team.seatLimit (the teams module's) = the seats of its subscription granting access, else DEFAULT_TEAM_SEATS. */
function refreshTeamSeatsStatement(
  seatLimit: SeatLimitStatement,
  teamSql: string,
  args: Record<string, string | number>,
  now: Date,
): InStatement {
  return seatLimit({
    teams: teamSql,
    seatLimit: `COALESCE((SELECT MAX(s."seats") FROM "Subscription" s WHERE s."teamId" = "Team"."id" AND s."type" = 'team' AND ${accessSql('s')}), :defaultSeats)`,
    args: { ...args, ...accessArgs(now), defaultSeats: getEnv().DEFAULT_TEAM_SEATS },
    now,
  })
}

export type SnapshotOutcome =
  | {
      applied: true
      subscriptionId: string
      plan: Exclude<Plan, 'basic'>
      userId: string | null
      teamId: string | null
    }
  /** modified_at older than the stored snapshot */
  | { applied: false; reason: 'older-snapshot'; subscriptionId: string }
  /** a product that is none of our plans: nothing stored */
  | { applied: false; reason: 'unknown-product'; productId: string }
  /** stored (financial history), but neither our user nor our team: no access changes */
  | { applied: false; reason: 'unknown-customer'; subscriptionId: string }

export interface SnapshotInput {
  subscription: PolarSubscriptionSnapshot
  customer: PolarCustomer
}

function metadataString(metadata: Record<string, unknown>, key: string): string | null {
  const value = metadata[key]
  return typeof value === 'string' && value.length > 0 ? value : null
}

function metadataInt(metadata: Record<string, unknown>, key: string): number | null {
  const value = Number(metadata[key])
  return Number.isInteger(value) && value >= 0 ? value : null
}

/**
 * Applies one subscription snapshot, atomically with `before` (the webhook
 * module passes the ProcessedWebhookEvent insert): if the batch fails, neither
 * is written. The owner: `customer.external_id` (our User.id, set by checkout)
 * and, for the team plan, `metadata.teamId`; ids we do not know are stored as null.
 */
export async function applySubscriptionSnapshot(
  input: SnapshotInput,
  options: { seatLimit: SeatLimitStatement; now?: Date; before?: InStatement[] },
): Promise<SnapshotOutcome> {
  const now = options.now ?? new Date()
  const before = options.before ?? []
  const { subscription: sub, customer } = input
  const env = getEnv()
  const plan = planForProduct(sub.product_id, { premium: env.POLAR_PRODUCT_PREMIUM, team: env.POLAR_PRODUCT_TEAM })
  if (!plan) {
    if (before.length > 0) await writeBatch(before)
    return { applied: false, reason: 'unknown-product', productId: sub.product_id }
  }

  const claimedUserId = customer.external_id || metadataString(sub.metadata, 'userId')
  const claimedTeamId = plan === 'team' ? metadataString(sub.metadata, 'teamId') : null
  const [user, team] = await Promise.all([
    claimedUserId ? prisma.user.findUnique({ where: { id: claimedUserId }, select: { id: true } }) : null,
    claimedTeamId ? prisma.team.findUnique({ where: { id: claimedTeamId }, select: { id: true } }) : null,
  ])
  const userId = user?.id ?? null
  const teamId = team?.id ?? null
  const ts = (d: Date | null) => (d ? toDbTimestamp(d) : null)
  const at = toDbTimestamp(now)
  const psid = sub.id

  const upsert: InStatement = {
    sql: `INSERT INTO "Subscription" ("id", "polarSubscriptionId", "polarCustomerId", "productId", "userId", "teamId", "status", "type", "plan",
        "amountCents", "currency", "recurringInterval", "seats", "currentPeriodStart", "currentPeriodEnd", "cancelAtPeriodEnd",
        "startedAt", "canceledAt", "endedAt", "modifiedAt", "createdAt", "updatedAt")
      VALUES (:id, :psid, :customerId, :productId, :userId, :teamId, :status, :type, :plan, :amount, :currency, :interval, :seats,
        :periodStart, :periodEnd, :cancelAtPeriodEnd, :startedAt, :canceledAt, :endedAt, :modifiedAt, :at, :at)
      ON CONFLICT ("polarSubscriptionId") DO UPDATE SET
        "polarCustomerId" = excluded."polarCustomerId", "productId" = excluded."productId",
        "userId" = COALESCE(excluded."userId", "Subscription"."userId"), "teamId" = COALESCE(excluded."teamId", "Subscription"."teamId"),
        "status" = excluded."status", "type" = excluded."type", "plan" = excluded."plan", "amountCents" = excluded."amountCents",
        "currency" = excluded."currency", "recurringInterval" = excluded."recurringInterval", "seats" = excluded."seats",
        "currentPeriodStart" = excluded."currentPeriodStart", "currentPeriodEnd" = excluded."currentPeriodEnd",
        "cancelAtPeriodEnd" = excluded."cancelAtPeriodEnd", "startedAt" = excluded."startedAt", "canceledAt" = excluded."canceledAt",
        "endedAt" = excluded."endedAt", "modifiedAt" = excluded."modifiedAt", "updatedAt" = excluded."updatedAt"
      WHERE "Subscription"."modifiedAt" IS NULL OR "Subscription"."modifiedAt" <= excluded."modifiedAt"`,
    args: {
      id: ulid(),
      psid,
      customerId: sub.customer_id,
      productId: sub.product_id,
      userId,
      teamId,
      status: sub.status,
      type: plan === 'team' ? 'team' : 'individual',
      plan,
      amount: sub.amount,
      currency: sub.currency,
      interval: sub.recurring_interval ?? null,
      seats: sub.seats ?? metadataInt(sub.metadata, 'seats'),
      periodStart: ts(sub.current_period_start),
      periodEnd: ts(sub.current_period_end),
      cancelAtPeriodEnd: sub.cancel_at_period_end ? 1 : 0,
      startedAt: ts(sub.started_at),
      canceledAt: ts(sub.canceled_at),
      endedAt: ts(sub.ended_at),
      // A new subscription may have no modified_at yet: its creation time orders it.
      modifiedAt: toDbTimestamp(sub.modified_at ?? sub.created_at),
      at,
    },
  }
  // Everyone whose access this subscription can decide: the stored owner and the team's members.
  const owners = `SELECT "userId" FROM "Subscription" WHERE "polarSubscriptionId" = :psid AND "userId" IS NOT NULL
      UNION SELECT tm."userId" FROM "TeamMember" tm JOIN "Subscription" s ON s."teamId" = tm."teamId" WHERE s."polarSubscriptionId" = :psid`
  const teams = `SELECT "teamId" FROM "Subscription" WHERE "polarSubscriptionId" = :psid AND "teamId" IS NOT NULL`
  const results = await writeBatch([
    ...before,
    upsert,
    refreshUsersStatement(owners, { psid }, now),
    refreshTeamSeatsStatement(options.seatLimit, teams, { psid }, now),
    { sql: `SELECT "id", "userId", "teamId" FROM "Subscription" WHERE "polarSubscriptionId" = ?`, args: [psid] },
  ])
  const upserted = results[before.length]!
  const row = results.at(-1)!.rows[0]!
  const subscriptionId = String(row.id)
  if (upserted.rowsAffected === 0) return { applied: false, reason: 'older-snapshot', subscriptionId }
  const storedUserId = row.userId === null ? null : String(row.userId)
  const storedTeamId = row.teamId === null ? null : String(row.teamId)
  const owned = plan === 'team' ? storedTeamId !== null : storedUserId !== null
  if (!owned) return { applied: false, reason: 'unknown-customer', subscriptionId }
  return { applied: true, subscriptionId, plan, userId: storedUserId, teamId: storedTeamId }
}

/**
 * Recomputes the cached User.plan / isSubscribed of these users (e.g. after they
 * join or leave a team, or from a periodic job once canceled periods run out).
 */
export async function refreshPlans(userIds: string[], now = new Date()): Promise<void> {
  if (userIds.length === 0) return
  await writeBatch([planRefreshStatement(userIds, now)])
}

/**
 * The statement behind `refreshPlans`, for a batch that changes who belongs to a team
 * (joining, leaving, removal): the member's plan then changes in the same atomic write.
 */
export function planRefreshStatement(userIds: string[], now = new Date()): InStatement {
  const args = Object.fromEntries(userIds.map((id, i) => [`u${i}`, id]))
  return refreshUsersStatement(userIds.map((_, i) => `:u${i}`).join(', '), args, now)
}

/**
 * The hourly job: a canceled subscription stops granting access when its period ends,
 * with or without a webhook then. Recomputes the cached plan of every subscribed user
 * and the seats of every team that has had a subscription. Returns the rows revisited.
 */
export async function refreshLapsedAccess(seatLimit: SeatLimitStatement, now = new Date()): Promise<number> {
  const [users, teams] = await writeBatch([
    refreshUsersStatement(`SELECT "id" FROM "User" WHERE "isSubscribed" = 1`, {}, now),
    refreshTeamSeatsStatement(
      seatLimit,
      `SELECT DISTINCT "teamId" FROM "Subscription" WHERE "teamId" IS NOT NULL`,
      {},
      now,
    ),
  ])
  return users!.rowsAffected + teams!.rowsAffected
}

/** Recomputes Team.seatLimit of these teams from their subscriptions. */
export async function refreshTeamSeats(
  seatLimit: SeatLimitStatement,
  teamIds: string[],
  now = new Date(),
): Promise<void> {
  if (teamIds.length === 0) return
  const args = Object.fromEntries(teamIds.map((id, i) => [`t${i}`, id]))
  await writeBatch([refreshTeamSeatsStatement(seatLimit, teamIds.map((_, i) => `:t${i}`).join(', '), args, now)])
}

const ACCESS_SELECT = { status: true, currentPeriodEnd: true, cancelAtPeriodEnd: true, endedAt: true } as const

/** The user's plan at `now`, read live from the subscriptions (the source of truth behind User.plan). */
export async function effectivePlan(userId: string, now = new Date()): Promise<Plan> {
  const [own, teamSubs] = await Promise.all([
    prisma.subscription.findMany({ where: { userId, type: 'individual' }, select: ACCESS_SELECT }),
    prisma.subscription.findMany({
      where: { type: 'team', team: { archivedAt: null, members: { some: { userId } } } },
      select: ACCESS_SELECT,
    }),
  ])
  return planOf({
    individual: own.some((s) => effectiveAccess(s, now)),
    team: teamSubs.some((s) => effectiveAccess(s, now)),
  })
}
