import type { InStatement } from '@libsql/client'
import { databaseReady, prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { parsedJson } from '~/utils/db/row-values'
import { Invalid } from '~/utils/errors.server'
import { type GoalFacts, type StepGoal, type StoredGoal, goalMet, goalTopicId, storedGoal } from './step-goal'

/**
 * Learning steps of quests (docs/quests.md, "Learning steps"): a step with a goal ticks itself
 * from the learner's learning facts. The facts are read from the learning module's tables
 * (UserTaskAttempt, UserTopicXp, ConceptMastery, ReviewCard, ReviewLog) and content's
 * TopicXpConfig — reads only, each documented where it is made (ADR 0009); nothing here
 * writes a table of another module.
 */
export interface TickedStep {
  questId: string
  questTitle: string
  stepTitle: string
}

/** The topics a learning step may name (id and title), for the goal forms. Reads content's TopicXpConfig. */
export async function goalTopics(): Promise<{ id: string; title: string }[]> {
  return prisma.topicXpConfig.findMany({ select: { id: true, title: true }, orderBy: { title: 'asc' } })
}

/** The titles of the topics some goals name (TopicXpConfig read). */
export async function topicTitles(goals: readonly (StepGoal | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(goals.map((g) => (g ? goalTopicId(g) : null)).filter((id): id is string => id !== null))]
  if (ids.length === 0) return new Map()
  const topics = await prisma.topicXpConfig.findMany({ where: { id: { in: ids } }, select: { id: true, title: true } })
  return new Map(topics.map((t) => [t.id, t.title]))
}

/**
 * A goal as it is stored for this learner: the topic must exist (Invalid naming the `goal`
 * field otherwise), and where the learner stands now is kept as its baseline (quest-xp.ts).
 * Reads learning's UserTopicXp.level and ConceptMastery.mastery of the learner.
 */
export async function prepareGoal(userId: string, goal: StepGoal): Promise<StoredGoal> {
  const topicId = goalTopicId(goal)
  if (topicId) {
    const topic = await prisma.topicXpConfig.findUnique({ where: { id: topicId }, select: { id: true } })
    if (!topic) throw new Invalid('Choose a topic from the list for the learning step.', 'goal')
  }
  switch (goal.kind) {
    case 'topic_level': {
      const row = await prisma.userTopicXp.findUnique({
        where: { userId_topicId: { userId, topicId: goal.topicId } },
        select: { level: true },
      })
      return { ...goal, baseline: row?.level ?? 1 }
    }
    case 'concept_mastery': {
      const row = await prisma.conceptMastery.findUnique({
        where: { userId_concept: { userId, concept: goal.concept } },
        select: { mastery: true },
      })
      return { ...goal, baseline: row?.mastery ?? 0 }
    }
    default:
      return goal
  }
}

/** The facts one step's goal is checked against, read from learning's tables (see the module comment). */
async function factsFor(userId: string, goal: StepGoal, since: Date, now: Date): Promise<GoalFacts> {
  const facts: GoalFacts = { correctAnswersSince: 0, topicLevel: 1, conceptLevel: null, dueReviews: 0, reviewsSince: 0 }
  switch (goal.kind) {
    case 'answer_tasks':
      facts.correctAnswersSince = await prisma.userTaskAttempt.count({
        where: { userId, topicId: goal.topicId, isCorrect: true, completedAt: { gte: since } },
      })
      break
    case 'topic_level':
      facts.topicLevel =
        (
          await prisma.userTopicXp.findUnique({
            where: { userId_topicId: { userId, topicId: goal.topicId } },
            select: { level: true },
          })
        )?.level ?? 1
      break
    case 'concept_mastery':
      facts.conceptLevel =
        (
          await prisma.conceptMastery.findUnique({
            where: { userId_concept: { userId, concept: goal.concept } },
            select: { level: true },
          })
        )?.level ?? null
      break
    case 'clear_reviews':
      // A review is an answer to a card that had been seen before (ReviewLog.state is the state before it).
      ;[facts.dueReviews, facts.reviewsSince] = await Promise.all([
        prisma.reviewCard.count({ where: { userId, due: { lte: now } } }),
        prisma.reviewLog.count({ where: { userId, review: { gte: since }, state: { not: 'new' } } }),
      ])
      break
  }
  return facts
}

/** The unticked steps with a goal of the learner's quests in progress, in quest and step order. */
const OPEN_GOAL_STEPS_SQL = `
  SELECT s."id", s."title", s."goal", s."createdAt", q."id" AS "questId", q."title" AS "questTitle"
  FROM "Quest" q JOIN "QuestStep" s ON s."questId" = q."id"
  WHERE q."userId" = ? AND q."status" = 'in_progress' AND s."completed" = 0 AND s."goal" IS NOT NULL
  ORDER BY s."questId", s."orderIndex"`

/**
 * Ticks the learner's open learning steps whose goals are met now: every unticked step with a
 * goal of the learner's quests in progress, checked against the learning facts, the met ones
 * ticked in one batch. Returns the steps this call ticked (a step ticked meanwhile by another
 * call is not returned twice). Called after every answer (app/modules/progress-events.server.ts)
 * and when a quest starts; costs one read when the learner has no open learning step.
 */
export async function advanceLearningGoals(userId: string, now: Date): Promise<TickedStep[]> {
  // Raw SQL: this runs after every answer, and one plain read costs a fraction of Prisma's two for a nested select.
  const db = await databaseReady()
  const open = (await db.execute({ sql: OPEN_GOAL_STEPS_SQL, args: [userId] })).rows.map((row) => ({
    id: String(row.id),
    title: String(row.title),
    goal: parsedJson(row.goal),
    createdAt: new Date(String(row.createdAt)),
    quest: { id: String(row.questId), title: String(row.questTitle) },
  }))
  const met: typeof open = []
  for (const step of open) {
    const goal = storedGoal(step.goal)
    if (goal && goalMet(goal, await factsFor(userId, goal, step.createdAt, now))) met.push(step)
  }
  if (met.length === 0) return []
  const at = toDbTimestamp(now)
  const statements: InStatement[] = met.map((step) => ({
    sql: `UPDATE "QuestStep" SET "completed" = 1, "completedAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "completed" = 0
          AND EXISTS (SELECT 1 FROM "Quest" WHERE "id" = "QuestStep"."questId" AND "userId" = ? AND "status" = 'in_progress')`,
    args: [at, at, step.id, userId],
  }))
  const results = await writeBatch(statements)
  return met
    .filter((_step, i) => (results[i]?.rowsAffected ?? 0) === 1)
    .map((step) => ({ questId: step.quest.id, questTitle: step.quest.title, stepTitle: step.title }))
}
