import { describe, expect, it } from 'vitest'
import {
  assignableRoles,
  canManageMember,
  platformRoleCan,
  platformRoleCanForAnyTeam,
  teamRoleCan,
} from './permissions'

describe('team permissions', () => {
  it.each([
    ['owner', 'transfer:team-ownership:own-team', true],
    ['admin', 'transfer:team-ownership:own-team', false],
    ['owner', 'manage:team-admins:own-team', true],
    ['admin', 'manage:team-admins:own-team', false],
    ['admin', 'manage:team-members:own-team', true],
    ['admin', 'manage:team-invites:own-team', true],
    ['instructor', 'manage:team-members:own-team', false],
    ['instructor', 'read:team-members:own-team', true],
    ['member', 'read:team-members:own-team', false],
    ['member', 'read:team:own-team', true],
    ['instructor', 'assign:team-quests:own-team', true],
    ['admin', 'assign:team-quests:own-team', true],
    ['member', 'assign:team-quests:own-team', false],
  ] as const)('%s → %s: %s', (role, permission, allowed) => {
    expect(teamRoleCan(role, permission)).toBe(allowed)
  })

  it.each([
    ['owner', 'admin', true],
    ['owner', 'member', true],
    ['owner', 'owner', false],
    ['admin', 'member', true],
    ['admin', 'instructor', true],
    ['admin', 'admin', false],
    ['admin', 'owner', false],
    ['instructor', 'member', false],
    ['member', 'member', false],
  ] as const)('%s may manage a %s: %s', (actor, target, allowed) => {
    expect(canManageMember(actor, target)).toBe(allowed)
  })

  it('only the owner hands out the admin role; nobody hands out owner', () => {
    expect(assignableRoles('owner')).toEqual(['admin', 'instructor', 'member'])
    expect(assignableRoles('admin')).toEqual(['instructor', 'member'])
    expect(assignableRoles('member')).toEqual([])
  })
})

describe('platform permissions', () => {
  it('a platform admin reads every team, a learner none but their own', () => {
    expect(platformRoleCanForAnyTeam('admin', 'read:team-members:own-team')).toBe(true)
    expect(platformRoleCanForAnyTeam('admin', 'manage:team-members:own-team')).toBe(false)
    expect(platformRoleCanForAnyTeam('learner', 'read:team:own-team')).toBe(false)
    expect(platformRoleCan('learner', 'read:audit-log:any')).toBe(false)
    expect(platformRoleCan('admin', 'read:audit-log:any')).toBe(true)
  })
})
