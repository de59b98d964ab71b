import type { MasteryLevel, Scheduler } from '~/generated/prisma/client'
import { visibleTaskSql } from '~/modules/content/own-tasks.server'
import { databaseReady } from '~/utils/db.server'
import { parsedJson, textOrNull } from '~/utils/db/row-values'
import { type TaskEvidence, assessConcept } from './mastery'
import { recallProbability } from './scheduling'
import { cardColumnsSql, cardOf } from './submission-state.server'

/**
 * A learner's concept mastery as of `now`. The ConceptMastery rows are written when the
 * learner answers a task of the concept; between answers predicted recall keeps falling,
 * so pages recompute the score from the same evidence the submission uses (the learner's
 * cards of the concept's active tasks, and their answers) — mastery fades on screen when
 * reviews are skipped (docs/scheduling.md). Read only: nothing is written back.
 */
export interface ConceptNow {
  concept: string
  topicId: string | null
  mastery: number
  level: MasteryLevel
}

const asStrings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []

/** The learner's cards of active tasks, with the task's concepts and the topic's scheduler. */
const CARDS_SQL = `
  SELECT ${cardColumnsSql('c')}, c."taskId", t."concepts", p."scheduler"
  FROM "ReviewCard" c JOIN "Task" t ON t."id" = c."taskId" JOIN "TopicXpConfig" p ON p."id" = c."topicId"
  WHERE c."userId" = ? AND t."active" = 1`

/** Per task the learner answered: answers, distinct days with a clean answer, whether the last one was clean. */
const ANSWERS_SQL = `
  SELECT a."taskId" AS "taskId", COUNT(*) AS "attempts",
    COUNT(DISTINCT CASE WHEN a."isCorrect" = 1 AND a."hintUsed" = 0 THEN a."dayKey" END) AS "correctDays",
    (SELECT (b."isCorrect" = 1 AND b."hintUsed" = 0) FROM "UserTaskAttempt" b
      WHERE b."userId" = a."userId" AND b."taskId" = a."taskId" ORDER BY b."completedAt" DESC, b."id" DESC LIMIT 1) AS "lastCorrect"
  FROM "UserTaskAttempt" a WHERE a."userId" = ? GROUP BY a."taskId"`

/** How many active tasks the learner can see name each of their concepts (the submission counts the same way). */
const TASK_COUNTS_SQL = `
  SELECT j.value AS "concept", COUNT(*) AS "n" FROM (SELECT ? AS "id") me, "Task" t, json_each(t."concepts") j
  WHERE t."active" = 1 AND ${visibleTaskSql('t', 'me."id"')} AND j.value IN (SELECT "concept" FROM "ConceptMastery" WHERE "userId" = me."id")
  GROUP BY j.value`

// The dashboard and the progress page both read this: plain statements, not ORM queries (the ORM's
// relations made the card read three statements, and its own work cost more than SQLite's).
export async function currentMasteries(userId: string, now: Date): Promise<ConceptNow[]> {
  const db = await databaseReady()
  const rows = (
    await db.execute({
      sql: `SELECT "concept", "topicId", "mastery", "level" FROM "ConceptMastery" WHERE "userId" = ?`,
      args: [userId],
    })
  ).rows.map((row) => ({
    concept: String(row.concept),
    topicId: textOrNull(row.topicId),
    mastery: Number(row.mastery),
    level: row.level as MasteryLevel,
  }))
  if (rows.length === 0) return []

  const [cards, answers, taskCounts] = await Promise.all([
    db.execute({ sql: CARDS_SQL, args: [userId] }),
    db.execute({ sql: ANSWERS_SQL, args: [userId] }),
    db.execute({ sql: TASK_COUNTS_SQL, args: [userId] }),
  ])

  const answered = new Map(
    answers.rows.map((a) => [
      String(a.taskId),
      {
        attempts: Number(a.attempts),
        correctDays: Number(a.correctDays),
        lastCorrect: Number(a.lastCorrect ?? 0) === 1,
      },
    ]),
  )
  const evidence = new Map<string, TaskEvidence[]>()
  for (const row of cards.rows) {
    const history = answered.get(String(row.taskId))
    if (!history) continue
    const item: TaskEvidence = { recall: recallProbability(cardOf(row), now, row.scheduler as Scheduler), ...history }
    for (const concept of asStrings(parsedJson(row.concepts)))
      evidence.set(concept, [...(evidence.get(concept) ?? []), item])
  }
  const counts = new Map(taskCounts.rows.map((c) => [String(c.concept), Number(c.n)]))

  return rows.map((row) => {
    const own = evidence.get(row.concept)
    const taskCount = counts.get(row.concept) ?? 0
    // No active task left to judge by (content was retired): keep the last stored score.
    if (!own?.length || taskCount === 0) return row
    return { concept: row.concept, topicId: row.topicId, ...assessConcept(own, { taskCount }) }
  })
}
