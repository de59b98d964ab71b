import { data } from '@remix-run/node'
import type { TeamRole } from '~/generated/prisma/client'
import { type TeamPermission, platformRoleCanForAnyTeam, teamRoleCan } from '~/modules/accounts/permissions'
import { type SessionUser, requireUser } from '~/modules/accounts/session.server'
import { prisma } from '~/utils/db.server'
import { TeamId } from './team-input'

export interface TeamAccess {
  user: SessionUser
  team: { id: string; name: string; archivedAt: Date | null }
  /** the user's role in this team; null for platform staff acting through an `…:any` permission */
  role: TeamRole | null
}

/**
 * The gate of every team route: the signed-in user must hold `permission` in
 * this team (through their membership), or for every team (platform staff).
 * Unknown team → 404; anyone else → 403. Nothing is read for them.
 */
export async function requireTeamPermission(request: Request, teamId: string | undefined, permission: TeamPermission): Promise<TeamAccess> {
  const user = await requireUser(request)
  const team = teamId ? await prisma.team.findUnique({ where: { id: teamId }, select: { id: true, name: true, archivedAt: true } }) : null
  if (!team) throw data({ error: 'This team does not exist.' }, { status: 404 })
  const membership = await prisma.teamMember.findUnique({ where: { teamId_userId: { teamId: team.id, userId: user.id } }, select: { role: true } })
  if (membership && teamRoleCan(membership.role, permission)) return { user, team, role: membership.role }
  if (platformRoleCanForAnyTeam(user.role, permission)) return { user, team, role: membership?.role ?? null }
  throw data({ error: membership ? 'Your role in this team does not allow this.' : 'You are not a member of this team.' }, { status: 403 })
}

/** The `:teamId` of a route: a ULID, or 404 (a malformed id names no team). */
export function teamIdParam(params: Record<string, string | undefined>): string {
  const parsed = TeamId.safeParse(params.teamId)
  if (!parsed.success) throw data({ error: 'This team does not exist.' }, { status: 404 })
  return parsed.data
}

/**
 * For one step of a page whose gate was a weaker permission: the user's own
 * role in the team must hold `permission` (platform staff reading a team may
 * look, but change nothing). 403 otherwise.
 */
export function assertTeamRoleCan(access: TeamAccess, permission: TeamPermission): asserts access is TeamAccess & { role: TeamRole } {
  if (access.role && teamRoleCan(access.role, permission)) return
  throw data({ error: access.role ? 'Your role in this team does not allow this.' : 'You are not a member of this team.' }, { status: 403 })
}
