import type { NotificationEvent } from '~/modules/notifications/notify.server'
import { notify } from '~/modules/notifications/notify.server'
import { unrecordedEvents } from '~/modules/notifications/recorded.server'
import { databaseReady, prisma } from '~/utils/db.server'
import { challengeLink, startedMessage, startedTitle } from './announcement-rules'

/**
 * "The challenge has started" (docs/notifications-events.md, "Events"), sent by the exclusive job
 * 'challenges:announce-starts' (jobs.server.ts) every quarter hour. A challenge's start is a moment
 * in time, not a write, so the job looks at the challenges that started within START_LOOKBACK_MS
 * and are still running; eventKey `challenge-start:<id>` makes each learner's notification once.
 * Who hears of it: the participants of a global challenge (it is open to everyone: joining is
 * what asks for news of it); every member of the team of a team challenge, joined or not (the
 * challenge is theirs). Recipients are read in keyset batches; anonymised accounts are left out.
 * Reads teams' TeamMember and accounts' User.
 */

/** Long enough to cover a day without the scheduler; a challenge made after its start is not "starting". */
export const START_LOOKBACK_MS = 24 * 60 * 60 * 1000
export const ANNOUNCE_BATCH = 500

/** Announces every challenge that has started by `now`; returns how many notifications it recorded. */
export async function announceStartedChallenges(now: Date, batch = ANNOUNCE_BATCH): Promise<number> {
  const started = await prisma.challenge.findMany({
    where: {
      isActive: true,
      startDate: { lte: now, gt: new Date(now.getTime() - START_LOOKBACK_MS) },
      endDate: { gt: now },
      OR: [{ teamId: null }, { team: { archivedAt: null } }],
    },
    select: { id: true, title: true, teamId: true },
    orderBy: { startDate: 'asc' },
  })
  let sent = 0
  for (const challenge of started) sent += await announceStart(challenge, now, batch)
  return sent
}

async function announceStart(
  challenge: { id: string; title: string; teamId: string | null },
  now: Date,
  batch: number,
): Promise<number> {
  const db = await databaseReady()
  const eventKey = `challenge-start:${challenge.id}`
  let after = ''
  let sent = 0
  for (;;) {
    const { rows } = await db.execute(
      challenge.teamId
        ? {
            sql: `SELECT m."userId" AS "userId", EXISTS (SELECT 1 FROM "UserChallenge" p WHERE p."challengeId" = ? AND p."userId" = m."userId") AS "joined"
                  FROM "TeamMember" m JOIN "User" u ON u."id" = m."userId"
                  WHERE m."teamId" = ? AND m."userId" > ? AND u."anonymizedAt" IS NULL
                  ORDER BY m."userId" LIMIT ?`,
            args: [challenge.id, challenge.teamId, after, batch],
          }
        : {
            sql: `SELECT p."userId" AS "userId", 1 AS "joined"
                  FROM "UserChallenge" p JOIN "User" u ON u."id" = p."userId"
                  WHERE p."challengeId" = ? AND p."userId" > ? AND u."anonymizedAt" IS NULL
                  ORDER BY p."userId" LIMIT ?`,
            args: [challenge.id, after, batch],
          },
    )
    if (rows.length === 0) break
    after = String(rows[rows.length - 1]!.userId)
    const candidates = rows.map((row) => ({ userId: String(row.userId), eventKey, joined: Number(row.joined) === 1 }))
    const events = (await unrecordedEvents(candidates)).map((c): NotificationEvent => ({
      userId: c.userId,
      type: 'challenge_started',
      eventKey,
      title: startedTitle(challenge.title),
      message: startedMessage(c.joined),
      link: challengeLink(challenge.id),
      data: { challengeId: challenge.id, joined: c.joined },
    }))
    await notify(events, now)
    sent += events.length
    if (rows.length < batch) break
  }
  return sent
}
