import type { InStatement, InValue } from '@libsql/client'
import type { ChallengeMetric, Prisma } from '~/generated/prisma/client'
import { prisma, toDbTimestamp } from '~/utils/db.server'
import { type ChallengeScope, TASK_MASTERED_AT, type MemoryCard, WHOLE_CATALOGUE } from './scoring-rules'

/**
 * The writes of a participant's score (docs/challenges.md, "Scoring"): UserChallenge.score is set
 * from the learner's rows — recomputed, never incremented, so a statement that runs twice or
 * after a missed answer still leaves the right score — and LeaderboardEntry copies it with the
 * instant it changed. Both are no-ops once the challenge ended or was finalised: scores never
 * change after the end. XP and tasks mastered are computed by SQL inside the batch that
 * records the answer (it sees the answer's own rows); retained memory needs the FSRS forgetting
 * curve, which SQLite cannot compute, so it is computed by the caller and passed in.
 * The board's score counts (LeaderboardScoreCount, read for ranks) follow LeaderboardEntry through
 * its triggers, inside the same UPDATE: nothing here writes them.
 */

/** What scoring needs of a challenge row. */
export const SCORING_SELECT = {
  id: true,
  metric: true,
  topicId: true,
  rules: true,
  startDate: true,
  endDate: true,
} satisfies Prisma.ChallengeSelect

export type ChallengeRow = Prisma.ChallengeGetPayload<{ select: typeof SCORING_SELECT }>

export interface ScoredChallenge {
  id: string
  metric: ChallengeMetric
  scope: ChallengeScope
  startDate: Date
  endDate: Date
}

const strings = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null

/** Challenge.rules as written by createChallenge: `{ topics?: slug[], concepts?: key[] }`. */
export function parseRules(rules: unknown): { topics: string[] | null; concepts: string[] | null } {
  const object = rules && typeof rules === 'object' && !Array.isArray(rules) ? (rules as Record<string, unknown>) : {}
  const topics = strings(object.topics)
  const concepts = strings(object.concepts)
  return { topics: topics?.length ? topics : null, concepts: concepts?.length ? concepts : null }
}

/** The scopes of challenge rows, with one read for the topic slugs their rules name. */
export async function withScopes(rows: readonly ChallengeRow[]): Promise<ScoredChallenge[]> {
  const parsed = rows.map((row) => ({ row, rules: parseRules(row.rules) }))
  const slugs = [...new Set(parsed.flatMap((p) => p.rules.topics ?? []))]
  const ids = new Map(
    slugs.length
      ? (await prisma.topicXpConfig.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } })).map(
          (t) => [t.slug, t.id],
        )
      : [],
  )
  return parsed.map(({ row, rules }) => {
    const fromRules = rules.topics ? rules.topics.flatMap((slug) => ids.get(slug) ?? []) : null
    const topicIds = row.topicId ? [row.topicId, ...(fromRules ?? [])] : fromRules
    return {
      id: row.id,
      metric: row.metric,
      scope:
        topicIds || rules.concepts
          ? { topicIds: topicIds ? [...new Set(topicIds)] : null, concepts: rules.concepts }
          : WHOLE_CATALOGUE,
      startDate: row.startDate,
      endDate: row.endDate,
    }
  })
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ')

/** The SQL condition "attempt `a` is of a task in scope". */
export function attemptInScope(scope: ChallengeScope): { sql: string; args: InValue[] } {
  // Learners' own tasks (made from tutor answers) never score: their authors could farm them.
  const parts: string[] = [`a."taskId" NOT IN (SELECT o."id" FROM "Task" o WHERE o."ownerId" IS NOT NULL)`]
  const args: InValue[] = []
  if (scope.topicIds) {
    parts.push(scope.topicIds.length ? `a."topicId" IN (${marks(scope.topicIds.length)})` : '0')
    args.push(...scope.topicIds)
  }
  if (scope.concepts) {
    parts.push(
      `EXISTS (SELECT 1 FROM "Task" t, json_each(t."concepts") j WHERE t."id" = a."taskId" AND j.value IN (${marks(scope.concepts.length)}))`,
    )
    args.push(...scope.concepts)
  }
  return { sql: parts.join(' AND '), args }
}

/** SQL for a participant's score from their attempts (xp, tasks_mastered); args: userId, window, scope. */
export function scoreQuery(challenge: ScoredChallenge, userId: string): { sql: string; args: InValue[] } {
  const scope = attemptInScope(challenge.scope)
  const window = [userId, toDbTimestamp(challenge.startDate), toDbTimestamp(challenge.endDate)]
  const from = `FROM "UserTaskAttempt" a WHERE a."userId" = ? AND a."completedAt" >= ? AND a."completedAt" < ?`
  if (challenge.metric === 'xp')
    return { sql: `SELECT COALESCE(SUM(a."xpEarned"), 0) ${from} AND ${scope.sql}`, args: [...window, ...scope.args] }
  if (challenge.metric === 'tasks_mastered')
    return {
      sql: `SELECT COUNT(DISTINCT a."taskId") ${from} AND a."masteryLevel" >= ? AND ${scope.sql}`,
      args: [...window, TASK_MASTERED_AT, ...scope.args],
    }
  throw new Error(`challenge metric ${challenge.metric} is not scored in SQL`)
}

/**
 * Sets the participant's score: from SQL over their attempts, or to `computed` (retained memory).
 * Writes nothing for a non-participant, and nothing once the challenge ended or was finalised.
 */
export function scoreStatements(
  challenge: ScoredChallenge,
  userId: string,
  now: Date,
  computed?: number,
): InStatement[] {
  const at = toDbTimestamp(now)
  const value =
    computed === undefined
      ? scoreQuery(challenge, userId)
      : { sql: 'SELECT ?', args: [Math.round(computed)] as InValue[] }
  const open = `EXISTS (SELECT 1 FROM "Challenge" c WHERE c."id" = ? AND c."finalizedAt" IS NULL AND c."endDate" > ?)`
  const own = `(SELECT uc."score" FROM "UserChallenge" uc WHERE uc."challengeId" = ? AND uc."userId" = ?)`
  return [
    {
      sql: `UPDATE "UserChallenge" SET "score" = (${value.sql}), "updatedAt" = ? WHERE "challengeId" = ? AND "userId" = ? AND ${open}`,
      args: [...value.args, at, challenge.id, userId, challenge.id, at],
    },
    {
      sql: `UPDATE "LeaderboardEntry" SET "score" = ${own}, "scoreReachedAt" = ?, "updatedAt" = ?
            WHERE "challengeId" = ? AND "userId" = ? AND "isFinal" = 0 AND "score" <> ${own} AND ${open}`,
      args: [challenge.id, userId, at, at, challenge.id, userId, challenge.id, userId, challenge.id, at],
    },
  ]
}

/** A card as the memory read gives it (ReviewCard with its task's concepts and topic's scheduler). */
export const MEMORY_CARD_SELECT = {
  taskId: true,
  topicId: true,
  stability: true,
  difficulty: true,
  lastReview: true,
  reps: true,
  state: true,
  scheduledDays: true,
  task: { select: { concepts: true } },
  topic: { select: { scheduler: true } },
} satisfies Prisma.ReviewCardSelect

/** The learner's cards reviewed since `since`, for retained memory. */
export async function memoryCards(userId: string, since: Date): Promise<MemoryCard[]> {
  const rows = await prisma.reviewCard.findMany({
    where: { userId, lastReview: { gte: since }, task: { ownerId: null } },
    select: MEMORY_CARD_SELECT,
  })
  return rows.map(({ task, topic, ...card }) => ({
    ...card,
    concepts: strings(task.concepts) ?? [],
    scheduler: topic.scheduler,
  }))
}
