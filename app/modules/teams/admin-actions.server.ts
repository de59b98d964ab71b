import type { TeamPermission } from '~/modules/accounts/permissions'
import { enforceLimit } from '~/utils/rate-limit.server'
import type { RequestOrigin } from '~/utils/request-context.server'
import { type TeamAccess, assertTeamRoleCan } from './access.server'
import { displayName } from './format'
import { revokeInvite, sendInvite } from './invites.server'
import type { TeamAdminAction } from './team-input'
import type { Actor } from './team-rules'
import { changeMemberRole, removeMember, transferOwnership } from './teams.server'

/** What each action of the team admin page needs of the user's own role in the team. */
const PERMISSION_FOR: Record<TeamAdminAction['intent'], TeamPermission> = {
  invite: 'manage:team-invites:own-team',
  'revoke-invite': 'manage:team-invites:own-team',
  'change-role': 'manage:team-members:own-team',
  remove: 'manage:team-members:own-team',
  transfer: 'transfer:team-ownership:own-team',
}

/**
 * Runs one action of the team admin page for someone who may see the team: their own
 * role must allow it (Forbidden otherwise), invitations are rate-limited per sender.
 * Returns the sentence that tells what happened.
 */
export async function runTeamAdminAction(
  access: TeamAccess,
  input: TeamAdminAction,
  where: { appOrigin: string; origin: RequestOrigin },
): Promise<string> {
  assertTeamRoleCan(access, PERMISSION_FOR[input.intent])
  const { team, user } = access
  const actor: Actor = { userId: user.id, role: access.role }
  const { origin } = where
  switch (input.intent) {
    case 'invite':
      await enforceLimit('invite:user', user.id)
      await sendInvite({
        team,
        actor: { ...actor, name: displayName(user) },
        email: input.email,
        role: input.role,
        appOrigin: where.appOrigin,
        origin,
      })
      return 'The invitation was sent.'
    case 'revoke-invite':
      await revokeInvite({ teamId: team.id, inviteId: input.inviteId, actor, origin })
      return 'The invitation was revoked; its link no longer works.'
    case 'change-role':
      await changeMemberRole({ teamId: team.id, actor, targetUserId: input.userId, role: input.role, origin })
      return 'The role was changed.'
    case 'remove':
      await removeMember({ teamId: team.id, actor, targetUserId: input.userId, origin })
      return 'The member was removed from the team.'
    case 'transfer':
      await transferOwnership({ teamId: team.id, actor, targetUserId: input.userId, origin })
      return 'Ownership was transferred. You are now an admin of this team.'
  }
}
