import type { Role, TeamRole } from '~/generated/prisma/client'
import { TEAM_ROLES, platformRoleCan } from '~/modules/accounts/permissions'
import { type Condition, clearActiveTeamStatement, setActiveTeamStatement } from '~/modules/accounts/statements.server'
import { planRefreshStatement } from '~/modules/billing/subscriptions.server'
import { recordAudit } from '~/modules/system/audit.server'
import { databaseReady, prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { Conflict, Forbidden, NotFound } from '~/utils/errors.server'
import type { RequestOrigin } from '~/utils/request-context.server'
import { ulid } from '~/utils/ulid.server'
import { refuse } from './refusal.server'
import { type Actor, leaveRefusal, removalRefusal, roleChangeRefusal, transferRefusal } from './team-rules'

/**
 * Teams and their members. Every write that touches more than one row is one
 * atomic statement sequence (a Prisma nested write or a writeBatch), so a team
 * never has two owners, nor a removed member who still acts for it.
 */

/**
 * Creates a team owned by `userId`, who becomes its only owner and acts for it from now on:
 * one batch with the team, its owner's membership, its settings and (accounts' statement)
 * the user's active team.
 */
/** A signed-in user creates a team (and owns it); an account whose role cannot is refused. */
export async function createTeamAs(
  user: { id: string; role: Role },
  input: { name: string; description: string | null },
  origin: RequestOrigin,
) {
  if (!platformRoleCan(user.role, 'create:team:own')) throw new Forbidden('Your account cannot create teams.')
  return createTeam(user.id, input, origin)
}

export async function createTeam(
  userId: string,
  input: { name: string; description: string | null },
  origin?: RequestOrigin,
) {
  const now = new Date()
  const at = toDbTimestamp(now)
  const team = { id: ulid(now.getTime()), name: input.name }
  await writeBatch([
    {
      sql: `INSERT INTO "Team" ("id", "name", "description", "seatLimit", "ownerId", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
      args: [team.id, input.name, input.description, getEnv().DEFAULT_TEAM_SEATS, userId, at, at],
    },
    {
      sql: `INSERT INTO "TeamMember" ("id", "teamId", "userId", "role", "joinedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, 'owner', ?, ?, ?)`,
      args: [ulid(now.getTime()), team.id, userId, at, at, at],
    },
    {
      sql: `INSERT INTO "TeamSettings" ("id", "teamId", "subjects", "createdAt", "updatedAt") VALUES (?, ?, '[]', ?, ?)`,
      args: [ulid(now.getTime()), team.id, at, at],
    },
    setActiveTeamStatement({ userId, teamId: team.id, now }),
  ])
  await recordAudit({
    action: 'team.created',
    actorId: userId,
    targetType: 'team',
    targetId: team.id,
    teamId: team.id,
    origin,
    metadata: { name: team.name },
  })
  return team
}

/** The teams a user belongs to, with their role (for the teams page and the team switcher). */
export async function listMyTeams(userId: string) {
  const memberships = await prisma.teamMember.findMany({
    where: { userId },
    select: { role: true, joinedAt: true, team: { select: { id: true, name: true, archivedAt: true } } },
    orderBy: { team: { name: 'asc' } },
  })
  return memberships.map((m) => ({ ...m.team, role: m.role, joinedAt: m.joinedAt }))
}

/** Acts for another team from now on: only a team the user is a member of. */
export async function switchActiveTeam(userId: string, teamId: string): Promise<void> {
  const [switched] = await writeBatch([
    setActiveTeamStatement({ userId, teamId, now: new Date(), onlyIf: membershipExists(teamId, userId) }),
  ])
  if (switched!.rowsAffected === 0) throw new Forbidden('You are not a member of this team.')
}

/** For accounts' statements that apply only to a member of the team. */
function membershipExists(teamId: string, userId: string): Condition {
  return { sql: `EXISTS (SELECT 1 FROM "TeamMember" WHERE "teamId" = ? AND "userId" = ?)`, args: [teamId, userId] }
}

export async function memberRole(teamId: string, userId: string): Promise<TeamRole | null> {
  const member = await prisma.teamMember.findUnique({
    where: { teamId_userId: { teamId, userId } },
    select: { role: true },
  })
  return member?.role ?? null
}

async function requireMember(teamId: string, userId: string) {
  const role = await memberRole(teamId, userId)
  if (!role) throw new NotFound('This person is not a member of this team.')
  return { userId, role }
}

/** The team admin page: the team, and its members with their role and last activity (their learning comes from the learning module). */
export async function getTeamOverview(teamId: string) {
  const team = await prisma.team.findUnique({
    where: { id: teamId },
    select: {
      id: true,
      name: true,
      description: true,
      seatLimit: true,
      members: {
        select: {
          role: true,
          joinedAt: true,
          lastActiveAt: true,
          user: { select: { id: true, name: true, username: true, lastSeenAt: true } },
        },
      },
    },
  })
  if (!team) throw new NotFound('This team does not exist.')
  const rank = (role: TeamRole) => TEAM_ROLES.indexOf(role)
  const members = team.members
    .map((m) => ({
      userId: m.user.id,
      name: m.user.name,
      username: m.user.username,
      role: m.role,
      joinedAt: m.joinedAt,
      lastActivityAt: m.lastActiveAt ?? m.user.lastSeenAt,
    }))
    .sort(
      (a, b) => rank(a.role) - rank(b.role) || (a.name ?? a.username ?? '').localeCompare(b.name ?? b.username ?? ''),
    )
  return { id: team.id, name: team.name, description: team.description, seatLimit: team.seatLimit, members }
}

export async function changeMemberRole(input: {
  teamId: string
  actor: Actor
  targetUserId: string
  role: TeamRole
  origin?: RequestOrigin
}) {
  const target = await requireMember(input.teamId, input.targetUserId)
  refuse(roleChangeRefusal(input.actor, target, input.role))
  // Only if the role is still the one the rules were checked against.
  const { count } = await prisma.teamMember.updateMany({
    where: { teamId: input.teamId, userId: target.userId, role: target.role },
    data: { role: input.role },
  })
  if (count === 0) throw new Conflict('This member changed meanwhile. Please reload the page and try again.')
  await recordAudit({
    action: 'team.member.role_changed',
    actorId: input.actor.userId,
    targetType: 'user',
    targetId: target.userId,
    teamId: input.teamId,
    origin: input.origin,
    metadata: { from: target.role, to: input.role },
  })
}

/** Deletes the membership (never the owner's) and, in the same batch, stops the user acting for the team. */
async function deleteMembership(teamId: string, userId: string, role: TeamRole): Promise<boolean> {
  const [deleted] = await writeBatch([
    {
      sql: `DELETE FROM "TeamMember" WHERE "teamId" = ? AND "userId" = ? AND "role" = ? AND "role" <> 'owner'`,
      args: [teamId, userId, role],
    },
    clearActiveTeamStatement({
      userId,
      teamId,
      now: new Date(),
      onlyIf: {
        sql: `NOT EXISTS (SELECT 1 FROM "TeamMember" WHERE "teamId" = ? AND "userId" = ?)`,
        args: [teamId, userId],
      },
    }),
    // Leaving a team ends the team plan it gave (unless another subscription still grants one).
    planRefreshStatement([userId]),
  ])
  return deleted!.rowsAffected === 1
}

export async function removeMember(input: {
  teamId: string
  actor: Actor
  targetUserId: string
  origin?: RequestOrigin
}) {
  const target = await requireMember(input.teamId, input.targetUserId)
  refuse(removalRefusal(input.actor, target))
  if (!(await deleteMembership(input.teamId, target.userId, target.role))) {
    throw new Conflict('This member changed meanwhile. Please reload the page and try again.')
  }
  await recordAudit({
    action: 'team.member.removed',
    actorId: input.actor.userId,
    targetType: 'user',
    targetId: target.userId,
    teamId: input.teamId,
    origin: input.origin,
    metadata: { role: target.role },
  })
}

export async function leaveTeam(input: { teamId: string; userId: string; origin?: RequestOrigin }) {
  const role = await memberRole(input.teamId, input.userId)
  if (!role) throw new Forbidden('You are not a member of this team.')
  refuse(leaveRefusal(role))
  if (!(await deleteMembership(input.teamId, input.userId, role)))
    throw new Conflict('Your role changed meanwhile. Please reload the page and try again.')
  await recordAudit({
    action: 'team.member.left',
    actorId: input.userId,
    targetType: 'user',
    targetId: input.userId,
    teamId: input.teamId,
    origin: input.origin,
    metadata: { role },
  })
}

/**
 * Hands the team to another member in one batch: the old owner becomes admin,
 * the new owner gets `owner`, Team.ownerId follows. Each statement re-checks
 * its precondition, so a race changes nothing rather than leaving no owner;
 * the database trigger refuses a second owner in any case.
 */
export async function transferOwnership(input: {
  teamId: string
  actor: Actor
  targetUserId: string
  origin?: RequestOrigin
}) {
  const target = await requireMember(input.teamId, input.targetUserId)
  refuse(transferRefusal(input.actor, target))
  const { teamId } = input
  const now = toDbTimestamp(new Date())
  const results = await writeBatch([
    {
      sql: `UPDATE "TeamMember" SET "role" = 'admin', "updatedAt" = ? WHERE "teamId" = ? AND "userId" = ? AND "role" = 'owner'
            AND EXISTS (SELECT 1 FROM "TeamMember" WHERE "teamId" = ? AND "userId" = ? AND "role" <> 'owner')`,
      args: [now, teamId, input.actor.userId, teamId, target.userId],
    },
    {
      sql: `UPDATE "TeamMember" SET "role" = 'owner', "updatedAt" = ? WHERE "teamId" = ? AND "userId" = ?
            AND NOT EXISTS (SELECT 1 FROM "TeamMember" WHERE "teamId" = ? AND "role" = 'owner')`,
      args: [now, teamId, target.userId, teamId],
    },
    {
      sql: `UPDATE "Team" SET "ownerId" = ?, "updatedAt" = ? WHERE "id" = ?
            AND EXISTS (SELECT 1 FROM "TeamMember" WHERE "teamId" = ? AND "userId" = ? AND "role" = 'owner')`,
      args: [target.userId, now, teamId, teamId, target.userId],
    },
  ])
  if (results.some((r) => r.rowsAffected !== 1))
    throw new Conflict('The team changed meanwhile, so ownership was not transferred. Please reload and try again.')
  await recordAudit({
    action: 'team.ownership.transferred',
    actorId: input.actor.userId,
    targetType: 'user',
    targetId: target.userId,
    teamId,
    origin: input.origin,
    metadata: { previousOwnerId: input.actor.userId, previousOwnerNewRole: 'admin', newOwnerPreviousRole: target.role },
  })
}

/** For the team switcher in the navigation: the user's teams, by name. */
export async function listTeamChoices(userId: string): Promise<Array<{ id: string; name: string }>> {
  // Every signed-in page's header reads this: one plain statement, not an ORM query with a relation (two).
  const { rows } = await (
    await databaseReady()
  ).execute({
    sql: `SELECT t."id", t."name" FROM "TeamMember" m JOIN "Team" t ON t."id" = m."teamId" WHERE m."userId" = ? ORDER BY t."name", t."id"`,
    args: [userId],
  })
  return rows.map((row) => ({ id: String(row.id), name: String(row.name) }))
}

/** A team's name, for pages of other modules that name it (the sandbox checkout); null for an unknown team. */
export async function teamName(teamId: string): Promise<string | null> {
  const team = await prisma.team.findUnique({ where: { id: teamId }, select: { name: true } })
  return team?.name ?? null
}
