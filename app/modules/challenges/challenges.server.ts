import type { ChallengeDifficulty, ChallengeMetric, Prisma, TeamRole } from '~/generated/prisma/client'
import { platformRoleCan, platformRoleCanForAnyTeam, teamRoleCan } from '~/modules/accounts/permissions'
import type { SessionUser } from '~/modules/accounts/session.server'
import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { Conflict, Forbidden, Invalid, NotFound } from '~/utils/errors.server'
import { ulid } from '~/utils/ulid.server'
import type { ChallengeCreate } from './challenge-input'
import { ChallengeId } from './challenge-input'
import { type ChallengeStatus, challengeStatus, localDateTimeToInstant, windowProblem } from './challenge-rules'
import { type SCORING_SELECT, memoryCards, scoreStatements, withScopes } from './score-statements.server'
import { retainedMemory } from './scoring-rules'

/**
 * Challenges (docs/challenges.md): global ones made by platform admins (`manage:challenges:any`),
 * team ones by a team's owner, admins and instructors (`manage:team-challenges:own-team`).
 * A global challenge is open to every learner, a team challenge to the team's members; anyone
 * else is told there is no such challenge. Joining is possible until the end; after it the
 * challenge accepts nothing and its scores never change.
 */

const NO_CHALLENGE = 'There is no such challenge.'
const ENDED = 'This challenge has ended: it accepts no new participants and its scores are final.'

const SUMMARY_SELECT = {
  id: true,
  title: true,
  difficulty: true,
  metric: true,
  startDate: true,
  endDate: true,
  finalizedAt: true,
  teamId: true,
  team: { select: { name: true } },
} satisfies Prisma.ChallengeSelect

export const CHALLENGE_SELECT = {
  ...SUMMARY_SELECT,
  description: true,
  topicId: true,
  rules: true,
  topic: { select: { slug: true, title: true } },
} satisfies Prisma.ChallengeSelect

export type ChallengeRecord = Prisma.ChallengeGetPayload<{ select: typeof CHALLENGE_SELECT }>

export interface ChallengeAccess {
  challenge: ChallengeRecord
  /** the viewer's role in the challenge's team (null for a global challenge or staff) */
  role: TeamRole | null
  /** may join (a global challenge, or a member of its team) */
  mayJoin: boolean
  /** sees learners hidden from public boards: the team's admins, instructors and owner; platform staff */
  seesHidden: boolean
}

/** The challenge if the user may see it; NotFound otherwise (its title is nobody else's business). */
export async function challengeAccess(user: SessionUser, challengeId: string | undefined): Promise<ChallengeAccess> {
  const parsed = ChallengeId.safeParse(challengeId)
  const challenge = parsed.success
    ? await prisma.challenge.findFirst({ where: { id: parsed.data, isActive: true }, select: CHALLENGE_SELECT })
    : null
  if (!challenge) throw new NotFound(NO_CHALLENGE)
  if (!challenge.teamId)
    return { challenge, role: null, mayJoin: true, seesHidden: platformRoleCan(user.role, 'manage:challenges:any') }
  const membership = await prisma.teamMember.findUnique({
    where: { teamId_userId: { teamId: challenge.teamId, userId: user.id } },
    select: { role: true },
  })
  if (membership)
    return {
      challenge,
      role: membership.role,
      mayJoin: true,
      seesHidden: teamRoleCan(membership.role, 'read:team-members:own-team'),
    }
  if (platformRoleCanForAnyTeam(user.role, 'read:team-members:own-team'))
    return { challenge, role: null, mayJoin: false, seesHidden: true }
  throw new NotFound(NO_CHALLENGE)
}

/** The teams a user may make challenges for, and whether they may make global ones. */
export async function challengeCreatorRights(user: SessionUser): Promise<{
  global: boolean
  teams: { id: string; name: string }[]
}> {
  const memberships = await prisma.teamMember.findMany({
    where: { userId: user.id, team: { archivedAt: null } },
    select: { role: true, team: { select: { id: true, name: true } } },
    orderBy: { team: { name: 'asc' } },
  })
  return {
    global: platformRoleCan(user.role, 'manage:challenges:any'),
    teams: memberships.filter((m) => teamRoleCan(m.role, 'manage:team-challenges:own-team')).map((m) => m.team),
  }
}

/** Makes a challenge; the window is read in the creator's time zone and stored as UTC instants. */
export async function createChallenge(user: SessionUser, input: ChallengeCreate, now: Date): Promise<{ id: string }> {
  if (input.teamId) {
    const membership = await prisma.teamMember.findUnique({
      where: { teamId_userId: { teamId: input.teamId, userId: user.id } },
      select: { role: true, team: { select: { archivedAt: true } } },
    })
    if (!membership || !teamRoleCan(membership.role, 'manage:team-challenges:own-team'))
      throw new Forbidden('Only the owner, admins and instructors of this team make its challenges.', 'teamId')
    if (membership.team.archivedAt) throw new Invalid('This team is archived.', 'teamId')
  } else if (!platformRoleCan(user.role, 'manage:challenges:any')) {
    throw new Forbidden('Only platform admins make challenges for everyone: choose one of your teams.', 'teamId')
  }
  const startDate = localDateTimeToInstant(input.startsAt, user.timezone)
  const endDate = localDateTimeToInstant(input.endsAt, user.timezone)
  const problem = windowProblem({ startDate, endDate }, now)
  if (problem) throw new Invalid(problem, 'endsAt')

  const topics = input.topics.length
    ? await prisma.topicXpConfig.findMany({ where: { slug: { in: input.topics } }, select: { id: true, slug: true } })
    : []
  if (topics.length !== input.topics.length) throw new Invalid('Choose topics from the list.', 'topics')
  const rules: Record<string, string[]> = {}
  if (topics.length > 1) rules.topics = topics.map((t) => t.slug).sort()
  if (input.concepts.length) rules.concepts = input.concepts
  const { id } = await prisma.challenge.create({
    data: {
      title: input.title,
      description: input.description,
      difficulty: input.difficulty as ChallengeDifficulty,
      metric: input.metric,
      startDate,
      endDate,
      teamId: input.teamId,
      topicId: topics.length === 1 ? topics[0]!.id : null,
      rules: Object.keys(rules).length ? rules : undefined,
      createdById: user.id,
    },
    select: { id: true },
  })
  return { id }
}

const isUniqueViolation = (error: unknown) =>
  /UNIQUE constraint failed/.test(String((error as Error)?.message ?? error))

/**
 * Joins: a participation and a leaderboard entry, scored at once from what the learner already
 * did inside the window (XP earned before joining counts, as "XP earned in the window" says).
 * Refused once the challenge ended, also when the end passes between the read and the write.
 */
export async function joinChallenge(access: ChallengeAccess, userId: string, now: Date): Promise<void> {
  const { challenge } = access
  if (!access.mayJoin) throw new Forbidden('Only members of this team take part in its challenges.')
  if (challengeStatus(challenge, now) === 'ended') throw new Conflict(ENDED)
  const [scored] = await withScopes([challenge])
  const retention =
    challenge.metric === 'retention'
      ? retainedMemory(await memoryCards(userId, challenge.startDate), scored!).score
      : undefined
  const at = toDbTimestamp(now)
  try {
    await writeBatch([
      {
        sql: `INSERT INTO "UserChallenge" ("id", "userId", "challengeId", "score", "createdAt", "updatedAt")
              SELECT ?, ?, ?, 0, ?, ? WHERE EXISTS (SELECT 1 FROM "Challenge" WHERE "id" = ? AND "finalizedAt" IS NULL AND "endDate" > ?)`,
        args: [ulid(), userId, challenge.id, at, at, challenge.id, at],
      },
      { sql: `SELECT CASE WHEN changes() = 1 THEN 1 ELSE json('ended ' || ?) END`, args: [challenge.id] },
      {
        sql: `INSERT INTO "LeaderboardEntry" ("id", "challengeId", "userId", "score", "scoreReachedAt", "isFinal", "createdAt", "updatedAt")
              VALUES (?, ?, ?, 0, ?, 0, ?, ?)`,
        args: [ulid(), challenge.id, userId, at, at, at],
      },
      ...scoreStatements(scored!, userId, now, retention),
    ])
  } catch (error) {
    if (isUniqueViolation(error)) throw new Conflict('You have already joined this challenge.')
    if (/malformed JSON/.test(String((error as Error)?.message))) throw new Conflict(ENDED)
    throw error
  }
}

/** Leaves a challenge that has not ended (the score goes with it); an ended one keeps its standings. */
export async function leaveChallenge(access: ChallengeAccess, userId: string, now: Date): Promise<void> {
  const { challenge } = access
  if (challengeStatus(challenge, now) === 'ended')
    throw new Conflict('This challenge has ended: its standings are final.')
  const at = toDbTimestamp(now)
  const open = `EXISTS (SELECT 1 FROM "Challenge" WHERE "id" = ? AND "finalizedAt" IS NULL AND "endDate" > ?)`
  const [left] = await writeBatch([
    {
      sql: `DELETE FROM "UserChallenge" WHERE "challengeId" = ? AND "userId" = ? AND ${open}`,
      args: [challenge.id, userId, challenge.id, at],
    },
    {
      sql: `DELETE FROM "LeaderboardEntry" WHERE "challengeId" = ? AND "userId" = ? AND "isFinal" = 0 AND ${open}`,
      args: [challenge.id, userId, challenge.id, at],
    },
  ])
  if (left!.rowsAffected === 0) throw new Conflict('You are not taking part in this challenge.')
}

export interface ChallengeSummary {
  id: string
  title: string
  difficulty: ChallengeDifficulty
  metric: ChallengeMetric
  startDate: Date
  endDate: Date
  status: ChallengeStatus
  team: { id: string; name: string } | null
  joined: boolean
  myScore: number | null
}

/**
 * The challenges a learner can see — global ones and their teams' (or one team's) — running and
 * upcoming ones first by end, then the 20 that ended last.
 */
export async function listChallenges(
  userId: string,
  now: Date,
  { teamId }: { teamId?: string } = {},
): Promise<Record<ChallengeStatus, ChallengeSummary[]>> {
  const teams = await prisma.teamMember.findMany({ where: { userId }, select: { teamId: true } })
  const myTeams = teams.map((t) => t.teamId)
  const visible: Prisma.ChallengeWhereInput = teamId
    ? { teamId: myTeams.includes(teamId) ? teamId : '-' }
    : { OR: [{ teamId: null }, { teamId: { in: myTeams } }] }
  const [open, ended] = await Promise.all([
    prisma.challenge.findMany({
      where: { isActive: true, finalizedAt: null, endDate: { gt: now }, ...visible },
      select: SUMMARY_SELECT,
      orderBy: [{ endDate: 'asc' }, { id: 'asc' }],
      take: 100,
    }),
    prisma.challenge.findMany({
      where: { isActive: true, OR: [{ finalizedAt: { not: null } }, { endDate: { lte: now } }], AND: [visible] },
      select: SUMMARY_SELECT,
      orderBy: [{ endDate: 'desc' }, { id: 'asc' }],
      take: 20,
    }),
  ])
  const all = [...open, ...ended]
  const mine = new Map(
    (
      await prisma.userChallenge.findMany({
        where: { userId, challengeId: { in: all.map((c) => c.id) } },
        select: { challengeId: true, score: true },
      })
    ).map((p) => [p.challengeId, p.score]),
  )
  const out: Record<ChallengeStatus, ChallengeSummary[]> = { running: [], upcoming: [], ended: [] }
  for (const c of all) {
    const status = challengeStatus(c, now)
    out[status].push({
      id: c.id,
      title: c.title,
      difficulty: c.difficulty,
      metric: c.metric,
      startDate: c.startDate,
      endDate: c.endDate,
      status,
      team: c.teamId ? { id: c.teamId, name: c.team!.name } : null,
      joined: mine.has(c.id),
      myScore: mine.get(c.id) ?? null,
    })
  }
  return out
}

/** A learner's participation in a challenge, or null. */
export async function participation(challengeId: string, userId: string) {
  return prisma.userChallenge.findUnique({
    where: { userId_challengeId: { userId, challengeId } },
    select: { score: true, createdAt: true },
  })
}

/** The scoring view of a challenge record (scope resolved). */
export async function scoredChallenge(challenge: Pick<ChallengeRecord, keyof typeof SCORING_SELECT>) {
  const [scored] = await withScopes([challenge])
  return scored!
}

/** A team's challenges for its team page (the caller checked the viewer may read the team): open ones by end, then the last 10 ended. */
export async function teamChallenges(teamId: string, now: Date) {
  const rows = await prisma.challenge.findMany({
    where: { teamId, isActive: true },
    select: { id: true, title: true, metric: true, startDate: true, endDate: true, finalizedAt: true },
    orderBy: [{ endDate: 'desc' }, { id: 'asc' }],
    take: 30,
  })
  const items = rows.map((c) => ({
    id: c.id,
    title: c.title,
    metric: c.metric,
    status: challengeStatus(c, now),
    startDate: c.startDate.toISOString(),
    endDate: c.endDate.toISOString(),
  }))
  return [
    ...items.filter((c) => c.status !== 'ended').reverse(),
    ...items.filter((c) => c.status === 'ended').slice(0, 10),
  ]
}
