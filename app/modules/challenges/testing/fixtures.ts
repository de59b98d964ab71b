import type { ChallengeMetric, Prisma } from '~/generated/prisma/client'
import { databaseReady, prisma } from '~/utils/db.server'
import { SCORE_COUNT_SHIFTS } from '../ranking-rules'

/** Test fixtures for the challenges module: challenges written straight to the database, session users. */

export const HOUR = 60 * 60 * 1000
export const DAY = 24 * HOUR

/** A running challenge (started an hour ago, ends in a week) unless told otherwise. */
export async function createChallengeRow(
  overrides: Partial<Prisma.ChallengeUncheckedCreateInput> & { metric?: ChallengeMetric } = {},
) {
  const now = Date.now()
  return prisma.challenge.create({
    data: {
      title: 'Test challenge',
      description: 'A challenge for tests',
      startDate: new Date(now - HOUR),
      endDate: new Date(now + 7 * DAY),
      ...overrides,
    },
    select: { id: true, startDate: true, endDate: true },
  })
}

export async function scores(challengeId: string) {
  const [participants, entries] = await Promise.all([
    prisma.userChallenge.findMany({ where: { challengeId }, select: { userId: true, score: true } }),
    prisma.leaderboardEntry.findMany({
      where: { challengeId },
      select: { userId: true, score: true, scoreReachedAt: true, rank: true, isFinal: true },
    }),
  ])
  return { participants, entries }
}

/**
 * The challenge's LeaderboardScoreCount rows with a count (rows at 0 may stay) beside the same counts computed
 * afresh by a GROUP BY of its LeaderboardEntry rows, as sorted "level:bucket:count" strings: equal when the
 * triggers kept them.
 */
export async function scoreCountsAndGroupBy(challengeId: string) {
  const db = await databaseReady()
  const list = async (sql: string) =>
    (await db.execute({ sql, args: [challengeId] })).rows.map((r) => `${r.level}:${r.bucket}:${r.n}`).sort()
  const fresh = SCORE_COUNT_SHIFTS.map(
    (shift, level) =>
      `SELECT ${level} AS "level", "score" >> ${shift} AS "bucket", COUNT(*) AS "n" FROM "LeaderboardEntry"
       WHERE "challengeId" = ?1 GROUP BY "score" >> ${shift}`,
  ).join(' UNION ALL ')
  const [counts, groupBy] = await Promise.all([
    list(
      `SELECT "level", "bucket", "count" AS "n" FROM "LeaderboardScoreCount" WHERE "challengeId" = ? AND "count" <> 0`,
    ),
    list(fresh),
  ])
  return { counts, groupBy }
}
