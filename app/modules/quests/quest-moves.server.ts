import type { InStatement } from '@libsql/client'
import type { QuestStatus } from '~/generated/prisma/client'
import { isAlreadyPaid, payXpStatements } from '~/modules/learning/statements.server'
import { type BehaviorAction, behaviorLogStatement } from '~/modules/system/behavior-log.server'
import type { ActivityContext } from '~/utils/activity.server'
import { prisma, toDbTimestamp } from '~/utils/db.server'
import { Conflict, NotFound } from '~/utils/errors.server'
import { learnerDay } from '~/utils/time'
import { ulid } from '~/utils/ulid.server'
import { guard, guardThat, planAndWrite } from './batch.server'
import { type TickedStep, advanceLearningGoals } from './learning-goals.server'
import {
  MOVE_RULES,
  type ProgressClock,
  type QuestMove,
  completionRate,
  moveRefusal,
  readClock,
  spentMinutes,
  startClock,
  startRefusal,
  stopClock,
} from './quest-rules'
import { DAILY_CAP, type QuestXp, type QuestXpKind, questXp, questXpKind } from './quest-xp'
import { NO_QUEST } from './quests.server'
import { storedGoal } from './step-goal'

/**
 * Status moves of a quest (quest-rules.ts) and what they write with them, in ONE batch:
 * the status (guarded: only from the status the move was planned from), the clock of time
 * in progress (QuestAnalytics), the behaviour log row and, on the first completion, the XP
 * (learning's `payXpStatements`, source 'quest', sourceId = the quest id).
 *
 * Pays once: the ledger is unique on (source, sourceId), so a completion after a reopen, or
 * one of many concurrent completions, cannot pay again — its batch fails as a whole
 * (`isAlreadyPaid`), is read again and planned without the payment. The daily caps of
 * quest-xp.ts are checked inside the batch too (`guardThat` after the payment), so
 * concurrent completions of different quests cannot pass them either.
 */
export interface MoveResult {
  status: QuestStatus
  /** the XP this move paid (only a first completion pays), else null */
  paid: QuestXp | null
  /** learning steps the start or reopen ticked at once (their goals were met already) */
  ticked: TickedStep[]
}

const LOGGED: Partial<Record<QuestMove, BehaviorAction>> = {
  start: 'quest.started',
  complete: 'quest.completed',
  reopen: 'quest.reopened',
  archive: 'quest.archived',
}

/** Quest XP the learner was paid on `dayKey`, by kind: a quest with a learning step is a learning quest. Reads learning's ledger. */
function paidTodaySql(kind: QuestXpKind): string {
  return `(SELECT COALESCE(SUM(l."amount"), 0) FROM "XpLedgerEntry" l WHERE l."userId" = ? AND l."source" = 'quest' AND l."dayKey" = ?
           AND ${kind === 'learning' ? '' : 'NOT '}EXISTS (SELECT 1 FROM "QuestStep" s WHERE s."questId" = l."sourceId" AND s."goal" IS NOT NULL))`
}

async function paidToday(userId: string, dayKey: string): Promise<Record<QuestXpKind, number>> {
  const rows = await prisma.$queryRawUnsafe<{ plain: number | bigint; learning: number | bigint }[]>(
    `SELECT ${paidTodaySql('plain')} AS "plain", ${paidTodaySql('learning')} AS "learning"`,
    userId,
    dayKey,
    userId,
    dayKey,
  )
  return { plain: Number(rows[0]?.plain ?? 0), learning: Number(rows[0]?.learning ?? 0) }
}

async function moveState(userId: string, questId: string) {
  const quest = await prisma.quest.findFirst({
    where: { id: questId, userId },
    select: {
      id: true,
      title: true,
      status: true,
      difficulty: true,
      steps: { select: { completed: true, goal: true } },
      prerequisites: { select: { type: true, prerequisiteQuest: { select: { title: true, status: true } } } },
      analytics: { where: { userId }, select: { metadata: true } },
      user: { select: { timezone: true, dayStartHour: true } },
    },
  })
  if (!quest) throw new NotFound(NO_QUEST)
  // Reads learning's ledger: has this quest been paid before?
  const payment = await prisma.xpLedgerEntry.findUnique({
    where: { source_sourceId: { source: 'quest', sourceId: questId } },
    select: { id: true },
  })
  return { quest, paidBefore: payment !== null }
}

function analyticsStatement(input: {
  questId: string
  userId: string
  clock: ProgressClock
  completionRate: number | null
  now: Date
}): InStatement {
  const at = toDbTimestamp(input.now)
  return {
    sql: `INSERT INTO "QuestAnalytics" ("id", "questId", "userId", "timeSpentMinutes", "completionRate", "metadata", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT ("questId", "userId") DO UPDATE SET "timeSpentMinutes" = excluded."timeSpentMinutes",
            "completionRate" = COALESCE(excluded."completionRate", "QuestAnalytics"."completionRate"), "metadata" = excluded."metadata", "updatedAt" = excluded."updatedAt"`,
    args: [
      ulid(),
      input.questId,
      input.userId,
      spentMinutes(input.clock),
      input.completionRate,
      JSON.stringify(input.clock),
      at,
      at,
    ],
  }
}

/** Moves the learner's quest; a move the status machine or a prerequisite forbids is a Conflict. */
export async function moveQuest(
  userId: string,
  questId: string,
  move: QuestMove,
  now: Date,
  context?: ActivityContext | null,
): Promise<MoveResult> {
  const result = await planAndWrite(async () => {
    const { quest, paidBefore } = await moveState(userId, questId)
    const refusal = moveRefusal(quest.status, move)
    if (refusal) throw new Conflict(refusal)
    if (move === 'start') {
      const blocked = startRefusal(quest.prerequisites.map((p) => ({ type: p.type, ...p.prerequisiteQuest })))
      if (blocked) throw new Conflict(blocked)
    }
    const to = MOVE_RULES[move].to
    const at = toDbTimestamp(now)
    const before = readClock(quest.analytics[0]?.metadata)
    const clock = move === 'start' || move === 'reopen' ? startClock(before, now) : stopClock(before, now)
    const statements: InStatement[] = []
    let paid: QuestXp | null = null

    if (move === 'complete') {
      const done = quest.steps.filter((s) => s.completed).length
      const goalSteps = quest.steps.flatMap((s) => {
        const goal = storedGoal(s.goal)
        return goal ? [{ goal, completed: s.completed }] : []
      })
      const dayKey = learnerDay(now, quest.user.timezone, quest.user.dayStartHour)
      if (!paidBefore)
        paid = questXp({ difficulty: quest.difficulty, goalSteps, paidToday: await paidToday(userId, dayKey) })
      statements.push(
        {
          // Quest.experiencePoints records the one payment; a later completion leaves it as it is.
          sql: `UPDATE "Quest" SET "status" = 'completed', "completedAt" = ?, "actualDuration" = ?, "experiencePoints" = ${paid ? '?' : '"experiencePoints"'}, "updatedAt" = ?
                WHERE "id" = ? AND "userId" = ? AND "status" = ?`,
          args: [at, spentMinutes(clock), ...(paid ? [paid.amount] : []), at, questId, userId, quest.status],
        },
        guard('Quest'),
        analyticsStatement({ questId, userId, clock, completionRate: completionRate(done, quest.steps.length), now }),
      )
      if (paid) {
        const kind = questXpKind(goalSteps)
        statements.push(
          ...payXpStatements({ userId, amount: paid.amount, source: 'quest', sourceId: questId, dayKey, now }),
          guardThat(`${paidTodaySql(kind)} <= ?`, [userId, dayKey, DAILY_CAP[kind]], 'quest XP daily cap'),
        )
      }
    } else {
      // A reopened quest keeps the XP it paid: experiencePoints stays, completedAt is cleared.
      statements.push(
        {
          sql: `UPDATE "Quest" SET "status" = ?, "completedAt" = ${move === 'reopen' ? 'NULL' : '"completedAt"'}, "updatedAt" = ?
                WHERE "id" = ? AND "userId" = ? AND "status" = ?`,
          args: [to, at, questId, userId, quest.status],
        },
        guard('Quest'),
      )
      // The clock starts (start, reopen) or stops (archive of a quest in progress); activating touches none.
      if (clock !== before) statements.push(analyticsStatement({ questId, userId, clock, completionRate: null, now }))
    }
    const action = LOGGED[move]
    if (action) {
      const actionData = { questId, from: quest.status, ...(paid ? { xp: paid.amount } : {}) }
      statements.push(behaviorLogStatement({ userId, actionType: action, actionData, context, now }))
    }
    return { statements, result: { status: to, paid } }
  }, isAlreadyPaid)
  const ticked = move === 'start' || move === 'reopen' ? await advanceLearningGoals(userId, now) : []
  return { ...result, ticked }
}

/** The learner's ratings of a completed quest (difficulty and satisfaction, 1–5), kept in its analytics. */
export async function rateQuest(
  userId: string,
  questId: string,
  ratings: { difficultyRating: number; satisfactionRating: number },
  now: Date,
): Promise<void> {
  const quest = await prisma.quest.findFirst({ where: { id: questId, userId }, select: { status: true } })
  if (!quest) throw new NotFound(NO_QUEST)
  if (quest.status !== 'completed') throw new Conflict('Rate a quest once you have completed it.')
  const at = toDbTimestamp(now)
  await planAndWrite(async () => ({
    statements: [
      {
        sql: `INSERT INTO "QuestAnalytics" ("id", "questId", "userId", "difficultyRating", "satisfactionRating", "createdAt", "updatedAt")
              SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM "Quest" WHERE "id" = ? AND "userId" = ? AND "status" = 'completed')
              ON CONFLICT ("questId", "userId") DO UPDATE SET "difficultyRating" = excluded."difficultyRating",
                "satisfactionRating" = excluded."satisfactionRating", "updatedAt" = excluded."updatedAt"`,
        args: [ulid(), questId, userId, ratings.difficultyRating, ratings.satisfactionRating, at, at, questId, userId],
      },
      guard('QuestAnalytics'),
    ],
    result: undefined,
  }))
}
