import type { MasteryLevel } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { type TaskEvidence, assessConcept } from './mastery'
import { recallProbability } from './scheduling'
import { CARD_SELECT } from './submission-state.server'

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

export async function currentMasteries(userId: string, now: Date): Promise<ConceptNow[]> {
  const rows = await prisma.conceptMastery.findMany({
    where: { userId },
    select: { concept: true, topicId: true, mastery: true, level: true },
  })
  if (rows.length === 0) return []

  const [cards, answers, taskCounts] = await Promise.all([
    prisma.reviewCard.findMany({
      where: { userId, task: { active: true } },
      select: {
        ...CARD_SELECT,
        taskId: true,
        task: { select: { concepts: true } },
        topic: { select: { scheduler: true } },
      },
    }),
    prisma.$queryRaw<
      Array<{
        taskId: string
        attempts: number | bigint
        correctDays: number | bigint
        lastCorrect: number | bigint | null
      }>
    >`
      SELECT a."taskId" AS "taskId", COUNT(*) AS "attempts",
        COUNT(DISTINCT CASE WHEN a."isCorrect" = 1 AND a."hintUsed" = 0 THEN a."dayKey" END) AS "correctDays",
        (SELECT (b."isCorrect" = 1 AND b."hintUsed" = 0) FROM "UserTaskAttempt" b
          WHERE b."userId" = a."userId" AND b."taskId" = a."taskId" ORDER BY b."completedAt" DESC, b."id" DESC LIMIT 1) AS "lastCorrect"
      FROM "UserTaskAttempt" a WHERE a."userId" = ${userId} GROUP BY a."taskId"`,
    prisma.$queryRaw<Array<{ concept: string; n: number | bigint }>>`
      SELECT j.value AS "concept", COUNT(*) AS "n" FROM "Task" t, json_each(t."concepts") j
      WHERE t."active" = 1 AND (t."ownerId" IS NULL OR t."ownerId" = ${userId}) AND j.value IN (SELECT "concept" FROM "ConceptMastery" WHERE "userId" = ${userId})
      GROUP BY j.value`,
  ])

  const answered = new Map(
    answers.map((a) => [
      a.taskId,
      {
        attempts: Number(a.attempts),
        correctDays: Number(a.correctDays),
        lastCorrect: Number(a.lastCorrect ?? 0) === 1,
      },
    ]),
  )
  const evidence = new Map<string, TaskEvidence[]>()
  for (const card of cards) {
    const history = answered.get(card.taskId)
    if (!history) continue
    const item: TaskEvidence = { recall: recallProbability(card, now, card.topic.scheduler), ...history }
    for (const concept of asStrings(card.task.concepts)) evidence.set(concept, [...(evidence.get(concept) ?? []), item])
  }
  const counts = new Map(taskCounts.map((c) => [c.concept, Number(c.n)]))

  return rows.map((row) => {
    const own = evidence.get(row.concept)
    const taskCount = counts.get(row.concept) ?? 0
    // No active task left to judge by (content was retired): keep the last stored score.
    if (!own?.length || taskCount === 0) return row
    return { concept: row.concept, topicId: row.topicId, ...assessConcept(own, { taskCount }) }
  })
}
