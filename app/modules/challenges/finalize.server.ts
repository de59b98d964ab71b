import type { InStatement } from '@libsql/client'
import { databaseReady, prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { type NotificationEvent, notificationStatements } from '~/modules/notifications/notify.server'
import { EVERY_HOUR } from '~/modules/system/scheduled-jobs.server'
import { log } from '~/utils/log.server'
import { ENDED_MESSAGE, challengeLink, endedTitle } from './announcement-rules'
import { CHALLENGE_BADGES, STREAK_BADGE_DAYS, longestRun } from './badge-rules'
import { SCORING_SELECT, attemptInScope, withScopes } from './score-statements.server'

/**
 * The end of a challenge (docs/challenges.md, "Finalisation"), run by the exclusive scheduled job
 * 'challenges:finalize' (jobs.server.ts): for each challenge whose end has passed and that is not
 * finalised yet, one atomic batch
 *  1. sets Challenge.finalizedAt — guarded by `finalizedAt IS NULL`, so a second run (another
 *     instance, the next period, a re-run by hand) aborts its batch and writes nothing;
 *  2. freezes the standard competition rank of every entry (RANK() over the score) with isFinal;
 *  3. awards the badges of badge-rules.ts: one placing badge (rank 1, 2–3, 4–10) and the finisher
 *     badge to everyone who scored, the streak badge to who practised STREAK_BADGE_DAYS days in a
 *     row inside the window — each once per learner and challenge (ON CONFLICT DO NOTHING on the
 *     unique index, for good measure);
 *  4. records a `challenge_ended` notification with their final rank for every participant who
 *     can still see the challenge (eventKey `challenge-end:<id>`).
 * Scores need no last update: every answer after the end leaves them alone.
 */

/**
 * The job's period: a challenge is finalised within the hour after its end (its scores stopped
 * moving at the end already; the page says the final standings follow). Hourly like the app's
 * other jobs, so one tick an hour claims it once across instances.
 */
export const FINALIZE_EVERY_MS = EVERY_HOUR

/** Finalises every challenge that has ended by `now`; returns how many it finalised. */
export async function finalizeEndedChallenges(now: Date): Promise<number> {
  const due = await prisma.challenge.findMany({
    where: { isActive: true, finalizedAt: null, endDate: { lte: now } },
    select: { id: true },
    orderBy: { endDate: 'asc' },
    take: 100,
  })
  let finalized = 0
  for (const { id } of due) if (await finalizeChallenge(id, now)) finalized++
  return finalized
}

const badgeRows = (at: string): InStatement[] =>
  CHALLENGE_BADGES.map((b) => ({
    sql: `INSERT INTO "Badge" ("id", "key", "name", "description", "icon", "criteria", "createdAt", "updatedAt")
          VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("key") DO NOTHING`,
    args: [
      `badge-${b.key}`,
      b.key,
      b.name,
      b.description,
      b.icon,
      JSON.stringify(
        b.ranks
          ? { rankAtLeast: b.ranks.from, rankAtMost: b.ranks.to, minScore: 1 }
          : b.key === 'challenge-streak'
            ? { daysInARow: STREAK_BADGE_DAYS }
            : { minScore: 1 },
      ),
      at,
      at,
    ],
  }))

const award = (where: string) =>
  `INSERT INTO "UserChallengeBadge" ("id", "userId", "challengeId", "badgeId", "rank", "createdAt")
   SELECT lower(hex(randomblob(16))), e."userId", e."challengeId", (SELECT "id" FROM "Badge" WHERE "key" = ?), e."rank", ?
   FROM "LeaderboardEntry" e WHERE e."challengeId" = ? AND e."score" > 0 AND ${where}
   ON CONFLICT ("userId", "challengeId", "badgeId") DO NOTHING`

/** Finalises one ended challenge; false when it was already finalised (or has not ended). */
export async function finalizeChallenge(challengeId: string, now: Date): Promise<boolean> {
  const challenge = await prisma.challenge.findFirst({
    where: { id: challengeId, finalizedAt: null, endDate: { lte: now } },
    select: { ...SCORING_SELECT, title: true, teamId: true },
  })
  if (!challenge) return false
  const [scored] = await withScopes([challenge])
  const at = toDbTimestamp(now)
  const [streakers, ended] = await Promise.all([
    streakParticipants(scored!),
    endedEvents(challengeId, challenge.title, challenge.teamId),
  ])

  const statements: InStatement[] = [
    {
      sql: `UPDATE "Challenge" SET "finalizedAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "finalizedAt" IS NULL AND "endDate" <= ?`,
      args: [at, at, challengeId, at],
    },
    { sql: `SELECT CASE WHEN changes() = 1 THEN 1 ELSE json('finalised ' || ?) END`, args: [challengeId] },
    {
      sql: `UPDATE "LeaderboardEntry" SET "rank" = r."rank", "isFinal" = 1, "updatedAt" = ?
            FROM (SELECT "id", RANK() OVER (ORDER BY "score" DESC) AS "rank" FROM "LeaderboardEntry" WHERE "challengeId" = ?) r
            WHERE "LeaderboardEntry"."id" = r."id"`,
      args: [at, challengeId],
    },
    {
      sql: `UPDATE "UserChallenge" SET "completedAt" = ?, "updatedAt" = ? WHERE "challengeId" = ? AND "score" > 0 AND "completedAt" IS NULL`,
      args: [at, at, challengeId],
    },
    ...badgeRows(at),
  ]
  for (const badge of CHALLENGE_BADGES) {
    if (badge.ranks)
      statements.push({
        sql: award(`e."rank" BETWEEN ? AND ?`),
        args: [badge.key, at, challengeId, badge.ranks.from, badge.ranks.to],
      })
    else if (badge.key === 'challenge-finisher')
      statements.push({ sql: award('1'), args: [badge.key, at, challengeId] })
  }
  for (const userId of streakers)
    statements.push({ sql: award(`e."userId" = ?`), args: ['challenge-streak', at, challengeId, userId] })
  for (const event of ended) statements.push(...notificationStatements(event, now))

  try {
    await writeBatch(statements)
  } catch (error) {
    if (/malformed JSON/.test(String((error as Error)?.message))) return false // finalised by another run meanwhile
    throw error
  }
  log.info('challenge finalised', { challengeId, streakBadges: streakers.length })
  return true
}

/**
 * Each participant's `challenge_ended`, with the rank the batch freezes: the same RANK() over the
 * scores, which stopped moving at the end. Left out: anonymised accounts, and for a team
 * challenge whoever left the team (the challenge is no longer theirs to see).
 */
async function endedEvents(challengeId: string, title: string, teamId: string | null): Promise<NotificationEvent[]> {
  const db = await databaseReady()
  const { rows } = await db.execute({
    sql: `SELECT r."userId", r."score", r."rank", r."participants" FROM (
            SELECT "userId", "score", RANK() OVER (ORDER BY "score" DESC) AS "rank", COUNT(*) OVER () AS "participants"
            FROM "LeaderboardEntry" WHERE "challengeId" = ?) r
          JOIN "User" u ON u."id" = r."userId"
          WHERE u."anonymizedAt" IS NULL
            AND (? IS NULL OR EXISTS (SELECT 1 FROM "TeamMember" m WHERE m."teamId" = ? AND m."userId" = r."userId"))`,
    args: [challengeId, teamId, teamId],
  })
  return rows.map((row) => {
    const rank = Number(row.rank)
    const participants = Number(row.participants)
    return {
      userId: String(row.userId),
      type: 'challenge_ended',
      eventKey: `challenge-end:${challengeId}`,
      title: endedTitle(title, rank, participants),
      message: ENDED_MESSAGE,
      link: challengeLink(challengeId),
      data: { challengeId, rank, participants, score: Number(row.score) },
    }
  })
}

/** Participants with a right answer in scope on STREAK_BADGE_DAYS learner days in a row inside the window. */
async function streakParticipants(challenge: Awaited<ReturnType<typeof withScopes>>[number]): Promise<string[]> {
  const scope = attemptInScope(challenge.scope)
  const db = await databaseReady()
  const { rows } = await db.execute({
    sql: `SELECT DISTINCT a."userId" AS "userId", a."dayKey" AS "dayKey"
          FROM "LeaderboardEntry" e JOIN "UserTaskAttempt" a ON a."userId" = e."userId"
          WHERE e."challengeId" = ? AND e."score" > 0 AND a."completedAt" >= ? AND a."completedAt" < ? AND a."isCorrect" = 1 AND ${scope.sql}`,
    args: [challenge.id, toDbTimestamp(challenge.startDate), toDbTimestamp(challenge.endDate), ...scope.args],
  })
  const days = new Map<string, string[]>()
  for (const row of rows) {
    const userId = String(row.userId)
    days.set(userId, [...(days.get(userId) ?? []), String(row.dayKey)])
  }
  return [...days].filter(([, keys]) => longestRun(keys) >= STREAK_BADGE_DAYS).map(([userId]) => userId)
}
