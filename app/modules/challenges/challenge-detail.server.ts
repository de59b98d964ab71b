import type { ChallengeMetric } from '~/generated/prisma/client'
import { teamRoleCan } from '~/modules/accounts/permissions'
import type { SessionUser } from '~/modules/accounts/session.server'
import { databaseReady, prisma, toDbTimestamp } from '~/utils/db.server'
import { addDays, learnerDay } from '~/utils/time'
import { type Board, challengeBoard, teamBoard } from './board.server'
import { type ChallengeStatus, challengeStatus, durationLabel, windowDays } from './challenge-rules'
import { type ChallengeAccess, challengeAccess, scoredChallenge } from './challenges.server'
import { type ScoredChallenge, attemptInScope, parseRules } from './score-statements.server'
import { TASK_MASTERED_AT } from './scoring-rules'
import type { EarnedBadge } from './badge-rules'

/** Everything the challenge page and its JSON API show (instants as ISO strings). */
export interface ChallengeDetail {
  challenge: {
    id: string
    title: string
    description: string
    difficulty: string
    metric: ChallengeMetric
    startDate: string
    endDate: string
    finalizedAt: string | null
    status: ChallengeStatus
    team: { id: string; name: string } | null
    topics: string[]
    concepts: string[]
  }
  /** "3 days 4 hours" until the start (upcoming) or the end (running); null once ended */
  timeLeft: string | null
  joined: boolean
  mayJoin: boolean
  board: Board
  /** the viewer's score by learner day over the window (cumulative; in-scope answers per day for retention) */
  chart: { day: string; value: number }[]
}

export async function challengeDetail(
  user: SessionUser,
  challengeId: string | undefined,
  now: Date,
): Promise<ChallengeDetail> {
  const access = await challengeAccess(user, challengeId)
  return detailOf(access, user, now)
}

export async function detailOf(access: ChallengeAccess, user: SessionUser, now: Date): Promise<ChallengeDetail> {
  const { challenge } = access
  const status = challengeStatus(challenge, now)
  const [scored, board, person] = await Promise.all([
    scoredChallenge(challenge),
    challengeBoard(challenge.id, { userId: user.id, seesHidden: access.seesHidden }),
    prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { timezone: true, dayStartHour: true } }),
  ])
  const rules = parseRules(challenge.rules)
  const joined = board.me !== null
  return {
    challenge: {
      id: challenge.id,
      title: challenge.title,
      description: challenge.description,
      difficulty: challenge.difficulty,
      metric: challenge.metric,
      startDate: challenge.startDate.toISOString(),
      endDate: challenge.endDate.toISOString(),
      finalizedAt: challenge.finalizedAt?.toISOString() ?? null,
      status,
      team: challenge.teamId ? { id: challenge.teamId, name: challenge.team!.name } : null,
      topics: [...(challenge.topic ? [challenge.topic.title] : []), ...(rules.topics ?? [])],
      concepts: rules.concepts ?? [],
    },
    timeLeft:
      status === 'upcoming'
        ? durationLabel(now, challenge.startDate)
        : status === 'running'
          ? durationLabel(now, challenge.endDate)
          : null,
    joined,
    mayJoin: access.mayJoin,
    board,
    chart: joined && status !== 'upcoming' ? await scoreByDay(scored, user.id, person, now) : [],
  }
}

/** The viewer's score over the window by their learner day, from their attempts. */
async function scoreByDay(
  challenge: ScoredChallenge,
  userId: string,
  day: { timezone: string; dayStartHour: number },
  now: Date,
): Promise<{ day: string; value: number }[]> {
  const until = now < challenge.endDate ? now : new Date(challenge.endDate.getTime() - 1)
  const days = windowDays(
    learnerDay(challenge.startDate, day.timezone, day.dayStartHour),
    learnerDay(until, day.timezone, day.dayStartHour),
    addDays,
  )
  const scope = attemptInScope(challenge.scope)
  const window = [
    userId,
    toDbTimestamp(challenge.startDate),
    toDbTimestamp(now < challenge.endDate ? now : challenge.endDate),
  ]
  const from = `FROM "UserTaskAttempt" a WHERE a."userId" = ? AND a."completedAt" >= ? AND a."completedAt" < ? AND ${scope.sql}`
  const sql =
    challenge.metric === 'xp'
      ? `SELECT a."dayKey" AS "day", SUM(a."xpEarned") AS "value" ${from} GROUP BY a."dayKey"`
      : challenge.metric === 'tasks_mastered'
        ? `SELECT "day", COUNT(*) AS "value" FROM (SELECT MIN(a."dayKey") AS "day" ${from} AND a."masteryLevel" >= ${TASK_MASTERED_AT} GROUP BY a."taskId") GROUP BY "day"`
        : `SELECT a."dayKey" AS "day", COUNT(*) AS "value" ${from} GROUP BY a."dayKey"`
  const { rows } = await (await databaseReady()).execute({ sql, args: [...window, ...scope.args] })
  const byDay = new Map(rows.map((r) => [String(r.day), Number(r.value)]))
  let total = 0
  return days.map((d) => {
    const value = byDay.get(d) ?? 0
    if (challenge.metric === 'retention') return { day: d, value }
    total += value
    return { day: d, value: total }
  })
}

/** A learner's challenge badges, newest first. */
export async function badgesOf(userId: string): Promise<EarnedBadge[]> {
  const rows = await prisma.userChallengeBadge.findMany({
    where: { userId },
    select: {
      rank: true,
      createdAt: true,
      badge: { select: { key: true, name: true, description: true, icon: true } },
      challenge: { select: { id: true, title: true } },
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: 200,
  })
  return rows.map((r) => ({ ...r.badge, rank: r.rank, awardedAt: r.createdAt.toISOString(), challenge: r.challenge }))
}

/** The topics a challenge can be limited to (the create form's choices). */
export async function topicChoices(): Promise<{ slug: string; title: string }[]> {
  return prisma.topicXpConfig.findMany({ select: { slug: true, title: true }, orderBy: { title: 'asc' }, take: 500 })
}

/**
 * The board of the team the learner acts for (XP of the last 7 days, board.server.ts), or null
 * without an active team. Its owner, admins and instructors also see members hidden from boards.
 */
export async function activeTeamBoard(
  user: SessionUser,
  now: Date,
): Promise<{ team: { id: string; name: string }; board: Board } | null> {
  if (!user.activeTeamId) return null
  const membership = await prisma.teamMember.findUnique({
    where: { teamId_userId: { teamId: user.activeTeamId, userId: user.id } },
    select: { role: true, team: { select: { id: true, name: true } } },
  })
  if (!membership) return null
  const board = await teamBoard(
    membership.team.id,
    { userId: user.id, seesHidden: teamRoleCan(membership.role, 'read:team-members:own-team') },
    now,
  )
  return { team: membership.team, board }
}
