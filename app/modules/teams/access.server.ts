import type { TeamRole } from '~/generated/prisma/client'
import { type TeamPermission, platformRoleCanForAnyTeam, teamRoleCan } from '~/modules/accounts/permissions'
import type { SessionUser } from '~/modules/accounts/session.server'
import { prisma } from '~/utils/db.server'
import { Forbidden, NotFound } from '~/utils/errors.server'
import { TeamId } from './team-input'

export interface TeamAccess {
  user: SessionUser
  team: { id: string; name: string; archivedAt: Date | null }
  /** the user's role in this team; null for platform staff acting through an `…:any` permission */
  role: TeamRole | null
}

const NO_TEAM = 'This team does not exist.'

/**
 * The gate of everything a team allows: the user must hold `permission` in this
 * team (through their membership), or for every team (platform staff). Unknown
 * team → NotFound; anyone else → Forbidden. Nothing is read for them.
 */
export async function teamAccess(
  user: SessionUser,
  teamId: string | undefined,
  permission: TeamPermission,
): Promise<TeamAccess> {
  const parsed = TeamId.safeParse(teamId)
  const team = parsed.success
    ? await prisma.team.findUnique({ where: { id: parsed.data }, select: { id: true, name: true, archivedAt: true } })
    : null
  if (!team) throw new NotFound(NO_TEAM)
  const membership = await prisma.teamMember.findUnique({
    where: { teamId_userId: { teamId: team.id, userId: user.id } },
    select: { role: true },
  })
  if (membership && teamRoleCan(membership.role, permission)) return { user, team, role: membership.role }
  if (platformRoleCanForAnyTeam(user.role, permission)) return { user, team, role: membership?.role ?? null }
  throw new Forbidden(membership ? 'Your role in this team does not allow this.' : 'You are not a member of this team.')
}

/**
 * For one step of a page whose gate was a weaker permission: the user's own
 * role in the team must hold `permission` (platform staff reading a team may
 * look, but change nothing). Forbidden otherwise.
 */
export function assertTeamRoleCan(
  access: TeamAccess,
  permission: TeamPermission,
): asserts access is TeamAccess & { role: TeamRole } {
  if (access.role && teamRoleCan(access.role, permission)) return
  throw new Forbidden(
    access.role ? 'Your role in this team does not allow this.' : 'You are not a member of this team.',
  )
}
