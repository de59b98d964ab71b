import type { Role, TeamRole } from '~/generated/prisma/client'

/**
 * Who may do what, as data. A permission reads `<action>:<entity>:<access>`:
 * `own` = the user's own records, `own-team` = records of a team the user
 * belongs to (checked against the membership by the require… helpers),
 * `any` = every record. The server checks these; the UI uses them to hide
 * what a user may not do.
 */
export const TEAM_PERMISSIONS = {
  owner: [
    'read:team:own-team',
    'read:team-members:own-team',
    'update:team-settings:own-team',
    'manage:team-members:own-team',
    'manage:team-admins:own-team',
    'manage:team-invites:own-team',
    'transfer:team-ownership:own-team',
    'manage:team-billing:own-team',
    'assign:team-quests:own-team',
    'manage:team-certificates:own-team',
    'manage:team-challenges:own-team',
    'manage:team-documents:own-team',
  ],
  admin: [
    'read:team:own-team',
    'read:team-members:own-team',
    'update:team-settings:own-team',
    'manage:team-members:own-team',
    'manage:team-invites:own-team',
    'manage:team-billing:own-team',
    'assign:team-quests:own-team',
    'manage:team-certificates:own-team',
    'manage:team-challenges:own-team',
    'manage:team-documents:own-team',
  ],
  instructor: [
    'read:team:own-team',
    'read:team-members:own-team',
    'manage:team-content:own-team',
    'assign:team-quests:own-team',
    'manage:team-challenges:own-team',
    'manage:team-documents:own-team',
  ],
  member: ['read:team:own-team'],
} as const satisfies Record<TeamRole, readonly string[]>

export const PLATFORM_PERMISSIONS = {
  learner: ['read:user:own', 'update:user:own', 'delete:user:own', 'create:team:own'],
  instructor: ['read:user:own', 'update:user:own', 'delete:user:own', 'create:team:own', 'manage:content:any'],
  admin: [
    'read:user:own',
    'update:user:own',
    'delete:user:own',
    'create:team:own',
    'manage:content:any',
    'read:team:any',
    'read:team-members:any',
    'read:audit-log:any',
    'read:retention:any',
    'manage:challenges:any',
    'manage:ai-config:any',
  ],
} as const satisfies Record<Role, readonly string[]>

export type TeamPermission = (typeof TEAM_PERMISSIONS)[TeamRole][number]
export type PlatformPermission = (typeof PLATFORM_PERMISSIONS)[Role][number]

export function teamRoleCan(role: TeamRole, permission: TeamPermission): boolean {
  return (TEAM_PERMISSIONS[role] as readonly string[]).includes(permission)
}

export function platformRoleCan(role: Role, permission: PlatformPermission): boolean {
  return (PLATFORM_PERMISSIONS[role] as readonly string[]).includes(permission)
}

/** A team permission a platform role holds for every team (`…:any`), e.g. support staff reading a team. */
export function platformRoleCanForAnyTeam(role: Role, permission: TeamPermission): boolean {
  const anyTeam = permission.replace(/:own-team$/, ':any')
  return (PLATFORM_PERMISSIONS[role] as readonly string[]).includes(anyTeam)
}

/** Team roles, most powerful first (for ordering member lists and role pickers). */
export const TEAM_ROLES: readonly TeamRole[] = ['owner', 'admin', 'instructor', 'member']

/**
 * Which roles a member may give or take away: an owner manages everyone but
 * themself; an admin manages instructors and members, never owners or admins.
 * The owner role itself only moves by an ownership transfer.
 */
export function assignableRoles(actorRole: TeamRole): TeamRole[] {
  if (teamRoleCan(actorRole, 'manage:team-admins:own-team')) return ['admin', 'instructor', 'member']
  if (teamRoleCan(actorRole, 'manage:team-members:own-team')) return ['instructor', 'member']
  return []
}

/** May `actorRole` change or remove a member who currently has `targetRole`? */
export function canManageMember(actorRole: TeamRole, targetRole: TeamRole): boolean {
  return targetRole !== 'owner' && assignableRoles(actorRole).includes(targetRole)
}
