import { describe, expect, it } from 'vitest'
import type { TeamRole } from '~/generated/prisma/client'
import {
  ADD_SEATS_HINT,
  acceptSeatRefusal,
  countOf,
  inviteRefusal,
  inviteSeatRefusal,
  inviteState,
  invitableRoles,
  leaveRefusal,
  removalRefusal,
  roleChangeRefusal,
  settleRefusal,
  transferRefusal,
} from './team-rules'

const actor = (role: TeamRole | null) => ({ userId: 'actor', role })
const target = (role: TeamRole) => ({ userId: 'target', role })

describe('invitations carry a role the inviter may give', () => {
  it.each([
    ['owner', ['admin', 'instructor', 'member']],
    ['admin', ['instructor', 'member']],
    ['instructor', []],
    ['member', []],
    [null, []],
  ] as const)('%s may invite as %j', (role, roles) => {
    expect(invitableRoles(role)).toEqual(roles)
  })

  it('never invites as owner, and names the role refused', () => {
    expect(inviteRefusal('owner', 'owner')?.status).toBe(403)
    expect(inviteRefusal('admin', 'admin')?.message).toContain('an admin')
    expect(inviteRefusal('admin', 'member')).toBeNull()
  })
})

describe('changing a role', () => {
  it.each([
    // actor, target, new role, allowed
    ['owner', 'admin', 'member', true],
    ['owner', 'member', 'admin', true],
    ['owner', 'instructor', 'member', true],
    ['admin', 'member', 'instructor', true],
    ['admin', 'instructor', 'member', true],
    ['admin', 'member', 'admin', false],
    ['admin', 'admin', 'member', false],
    ['admin', 'owner', 'member', false],
    ['owner', 'member', 'owner', false],
    ['instructor', 'member', 'instructor', false],
    ['member', 'member', 'instructor', false],
    [null, 'member', 'instructor', false],
  ] as const)('%s changing %s to %s: allowed=%s', (actorRole, targetRole, newRole, allowed) => {
    const refusal = roleChangeRefusal(actor(actorRole), target(targetRole), newRole)
    expect(refusal === null).toBe(allowed)
    if (refusal) expect(refusal.status).toBe(403)
  })

  it('refuses changing one’s own role, even the owner’s', () => {
    expect(roleChangeRefusal({ userId: 'me', role: 'owner' }, { userId: 'me', role: 'owner' }, 'admin')).toMatchObject({
      status: 403,
    })
    expect(roleChangeRefusal({ userId: 'me', role: 'admin' }, { userId: 'me', role: 'admin' }, 'member')).toMatchObject(
      { status: 403 },
    )
  })

  it('answers 409 when the member already has the role', () => {
    expect(roleChangeRefusal(actor('owner'), target('member'), 'member')).toMatchObject({ status: 409 })
  })
})

describe('removing, leaving, transferring', () => {
  it.each([
    ['owner', 'admin', true],
    ['owner', 'member', true],
    ['admin', 'instructor', true],
    ['admin', 'member', true],
    ['admin', 'admin', false],
    ['admin', 'owner', false],
    ['owner', 'owner', false],
    ['instructor', 'member', false],
  ] as const)('%s removing %s: allowed=%s', (actorRole, targetRole, allowed) => {
    expect(removalRefusal(actor(actorRole), target(targetRole)) === null).toBe(allowed)
  })

  it('refuses removing oneself (that is leaving)', () => {
    expect(removalRefusal({ userId: 'me', role: 'owner' }, { userId: 'me', role: 'admin' })).toMatchObject({
      status: 403,
    })
  })

  it('lets everyone but the owner leave, telling the owner to transfer first', () => {
    for (const role of ['admin', 'instructor', 'member'] as const) expect(leaveRefusal(role)).toBeNull()
    expect(leaveRefusal('owner')?.message).toMatch(/transfer ownership/)
  })

  it('lets only the owner transfer, to someone else', () => {
    expect(transferRefusal(actor('owner'), target('member'))).toBeNull()
    expect(transferRefusal(actor('admin'), target('member'))).toMatchObject({ status: 403 })
    expect(transferRefusal({ userId: 'me', role: 'owner' }, { userId: 'me', role: 'owner' })).toMatchObject({
      status: 409,
    })
  })
})

describe('seats', () => {
  it('counts members and pending invitations against the limit when inviting', () => {
    expect(inviteSeatRefusal({ limit: 5, members: 3, pendingInvites: 1 })).toBeNull()
    const full = inviteSeatRefusal({ limit: 5, members: 3, pendingInvites: 2 })
    expect(full?.status).toBe(409)
    expect(full?.message).toBe(`All 5 seats are taken (3 members, 2 pending invitations). ${ADD_SEATS_HINT}`)
    expect(inviteSeatRefusal({ limit: 2, members: 1, pendingInvites: 1 })?.message).toBe(
      `All 2 seats are taken (1 member, 1 pending invitation). ${ADD_SEATS_HINT}`,
    )
    expect(inviteSeatRefusal({ limit: 2, members: 3, pendingInvites: 0 })).not.toBeNull()
  })

  it('counts only members when accepting (the invitation held its own seat), and tells the invitee what they can do', () => {
    expect(acceptSeatRefusal({ limit: 5, members: 4, pendingInvites: 3 })).toBeNull()
    expect(acceptSeatRefusal({ limit: 5, members: 5, pendingInvites: 0 })).toEqual({
      status: 409,
      message: 'This team has no free seat right now. Ask whoever invited you to make room, then accept again.',
    })
  })

  it.each([
    [0, '0 members'],
    [1, '1 member'],
    [2, '2 members'],
  ])('counts %i as "%s"', (count, text) => {
    expect(countOf(count, 'member')).toBe(text)
  })
})

describe('invitation state', () => {
  const now = new Date('2026-03-01T12:00:00Z')
  const pending = {
    email: 'ana@example.com',
    expiresAt: new Date('2026-03-02T00:00:00Z'),
    acceptedAt: null,
    declinedAt: null,
    revokedAt: null,
  }

  it.each([
    ['pending', pending],
    ['expired', { ...pending, expiresAt: now }],
    ['accepted', { ...pending, acceptedAt: now }],
    ['declined', { ...pending, declinedAt: now }],
    ['revoked', { ...pending, revokedAt: now }],
    ['accepted', { ...pending, acceptedAt: now, expiresAt: new Date(0) }],
  ] as const)('is %s', (state, invite) => {
    expect(inviteState(invite, now)).toBe(state)
  })

  it('may be settled only while pending, by the invited address (any case)', () => {
    expect(settleRefusal(pending, 'ANA@example.com', now)).toBeNull()
    expect(settleRefusal({ ...pending, acceptedAt: now }, 'ana@example.com', now)).toMatchObject({
      status: 410,
      message: expect.stringContaining('already been used'),
    })
    expect(settleRefusal({ ...pending, expiresAt: now }, 'ana@example.com', now)).toMatchObject({
      status: 410,
      message: expect.stringContaining('expired'),
    })
    expect(settleRefusal({ ...pending, revokedAt: now }, 'ana@example.com', now)).toMatchObject({ status: 410 })
    const mismatch = settleRefusal(pending, 'ben@example.com', now)
    expect(mismatch).toMatchObject({ status: 403 })
    expect(mismatch?.message).toContain('ana@example.com')
  })
})
