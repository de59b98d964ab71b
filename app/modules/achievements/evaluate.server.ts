/**
 * Evaluating a learner's achievements (docs/achievements.md), called right after a write that can
 * change a criterion (an answer, a review, a quest completed).
 *
 * One round: read the learner's facts and rows, plan (evaluation-plan.ts), write it all in ONE
 * batch — new progress, and for each unlock the UserAchievement upsert, its XP (payXpStatements,
 * source "achievement", sourceId = the UserAchievement id) and a behaviour-log row.
 *
 * Exactly once: the upsert sets unlockedAt only WHERE it is still null, and the guard after it
 * fails the batch unless that changed exactly the row the payment names; the ledger is unique on
 * (source, sourceId) besides. A batch that lost a race therefore writes nothing: the state is read
 * again and planned again, when the achievement is already held and is left out. Since an
 * unlock's XP can meet another criterion (total XP), rounds repeat until nothing new unlocks.
 */
import type { InStatement } from '@libsql/client'
import { isAlreadyPaid, payXpStatements } from '~/modules/learning/statements.server'
import { notificationStatements } from '~/modules/notifications/notify.server'
import { behaviorLogStatement } from '~/modules/system/behavior-log.server'
import type { ActivityContext } from '~/utils/activity.server'
import { toDbTimestamp, writeBatch } from '~/utils/db.server'
import { log } from '~/utils/log.server'
import { learnerDay } from '~/utils/time'
import { ulid } from '~/utils/ulid.server'
import { readAchievementFacts } from './achievement-facts.server'
import { awardableCatalogue, type CatalogueItem } from './catalogue.server'
import { planEvaluation, type EvaluationPlan, type PlannedWrite } from './evaluation-plan'

export interface UnlockedAchievement {
  key: string
  name: string
  description: string
  icon: string | null
  rarity: string
  xpReward: number
}

/** Lost races only come from concurrent evaluations of the same learner; each loss means another one made progress. */
const MAX_TRIES = 50
const backOff = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)))

/**
 * Unlocks every achievement the learner now meets and keeps the progress of the visible ones.
 * Returns only what THIS call unlocked (a concurrent call that won an unlock reports it there).
 */
export async function evaluateAchievements(
  userId: string,
  now: Date,
  context: ActivityContext | null = null,
): Promise<UnlockedAchievement[]> {
  const catalogue = await awardableCatalogue()
  if (catalogue.length === 0) return []
  const unlocked: UnlockedAchievement[] = []
  // Each successful round with an unlock holds one more achievement, so rounds are bounded by the catalogue.
  for (let tries = 1, rounds = 0; rounds <= catalogue.length;) {
    const { facts, clock, held } = await readAchievementFacts(userId)
    const todayKey = learnerDay(now, clock.timezone, clock.dayStartHour)
    const plan = planEvaluation(catalogue, facts, held, todayKey)
    if (plan.unlocks.length === 0 && plan.progress.length === 0) return unlocked
    try {
      await writeBatch(statementsOf(plan, { userId, todayKey, now, context }))
    } catch (error) {
      if (!lostRace(error) || tries >= MAX_TRIES) throw error
      log.info('achievement evaluation retried after a concurrent change', { userId, attempt: tries })
      tries++
      await backOff(tries)
      continue
    }
    if (plan.unlocks.length === 0) return unlocked
    unlocked.push(...plan.unlocks.map(({ achievement }) => unlockedOf(achievement)))
    rounds++
  }
  return unlocked
}

function unlockedOf(a: CatalogueItem): UnlockedAchievement {
  return { key: a.key, name: a.name, description: a.description, icon: a.icon, rarity: a.rarity, xpReward: a.xpReward }
}

/** A batch that met a concurrent unlock: the guard below, the (userId, achievementId) key, or the ledger. */
function lostRace(error: unknown): boolean {
  if (isAlreadyPaid(error)) return true
  const text = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : ''
  return /malformed JSON|UNIQUE constraint failed: UserAchievement\./.test(text)
}

// ─── The batch ──────────────────────────────────────────────────────────────

interface Round {
  userId: string
  todayKey: string
  now: Date
  context: ActivityContext | null
}

function statementsOf(plan: EvaluationPlan<CatalogueItem>, round: Round): InStatement[] {
  const stamp = toDbTimestamp(round.now)
  return [
    ...plan.progress.map((write) => progressStatement(write, round.userId, stamp)),
    ...plan.unlocks.flatMap((write) => unlockStatements(write, round, stamp)),
  ]
}

/** Progress of a locked achievement; a row unlocked meanwhile is left alone (no guard: progress is advisory). */
function progressStatement(write: PlannedWrite<CatalogueItem>, userId: string, stamp: string): InStatement {
  const progress = JSON.stringify(write.progress)
  if (write.rowId)
    return {
      sql: `UPDATE "UserAchievement" SET "progressData" = ?, "updatedAt" = ? WHERE "id" = ? AND "unlockedAt" IS NULL`,
      args: [progress, stamp, write.rowId],
    }
  return {
    sql: `INSERT INTO "UserAchievement" ("id", "userId", "achievementId", "progressData", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT ("userId", "achievementId") DO UPDATE SET "progressData" = excluded."progressData", "updatedAt" = excluded."updatedAt"
          WHERE "UserAchievement"."unlockedAt" IS NULL`,
    args: [ulid(), userId, write.achievement.id, progress, stamp, stamp],
  }
}

function unlockStatements(write: PlannedWrite<CatalogueItem>, round: Round, stamp: string): InStatement[] {
  const { achievement } = write
  // The row's id is the XP ledger's sourceId: the existing row's, or the one this batch inserts.
  const rowId = write.rowId ?? ulid()
  const progress = JSON.stringify(write.progress)
  const out: InStatement[] = [
    write.rowId
      ? {
          sql: `UPDATE "UserAchievement" SET "unlockedAt" = ?, "progressData" = ?, "updatedAt" = ? WHERE "id" = ? AND "unlockedAt" IS NULL`,
          args: [stamp, progress, stamp, rowId],
        }
      : {
          sql: `INSERT INTO "UserAchievement" ("id", "userId", "achievementId", "unlockedAt", "progressData", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT ("userId", "achievementId") DO UPDATE SET "unlockedAt" = excluded."unlockedAt", "progressData" = excluded."progressData", "updatedAt" = excluded."updatedAt"
                WHERE "UserAchievement"."unlockedAt" IS NULL`,
          args: [rowId, round.userId, achievement.id, stamp, progress, stamp, stamp],
        },
    // Aborts the batch unless the upsert unlocked exactly the row named above (SQLite has no RAISE
    // outside triggers; json() of a non-JSON string fails the statement instead).
    {
      sql: `SELECT CASE WHEN changes() = 1 AND (SELECT "id" FROM "UserAchievement" WHERE "userId" = ? AND "achievementId" = ?) = ?
            THEN 1 ELSE json('stale UserAchievement ' || ?) END`,
      args: [round.userId, achievement.id, rowId, achievement.key],
    },
  ]
  if (achievement.xpReward > 0)
    out.push(
      ...payXpStatements({
        userId: round.userId,
        amount: achievement.xpReward,
        source: 'achievement',
        sourceId: rowId,
        dayKey: round.todayKey,
        now: round.now,
      }),
    )
  out.push(
    behaviorLogStatement({
      userId: round.userId,
      actionType: 'achievement.unlocked',
      actionData: { key: achievement.key, xpReward: achievement.xpReward },
      context: round.context,
      now: round.now,
    }),
    // In the unlock's batch: every unlock notifies, and a lost race notifies no one.
    ...notificationStatements(
      {
        userId: round.userId,
        type: 'achievement_unlocked',
        eventKey: `achievement:${achievement.id}`,
        title: `Achievement unlocked: ${achievement.name}`,
        message: achievement.description,
        link: '/achievements',
        data: { key: achievement.key },
      },
      round.now,
    ),
  )
  return out
}
