import type { TeamRole } from '~/generated/prisma/client'
import { assignableRoles, canManageMember, teamRoleCan } from '~/modules/accounts/permissions'

/**
 * The rules of a team, as plain functions: who may change whom, when a seat is
 * free, what state an invitation is in. Each `…Refusal` returns null when the
 * step is allowed, otherwise the HTTP status and the sentence to show.
 */
export interface Refusal {
  status: 403 | 409 | 410
  message: string
}

export const INVITE_TTL_DAYS = 7
export const INVITE_TTL_MS = INVITE_TTL_DAYS * 24 * 60 * 60 * 1000

/** A member as the rules see them. `role` is null for platform staff who are not in the team. */
export interface Actor {
  userId: string
  role: TeamRole | null
}
export interface Target {
  userId: string
  role: TeamRole
}

const ARTICLE: Record<TeamRole, string> = {
  owner: 'the owner',
  admin: 'an admin',
  instructor: 'an instructor',
  member: 'a member',
}
export const ROLE_LABEL: Record<TeamRole, string> = {
  owner: 'Owner',
  admin: 'Admin',
  instructor: 'Instructor',
  member: 'Member',
}

/** Roles an invitation may carry: instructor or member, and admin when the owner invites. Never owner. */
export function invitableRoles(actorRole: TeamRole | null): TeamRole[] {
  if (!actorRole || !teamRoleCan(actorRole, 'manage:team-invites:own-team')) return []
  return teamRoleCan(actorRole, 'manage:team-admins:own-team')
    ? ['admin', 'instructor', 'member']
    : ['instructor', 'member']
}

export function inviteRefusal(actorRole: TeamRole | null, role: TeamRole): Refusal | null {
  if (invitableRoles(actorRole).includes(role)) return null
  if (role === 'owner')
    return { status: 403, message: 'Nobody can be invited as owner; transfer ownership to a member instead.' }
  return { status: 403, message: `Your role does not allow inviting someone as ${ARTICLE[role]}.` }
}

export function roleChangeRefusal(actor: Actor, target: Target, newRole: TeamRole): Refusal | null {
  if (target.userId === actor.userId) return { status: 403, message: 'You cannot change your own role.' }
  if (target.role === 'owner')
    return { status: 403, message: "The owner's role only changes by transferring ownership." }
  if (!actor.role || !canManageMember(actor.role, target.role))
    return { status: 403, message: `Your role does not allow changing the role of ${ARTICLE[target.role]}.` }
  if (newRole === 'owner') return { status: 403, message: 'Use "Transfer ownership" to make someone the owner.' }
  if (!assignableRoles(actor.role).includes(newRole))
    return { status: 403, message: `Your role does not allow making someone ${ARTICLE[newRole]}.` }
  if (newRole === target.role) return { status: 409, message: `This person is already ${ARTICLE[newRole]}.` }
  return null
}

export function removalRefusal(actor: Actor, target: Target): Refusal | null {
  if (target.userId === actor.userId)
    return { status: 403, message: 'To leave the team yourself, use "Leave team" on the teams page.' }
  if (target.role === 'owner') return { status: 403, message: 'The owner can never be removed from the team.' }
  if (!actor.role || !canManageMember(actor.role, target.role))
    return { status: 403, message: `Your role does not allow removing ${ARTICLE[target.role]}.` }
  return null
}

export function leaveRefusal(role: TeamRole): Refusal | null {
  if (role === 'owner') {
    return {
      status: 409,
      message: 'As the owner you cannot leave the team: first transfer ownership to another member on the team page.',
    }
  }
  return null
}

export function transferRefusal(actor: Actor, target: Target): Refusal | null {
  if (actor.role !== 'owner') return { status: 403, message: 'Only the owner can transfer ownership.' }
  if (target.userId === actor.userId) return { status: 409, message: 'You already own this team.' }
  return null
}

export interface Seats {
  limit: number
  members: number
  /** pending (unsettled, unexpired) invitations: each holds a seat until it is settled */
  pendingInvites: number
}

export function seatsUsed(seats: Seats): number {
  return seats.members + seats.pendingInvites
}

/** "1 member", "2 members": the count with its noun in the right number. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`
}

/** For whoever can invite: how to get a seat free. */
export const ADD_SEATS_HINT =
  'To add seats, the team’s owner or an admin buys more under “Plan and seats” on the team page. To make room instead, remove a member or revoke a pending invitation.'

/** May one more invitation be sent? Every member and every pending invitation takes a seat. */
export function inviteSeatRefusal(seats: Seats): Refusal | null {
  if (seatsUsed(seats) < seats.limit) return null
  return {
    status: 409,
    message: `All ${seats.limit} seats are taken (${countOf(seats.members, 'member')}, ${countOf(seats.pendingInvites, 'pending invitation')}). ${ADD_SEATS_HINT}`,
  }
}

/**
 * May an invitation be accepted? Its own seat was held while pending; only members count now.
 * The invitee can neither buy seats nor remove anyone, so the sentence sends them to their inviter.
 */
export function acceptSeatRefusal(seats: Seats): Refusal | null {
  if (seats.members < seats.limit) return null
  return {
    status: 409,
    message: 'This team has no free seat right now. Ask whoever invited you to make room, then accept again.',
  }
}

export interface InviteDates {
  expiresAt: Date
  acceptedAt: Date | null
  declinedAt: Date | null
  revokedAt: Date | null
}
export type InviteState = 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired'

export function inviteState(invite: InviteDates, now: Date): InviteState {
  if (invite.acceptedAt) return 'accepted'
  if (invite.declinedAt) return 'declined'
  if (invite.revokedAt) return 'revoked'
  return invite.expiresAt <= now ? 'expired' : 'pending'
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** May this signed-in user settle (accept or decline) the invitation? */
export function settleRefusal(invite: InviteDates & { email: string }, userEmail: string, now: Date): Refusal | null {
  switch (inviteState(invite, now)) {
    case 'accepted':
    case 'declined':
      return { status: 410, message: 'This invitation has already been used.' }
    case 'revoked':
      return { status: 410, message: 'This invitation was withdrawn by the team.' }
    case 'expired':
      return { status: 410, message: 'This invitation has expired. Ask the team for a new one.' }
    case 'pending':
      break
  }
  if (normaliseEmail(invite.email) !== normaliseEmail(userEmail)) {
    return {
      status: 403,
      message: `This invitation was sent to ${invite.email}, but you are signed in as ${userEmail}. Sign in with ${invite.email} to accept it.`,
    }
  }
  return null
}
