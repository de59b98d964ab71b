import { ulid } from '~/utils/ulid.server'
import type { AIUsageType, Plan } from '~/generated/prisma/client'
import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { QuotaExceeded } from '~/utils/errors.server'
import { entitlementsFor } from './plans'
import { effectivePlan } from './subscriptions.server'
import {
  AI_LIMIT_MESSAGE,
  UPGRADE_URL,
  remaining,
  usageMonth,
  usageMonthEnd,
  type AiReservation,
  type AiReservationRefused,
} from './usage'

/**
 * AI usage limits: every AI request is counted per user and month (AIUsageMonthly)
 * against the allowance of the user's plan. The count is one conditional UPDATE
 * (`… WHERE requests < limit`), so the database, not this process, decides: any
 * number of concurrent requests, on any number of app instances, never exceed it.
 * The tutor calls `reserveAiRequest` before an AI call and `recordAiUsage` after it.
 */

/**
 * AI requests the user's plan allows per month; null = unlimited. The plan is read live
 * from the subscriptions (not the cached User.plan), so a period that has just ended
 * stops the paid allowance at once.
 */
export async function monthlyAiAllowance(userId: string, now = new Date()): Promise<number | null> {
  return entitlementsFor(await effectivePlan(userId, now)).aiRequestsPerMonth
}

/**
 * Counts one AI request against this month's allowance, or refuses it (nothing counted).
 * Call it before the AI call; an API throws `aiLimitReached(refusal)` for a refusal.
 */
export async function reserveAiRequest(userId: string, now = new Date()): Promise<AiReservation> {
  const limit = await monthlyAiAllowance(userId, now)
  const month = usageMonth(now)
  const at = toDbTimestamp(now)
  const [, counted, row] = await writeBatch([
    {
      sql: `INSERT INTO "AIUsageMonthly" ("userId", "usageMonth", "requests", "tokens", "costInCents", "createdAt", "updatedAt")
            VALUES (?, ?, 0, 0, 0, ?, ?) ON CONFLICT ("userId", "usageMonth") DO NOTHING`,
      args: [userId, month, at, at],
    },
    limit === null
      ? {
          sql: `UPDATE "AIUsageMonthly" SET "requests" = "requests" + 1, "updatedAt" = ? WHERE "userId" = ? AND "usageMonth" = ?`,
          args: [at, userId, month],
        }
      : {
          sql: `UPDATE "AIUsageMonthly" SET "requests" = "requests" + 1, "updatedAt" = ? WHERE "userId" = ? AND "usageMonth" = ? AND "requests" < ?`,
          args: [at, userId, month, limit],
        },
    { sql: `SELECT "requests" FROM "AIUsageMonthly" WHERE "userId" = ? AND "usageMonth" = ?`, args: [userId, month] },
  ])
  const used = Number(row!.rows[0]!.requests)
  if (counted!.rowsAffected === 1) return { ok: true, usageMonth: month, used, limit }
  return { ok: false, used, limit: limit!, message: AI_LIMIT_MESSAGE }
}

export interface AiUsageInput {
  userId: string
  tokens: number
  costInCents: number
  success: boolean
  prompt?: string
  response?: string | null
  model?: string | null
  errorMessage?: string | null
  type?: AIUsageType
  tutorSessionId?: string | null
  /** the month the request was reserved in (so a call across midnight on the 1st stays in one month); default: that of `now` */
  usageMonth?: string
  now?: Date
}

/** Records one AI call (an AIUsage row) and adds its tokens and cost to the month's totals, in one atomic write. */
export async function recordAiUsage(input: AiUsageInput): Promise<{ id: string; usageMonth: string }> {
  for (const field of ['tokens', 'costInCents'] as const) {
    if (!Number.isSafeInteger(input[field]) || input[field] < 0)
      throw new RangeError(`${field} must be a whole number ≥ 0, got ${input[field]}`)
  }
  const now = input.now ?? new Date()
  const month = input.usageMonth ?? usageMonth(now)
  const at = toDbTimestamp(now)
  const id = ulid()
  await writeBatch([
    {
      sql: `INSERT INTO "AIUsage" ("id", "userId", "type", "model", "prompt", "response", "tokensUsed", "costInCents", "success", "errorMessage",
              "usageMonth", "tutorSessionId", "createdAt", "updatedAt")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [
        id,
        input.userId,
        input.type ?? 'learning_assistant',
        input.model ?? null,
        input.prompt ?? '',
        input.response ?? null,
        input.tokens,
        input.costInCents,
        input.success ? 1 : 0,
        input.errorMessage ?? null,
        month,
        input.tutorSessionId ?? null,
        at,
        at,
      ],
    },
    {
      sql: `INSERT INTO "AIUsageMonthly" ("userId", "usageMonth", "requests", "tokens", "costInCents", "createdAt", "updatedAt")
            VALUES (?, ?, 0, ?, ?, ?, ?)
            ON CONFLICT ("userId", "usageMonth") DO UPDATE SET
              "tokens" = "tokens" + excluded."tokens", "costInCents" = "costInCents" + excluded."costInCents", "updatedAt" = excluded."updatedAt"`,
      args: [input.userId, month, input.tokens, input.costInCents, at, at],
    },
  ])
  return { id, usageMonth: month }
}

export interface MonthlyAiUsage {
  usageMonth: string
  requests: number
  tokens: number
  costInCents: number
  /** null = unlimited */
  limit: number | null
  /** null = unlimited */
  remaining: number | null
  /** when the allowance starts again (ISO, UTC) */
  resetsAt: string
}

/**
 * This month's AI usage and allowance (the billing page, GET /api/ai/usage). Reads only.
 * A caller that has just read the user's plan passes it, so it is not read twice.
 */
export async function usageThisMonth(
  userId: string,
  { now = new Date(), plan }: { now?: Date; plan?: Plan } = {},
): Promise<MonthlyAiUsage> {
  const month = usageMonth(now)
  const [limit, row] = await Promise.all([
    plan ? entitlementsFor(plan).aiRequestsPerMonth : monthlyAiAllowance(userId, now),
    prisma.aIUsageMonthly.findUnique({
      where: { userId_usageMonth: { userId, usageMonth: month } },
      select: { requests: true, tokens: true, costInCents: true },
    }),
  ])
  const totals = row ?? { requests: 0, tokens: 0, costInCents: 0 }
  return {
    usageMonth: month,
    ...totals,
    limit,
    remaining: remaining(totals.requests, limit),
    resetsAt: usageMonthEnd(month).toISOString(),
  }
}

/** A refused AI request: 429 with the allowance, what was used and where to upgrade (`api()` puts these into the JSON answer). */
export function aiLimitReached(refusal: AiReservationRefused): QuotaExceeded {
  return new QuotaExceeded(refusal.message, { limit: refusal.limit, used: refusal.used, upgradeUrl: UPGRADE_URL })
}

/** Counts one AI request, or throws QuotaExceeded when the month's allowance is used up. */
export async function requireAiRequest(userId: string, now = new Date()) {
  const reservation = await reserveAiRequest(userId, now)
  if (!reservation.ok) throw aiLimitReached(reservation)
  return reservation
}
