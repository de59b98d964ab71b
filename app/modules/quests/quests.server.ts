import type { InStatement } from '@libsql/client'
import type { Prisma, QuestDependencyType, QuestStatus } from '~/generated/prisma/client'
import { behaviorLogStatement } from '~/modules/system/behavior-log.server'
import type { ActivityContext } from '~/utils/activity.server'
import { prisma, toDbTimestamp } from '~/utils/db.server'
import { Conflict, Forbidden, Invalid, NotFound } from '~/utils/errors.server'
import { ulid } from '~/utils/ulid.server'
import { guard, planAndWrite } from './batch.server'
import { goalTopics, prepareGoal, topicTitles } from './learning-goals.server'
import type { NewStep, QuestCreate, QuestEdit, QuestFilters } from './quest-input'
import {
  STATUS_LABEL,
  cycleRefusal,
  dependencyCycle,
  editRefusal,
  movesFrom,
  readClock,
  tickRefusal,
} from './quest-rules'
import { describeGoal, storedGoal } from './step-goal'

/**
 * A learner's quests (docs/quests.md): create, edit, steps (add, remove, tick, reorder) and
 * dependencies. Status moves and completion are in quest-moves.server.ts, categories and tags
 * in labels.server.ts, team assignment in team-quests.server.ts. Every function takes the
 * acting learner's id: another learner's quest is not found (404), never shown nor changed.
 * Every write is one guarded batch (batch.server.ts).
 */

export const NO_QUEST = 'There is no such quest.'
/** What a learner may still change of a quest while it is open. */
const EDITABLE = `('draft', 'active', 'in_progress')`
const TEAM_QUEST = 'This quest was assigned by your team: you can work on it, but not change what it asks.'

const ts = (date: Date) => toDbTimestamp(date)

/** The quest of this learner, or NotFound (also for another learner's quest). */
async function ownQuest(userId: string, questId: string) {
  const quest = await prisma.quest.findFirst({
    where: { id: questId, userId },
    select: { id: true, title: true, status: true, source: true },
  })
  if (!quest) throw new NotFound(NO_QUEST)
  return quest
}

function assertEditable(quest: { status: QuestStatus; source: string }, { teamMayNot = true } = {}) {
  const refusal = editRefusal(quest.status)
  if (refusal) throw new Conflict(refusal)
  if (teamMayNot && quest.source === 'team') throw new Forbidden(TEAM_QUEST)
}

/** The category and tags must be the learner's own (Invalid, naming the field, otherwise). */
async function assertOwnLabels(userId: string, categoryId: string | undefined, tagIds: readonly string[]) {
  if (categoryId) {
    const category = await prisma.questCategory.findFirst({ where: { id: categoryId, userId }, select: { id: true } })
    if (!category) throw new Invalid('Choose one of your categories.', 'categoryId')
  }
  if (tagIds.length) {
    const count = await prisma.tag.count({ where: { id: { in: [...tagIds] }, userId } })
    if (count !== new Set(tagIds).size) throw new Invalid('Choose tags from your list.', 'tagIds')
  }
}

function tagStatements(questId: string, tagIds: readonly string[], now: Date): InStatement[] {
  return [...new Set(tagIds)].map((tagId) => ({
    sql: `INSERT INTO "QuestTag" ("questId", "tagId", "createdAt") VALUES (?, ?, ?)`,
    args: [questId, tagId, ts(now)],
  }))
}

/** The INSERTs of a new quest's steps, their goals already prepared for the quest's learner. */
export function stepStatements(
  questId: string,
  steps: readonly { title: string; goal: unknown }[],
  now: Date,
  firstIndex = 0,
): InStatement[] {
  return steps.map((step, i) => ({
    sql: `INSERT INTO "QuestStep" ("id", "questId", "title", "completed", "orderIndex", "goal", "createdAt", "updatedAt") VALUES (?, ?, ?, 0, ?, ?, ?, ?)`,
    args: [ulid(), questId, step.title, firstIndex + i, step.goal ? JSON.stringify(step.goal) : null, ts(now), ts(now)],
  }))
}

/** The steps with their goals prepared (topic checked, baseline taken) for this learner. */
export async function preparedSteps(userId: string, steps: readonly NewStep[]) {
  return Promise.all(
    steps.map(async (s) => ({ title: s.title, goal: s.goal ? await prepareGoal(userId, s.goal) : null })),
  )
}

// ─── Create and edit ────────────────────────────────────────────────────────

export async function createQuest(
  userId: string,
  input: QuestCreate,
  now: Date,
  context?: ActivityContext | null,
): Promise<{ id: string }> {
  await assertOwnLabels(userId, input.categoryId, input.tagIds)
  const steps = await preparedSteps(userId, input.steps)
  const id = ulid(now.getTime())
  const status: QuestStatus = input.draft ? 'draft' : 'active'
  return planAndWrite(async () => ({
    statements: [
      {
        sql: `INSERT INTO "Quest" ("id", "title", "description", "difficulty", "status", "priority", "estimatedDuration", "experiencePoints", "source", "userId", "categoryId", "createdAt", "updatedAt")
              VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'user', ?, ?, ?, ?)`,
        args: [
          id,
          input.title,
          input.description,
          input.difficulty,
          status,
          input.priority,
          input.estimatedDuration,
          userId,
          input.categoryId ?? null,
          ts(now),
          ts(now),
        ],
      },
      ...tagStatements(id, input.tagIds, now),
      ...stepStatements(id, steps, now),
      behaviorLogStatement({
        userId,
        actionType: 'quest.created',
        actionData: { questId: id, steps: steps.length, learningSteps: steps.filter((s) => s.goal).length },
        context,
        now,
      }),
    ],
    result: { id },
  }))
}

export async function updateQuest(userId: string, questId: string, input: QuestEdit, now: Date): Promise<void> {
  const quest = await ownQuest(userId, questId)
  assertEditable(quest)
  await assertOwnLabels(userId, input.categoryId, input.tagIds)
  await planAndWrite(async () => ({
    statements: [
      {
        sql: `UPDATE "Quest" SET "title" = ?, "description" = ?, "difficulty" = ?, "priority" = ?, "estimatedDuration" = ?, "categoryId" = ?, "updatedAt" = ?
              WHERE "id" = ? AND "userId" = ? AND "source" <> 'team' AND "status" IN ${EDITABLE}`,
        args: [
          input.title,
          input.description,
          input.difficulty,
          input.priority,
          input.estimatedDuration,
          input.categoryId ?? null,
          ts(now),
          questId,
          userId,
        ],
      },
      guard('Quest'),
      { sql: `DELETE FROM "QuestTag" WHERE "questId" = ?`, args: [questId] },
      ...tagStatements(questId, input.tagIds, now),
    ],
    result: undefined,
  }))
}

// ─── Steps ──────────────────────────────────────────────────────────────────

/** Statements that apply only while the quest is the learner's and still open. */
const OPEN_QUEST = `EXISTS (SELECT 1 FROM "Quest" WHERE "id" = ? AND "userId" = ? AND "source" <> 'team' AND "status" IN ${EDITABLE})`

export async function addStep(userId: string, questId: string, step: NewStep, now: Date): Promise<void> {
  const quest = await ownQuest(userId, questId)
  assertEditable(quest)
  const [prepared] = await preparedSteps(userId, [step])
  await planAndWrite(async () => {
    const last = await prisma.questStep.aggregate({ where: { questId }, _max: { orderIndex: true }, _count: true })
    if (last._count >= 50) throw new Conflict('A quest has at most 50 steps.')
    const at = ts(now)
    const goal = prepared!.goal ? JSON.stringify(prepared!.goal) : null
    return {
      statements: [
        {
          sql: `INSERT INTO "QuestStep" ("id", "questId", "title", "completed", "orderIndex", "goal", "createdAt", "updatedAt")
                SELECT ?, ?, ?, 0, ?, ?, ?, ? WHERE ${OPEN_QUEST}`,
          args: [ulid(), questId, prepared!.title, (last._max.orderIndex ?? -1) + 1, goal, at, at, questId, userId],
        },
        guard('QuestStep'),
      ],
      result: undefined,
    }
  })
}

export async function removeStep(userId: string, questId: string, stepId: string): Promise<void> {
  const quest = await ownQuest(userId, questId)
  assertEditable(quest)
  await planAndWrite(async () => {
    if (!(await prisma.questStep.findFirst({ where: { id: stepId, questId }, select: { id: true } })))
      throw new NotFound('There is no such step in this quest.')
    return {
      statements: [
        {
          sql: `DELETE FROM "QuestStep" WHERE "id" = ? AND "questId" = ? AND ${OPEN_QUEST}`,
          args: [stepId, questId, questId, userId],
        },
        guard('QuestStep'),
      ],
      result: undefined,
    }
  })
}

/** Ticks (or unticks) a step by hand: only a step without a goal, while the quest is in progress. */
export async function tickStep(userId: string, questId: string, stepId: string, done: boolean, now: Date) {
  const quest = await ownQuest(userId, questId)
  const step = await prisma.questStep.findFirst({ where: { id: stepId, questId }, select: { goal: true } })
  if (!step) throw new NotFound('There is no such step in this quest.')
  const refusal = tickRefusal(quest.status, { hasGoal: storedGoal(step.goal) !== null })
  if (refusal) throw new Conflict(refusal)
  await planAndWrite(async () => ({
    statements: [
      {
        sql: `UPDATE "QuestStep" SET "completed" = ?, "completedAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "questId" = ? AND "goal" IS NULL
              AND EXISTS (SELECT 1 FROM "Quest" WHERE "id" = ? AND "userId" = ? AND "status" = 'in_progress')`,
        args: [done ? 1 : 0, done ? ts(now) : null, ts(now), stepId, questId, questId, userId],
      },
      guard('QuestStep'),
    ],
    result: undefined,
  }))
}

/** Moves a step one place up or down (the steps are renumbered 0, 1, 2 … in their new order). */
export async function moveStep(
  userId: string,
  questId: string,
  stepId: string,
  direction: 'up' | 'down',
  now: Date,
): Promise<void> {
  const quest = await ownQuest(userId, questId)
  assertEditable(quest)
  await planAndWrite(async () => {
    const steps = await prisma.questStep.findMany({
      where: { questId },
      select: { id: true, orderIndex: true },
      orderBy: [{ orderIndex: 'asc' }, { id: 'asc' }],
    })
    const from = steps.findIndex((s) => s.id === stepId)
    if (from === -1) throw new NotFound('There is no such step in this quest.')
    const to = direction === 'up' ? from - 1 : from + 1
    const order = steps.map((s) => s.id)
    if (to >= 0 && to < order.length) [order[from], order[to]] = [order[to]!, order[from]!]
    return {
      statements: [
        // Only while the quest is open and has exactly the steps this order was made from.
        {
          sql: `SELECT CASE WHEN ${OPEN_QUEST} AND (SELECT COUNT(*) FROM "QuestStep" WHERE "questId" = ?) = ? THEN 1 ELSE json('stale steps') END`,
          args: [questId, userId, questId, steps.length],
        },
        ...order.map((id, index) => ({
          sql: `UPDATE "QuestStep" SET "orderIndex" = ?, "updatedAt" = ? WHERE "id" = ? AND "questId" = ?`,
          args: [index, ts(now), id, questId],
        })),
      ],
      result: undefined,
    }
  })
}

// ─── Dependencies ───────────────────────────────────────────────────────────

/**
 * "This quest needs that one" between two of the learner's quests. A dependency that would
 * close a loop is refused with the loop in words ("A → B → C → A"); the INSERT itself also
 * refuses a loop (a recursive read in the same statement), so two concurrent additions cannot
 * make one either.
 */
export async function addDependency(
  userId: string,
  questId: string,
  prerequisiteId: string,
  type: QuestDependencyType,
  now: Date,
): Promise<void> {
  const quest = await ownQuest(userId, questId)
  const refusal = editRefusal(quest.status)
  if (refusal) throw new Conflict(refusal)
  if (!(await prisma.quest.findFirst({ where: { id: prerequisiteId, userId }, select: { id: true } })))
    throw new NotFound('There is no such quest to depend on.')
  await planAndWrite(async () => {
    const [edges, quests] = await Promise.all([
      prisma.questDependency.findMany({
        where: { dependentQuest: { userId } },
        select: { dependentQuestId: true, prerequisiteQuestId: true },
      }),
      prisma.quest.findMany({ where: { userId }, select: { id: true, title: true } }),
    ])
    if (edges.some((e) => e.dependentQuestId === questId && e.prerequisiteQuestId === prerequisiteId))
      throw new Conflict('This quest already depends on that one.', 'prerequisiteId')
    const cycle = dependencyCycle(
      edges.map((e) => ({ dependent: e.dependentQuestId, prerequisite: e.prerequisiteQuestId })),
      { dependent: questId, prerequisite: prerequisiteId },
    )
    if (cycle) {
      const titles = new Map(quests.map((q) => [q.id, q.title]))
      throw new Conflict(
        cycleRefusal(cycle, (id) => titles.get(id) ?? id),
        'prerequisiteId',
      )
    }
    return {
      statements: [
        {
          sql: `INSERT INTO "QuestDependency" ("id", "dependentQuestId", "prerequisiteQuestId", "type", "createdAt")
                SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (
                  WITH RECURSIVE "needs"("id") AS (
                    SELECT ? UNION SELECT d."prerequisiteQuestId" FROM "QuestDependency" d JOIN "needs" n ON d."dependentQuestId" = n."id"
                  ) SELECT 1 FROM "needs" WHERE "id" = ?)`,
          args: [ulid(), questId, prerequisiteId, type, ts(now), prerequisiteId, questId],
        },
        guard('QuestDependency'),
      ],
      result: undefined,
    }
  })
}

export async function removeDependency(userId: string, questId: string, dependencyId: string): Promise<void> {
  await ownQuest(userId, questId)
  await planAndWrite(async () => {
    if (!(await prisma.questDependency.findFirst({ where: { id: dependencyId, dependentQuestId: questId } })))
      throw new NotFound('There is no such dependency of this quest.')
    return {
      statements: [
        {
          sql: `DELETE FROM "QuestDependency" WHERE "id" = ? AND "dependentQuestId" = ? AND EXISTS (SELECT 1 FROM "Quest" WHERE "id" = ? AND "userId" = ?)`,
          args: [dependencyId, questId, questId, userId],
        },
        guard('QuestDependency'),
      ],
      result: undefined,
    }
  })
}

// ─── Reads ──────────────────────────────────────────────────────────────────

const SUMMARY_SELECT = {
  id: true,
  title: true,
  status: true,
  difficulty: true,
  priority: true,
  estimatedDuration: true,
  experiencePoints: true,
  source: true,
  dueAt: true,
  completedAt: true,
  createdAt: true,
  category: { select: { id: true, name: true, color: true } },
  team: { select: { id: true, name: true } },
  tags: { select: { tag: { select: { id: true, name: true, color: true } } } },
  steps: { select: { completed: true } },
} satisfies Prisma.QuestSelect

type SummaryRow = Prisma.QuestGetPayload<{ select: typeof SUMMARY_SELECT }>

function summary(q: SummaryRow) {
  return {
    id: q.id,
    title: q.title,
    status: q.status,
    statusLabel: STATUS_LABEL[q.status],
    difficulty: q.difficulty,
    priority: q.priority,
    estimatedDuration: q.estimatedDuration,
    experiencePoints: q.experiencePoints,
    source: q.source,
    team: q.team,
    dueAt: q.dueAt?.toISOString() ?? null,
    completedAt: q.completedAt?.toISOString() ?? null,
    category: q.category,
    tags: q.tags.map((t) => t.tag),
    steps: { done: q.steps.filter((s) => s.completed).length, total: q.steps.length },
  }
}
export type QuestSummary = ReturnType<typeof summary>

const PRIORITY_RANK = { urgent: 0, high: 1, medium: 2, low: 3 } as const

/**
 * The learner's quests under the filters, their own and those their teams assigned them side
 * by side; archived ones only when asked for. Most urgent first, then newest.
 */
export async function listQuests(userId: string, filters: QuestFilters = {}) {
  const rows = await prisma.quest.findMany({
    where: {
      userId,
      status: filters.status ?? { not: 'archived' },
      ...(filters.priority ? { priority: filters.priority } : {}),
      ...(filters.categoryId ? { categoryId: filters.categoryId } : {}),
      ...(filters.tagId ? { tags: { some: { tagId: filters.tagId } } } : {}),
    },
    select: SUMMARY_SELECT,
    orderBy: { createdAt: 'desc' },
    take: 500,
  })
  const quests = rows
    .map(summary)
    .sort((a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || b.id.localeCompare(a.id))
  return { own: quests.filter((q) => q.source !== 'team'), assigned: quests.filter((q) => q.source === 'team') }
}

/** One quest of the learner with everything its page shows and offers. */
export async function questDetail(userId: string, questId: string) {
  const quest = await prisma.quest.findFirst({
    where: { id: questId, userId },
    select: {
      ...SUMMARY_SELECT,
      description: true,
      actualDuration: true,
      categoryId: true,
      assignedBy: { select: { name: true, username: true } },
      steps: {
        select: { id: true, title: true, completed: true, completedAt: true, goal: true, orderIndex: true },
        orderBy: [{ orderIndex: 'asc' }, { id: 'asc' }],
      },
      prerequisites: {
        select: { id: true, type: true, prerequisiteQuest: { select: { id: true, title: true, status: true } } },
        orderBy: { createdAt: 'asc' },
      },
      dependents: {
        select: { id: true, type: true, dependentQuest: { select: { id: true, title: true, status: true } } },
        orderBy: { createdAt: 'asc' },
      },
      analytics: {
        where: { userId },
        select: {
          timeSpentMinutes: true,
          completionRate: true,
          difficultyRating: true,
          satisfactionRating: true,
          metadata: true,
        },
      },
    },
  })
  if (!quest) throw new NotFound(NO_QUEST)
  const goals = quest.steps.map((s) => storedGoal(s.goal))
  const [titles, others, categories, tags, topics] = await Promise.all([
    topicTitles(goals),
    prisma.quest.findMany({
      where: { userId, id: { not: questId }, status: { not: 'archived' } },
      select: { id: true, title: true },
      orderBy: { title: 'asc' },
      take: 500,
    }),
    prisma.questCategory.findMany({
      where: { userId },
      select: { id: true, name: true, color: true },
      orderBy: { name: 'asc' },
    }),
    prisma.tag.findMany({ where: { userId }, select: { id: true, name: true, color: true }, orderBy: { name: 'asc' } }),
    goalTopics(),
  ])
  const analytics = quest.analytics[0] ?? null
  const clock = readClock(analytics?.metadata)
  const dependsOn = new Set(quest.prerequisites.map((p) => p.prerequisiteQuest.id))
  return {
    ...summary(quest),
    description: quest.description,
    actualDuration: quest.actualDuration,
    categoryId: quest.categoryId,
    assignedBy: quest.assignedBy,
    editable: editRefusal(quest.status) === null && quest.source !== 'team',
    moves: movesFrom(quest.status),
    steps: quest.steps.map((s, i) => {
      const goal = goals[i] ?? null
      return {
        id: s.id,
        title: s.title,
        completed: s.completed,
        completedAt: s.completedAt?.toISOString() ?? null,
        goal: goal ? describeGoal(goal, 'topicId' in goal ? titles.get(goal.topicId) : null) : null,
      }
    }),
    prerequisites: quest.prerequisites.map((p) => ({ id: p.id, type: p.type, quest: p.prerequisiteQuest })),
    dependents: quest.dependents.map((d) => ({ id: d.id, type: d.type, quest: d.dependentQuest })),
    dependencyCandidates: others.filter((q) => !dependsOn.has(q.id)),
    analytics: analytics && {
      timeSpentMinutes: analytics.timeSpentMinutes,
      completionRate: analytics.completionRate,
      difficultyRating: analytics.difficultyRating,
      satisfactionRating: analytics.satisfactionRating,
      inProgressSince: clock.inProgressSince,
    },
    choices: { categories, tags, topics },
  }
}
export type QuestDetail = Awaited<ReturnType<typeof questDetail>>
