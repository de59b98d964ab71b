import { randomBytes } from 'node:crypto'
import type { TeamRole } from '~/generated/prisma/client'
import { hashToken } from '~/modules/accounts/session.server'
import { setActiveTeamIfNoneStatement } from '~/modules/accounts/statements.server'
import { planRefreshStatement } from '~/modules/billing/subscriptions.server'
import { renderEmail } from '~/modules/notifications/email-templates'
import { sendEmail } from '~/modules/notifications/mailer.server'
import { notify } from '~/modules/notifications/notify.server'
import { recordAudit } from '~/modules/system/audit.server'
import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { Conflict, NotFound } from '~/utils/errors.server'
import type { RequestOrigin } from '~/utils/request-context.server'
import { refuse } from './refusal.server'
import { seatsFor } from './seats.server'
import {
  type Actor,
  INVITE_TTL_DAYS,
  INVITE_TTL_MS,
  ROLE_LABEL,
  type Refusal,
  acceptSeatRefusal,
  inviteRefusal,
  inviteSeatRefusal,
  normaliseEmail,
  settleRefusal,
} from './team-rules'
import { ulid } from '~/utils/ulid.server'

/**
 * Invitations by e-mail. The link carries a random 32-byte token; only its
 * SHA-256 is stored. An invitation is settled once (accepted, declined or
 * revoked); a new invitation to the same pending address replaces its token.
 */
const UNSETTLED = { acceptedAt: null, declinedAt: null, revokedAt: null } as const
const PENDING = `"acceptedAt" IS NULL AND "declinedAt" IS NULL AND "revokedAt" IS NULL`

export async function sendInvite(input: {
  team: { id: string; name: string }
  actor: Actor & { name: string }
  email: string
  role: TeamRole
  appOrigin: string
  origin?: RequestOrigin
}): Promise<{ id: string }> {
  const email = normaliseEmail(input.email)
  const teamId = input.team.id
  refuse(inviteRefusal(input.actor.role, input.role), 'role')
  const member = await prisma.teamMember.findFirst({ where: { teamId, user: { email } }, select: { id: true } })
  if (member) throw new Conflict(`${email} is already a member of this team.`, 'email')

  const token = randomBytes(32).toString('base64url')
  const invite = await writePendingInvite({
    teamId,
    email,
    tokenHash: hashToken(token),
    role: input.role,
    invitedById: input.actor.userId,
  })
  if (!invite) {
    // No seat was free at the write: say how they are taken (a seat freed since then: try again).
    refuse(inviteSeatRefusal(await seatsFor(teamId, { exceptInviteEmail: email })))
    throw new Conflict('The invitation could not be sent just now. Please try again.')
  }
  const { id, replaced } = invite

  const url = `${input.appOrigin}/invites/${token}`
  await sendEmail({
    to: email,
    template: 'team-invite',
    ...renderEmail({
      subject: `${input.actor.name} invited you to join ${input.team.name} on Questlog`,
      paragraphs: [
        'Hello,',
        `${input.actor.name} invited you to join the team "${input.team.name}" on Questlog as ${ROLE_LABEL[input.role].toLowerCase()}.`,
        `Open the link to accept or decline. It works once and for ${INVITE_TTL_DAYS} days; sign in (or sign up) with this e-mail address (${email}) first.`,
      ],
      action: { label: 'See the invitation', url },
    }),
  })
  await notifyInvitee({ inviteId: id, email, team: input.team, actorName: input.actor.name, role: input.role })
  await recordAudit({
    action: 'team.invite.sent',
    actorId: input.actor.userId,
    targetType: 'team-invite',
    targetId: id,
    teamId,
    origin: input.origin,
    metadata: { email, role: input.role, replaced },
  })
  return { id }
}

/**
 * An invitation to an address that belongs to an account also appears among its notifications,
 * once per invitation (a re-sent one keeps its id). Only for a confirmed address, as on the teams
 * page: whoever signed up with someone else's address learns nothing of their invitations. The
 * invitation e-mail went out already (it must reach addresses with no account too), so the
 * notification makes no e-mail of its own (`ownEmail` of the kind, in notifications' preference-rules).
 */
async function notifyInvitee(invite: {
  inviteId: string
  email: string
  team: { name: string }
  actorName: string
  role: TeamRole
}) {
  const user = await prisma.user.findFirst({
    where: { email: invite.email, emailVerifiedAt: { not: null }, anonymizedAt: null },
    select: { id: true },
  })
  if (!user) return
  await notify(
    [
      {
        userId: user.id,
        type: 'team_invite',
        eventKey: `team-invite:${invite.inviteId}`,
        title: `${invite.actorName} invited you to join ${invite.team.name}`,
        message: `As ${ROLE_LABEL[invite.role].toLowerCase()}. Accept or decline on your teams page.`,
        link: '/teams',
        data: { inviteId: invite.inviteId, role: invite.role },
      },
    ],
    new Date(),
  )
}

/**
 * The one pending invitation of an address, in one batch: a pending one gets the
 * new token (it already holds its seat: replaced, not added), otherwise one is
 * created; either only while a seat is free (members and unexpired pending
 * invitations to other addresses). Sending twice at once, as a double-clicked form
 * does, still leaves one. Null when no seat was free.
 */
async function writePendingInvite(invite: {
  teamId: string
  email: string
  tokenHash: string
  role: TeamRole
  invitedById: string
}) {
  const now = new Date()
  const at = toDbTimestamp(now)
  const expiresAt = toDbTimestamp(new Date(now.getTime() + INVITE_TTL_MS))
  const { teamId, email, tokenHash, role, invitedById } = invite
  const seatFree = `(SELECT COUNT(*) FROM "TeamMember" WHERE "teamId" = :team)
      + (SELECT COUNT(*) FROM "TeamInvite" WHERE "teamId" = :team AND "email" <> :email AND ${PENDING} AND "expiresAt" > :at)
      < (SELECT "seatLimit" FROM "Team" WHERE "id" = :team)`
  const args = { team: teamId, email, token: tokenHash, role, by: invitedById, expires: expiresAt, at }
  const [replaced, , written] = await writeBatch([
    {
      sql: `UPDATE "TeamInvite" SET "tokenHash" = :token, "role" = :role, "invitedById" = :by, "expiresAt" = :expires, "updatedAt" = :at
            WHERE "id" = (SELECT "id" FROM "TeamInvite" WHERE "teamId" = :team AND "email" = :email AND ${PENDING} ORDER BY "createdAt" DESC LIMIT 1)
              AND ${seatFree}`,
      args,
    },
    {
      sql: `INSERT INTO "TeamInvite" ("id", "teamId", "email", "tokenHash", "role", "invitedById", "expiresAt", "createdAt", "updatedAt")
            SELECT :id, :team, :email, :token, :role, :by, :expires, :at, :at
            WHERE NOT EXISTS (SELECT 1 FROM "TeamInvite" WHERE "teamId" = :team AND "email" = :email AND ${PENDING}) AND ${seatFree}`,
      args: { ...args, id: ulid(now.getTime()) },
    },
    { sql: `SELECT "id" FROM "TeamInvite" WHERE "tokenHash" = :token`, args: { token: tokenHash } },
  ])
  const id = written!.rows[0]?.id
  return id === undefined ? null : { id: String(id), replaced: replaced!.rowsAffected === 1 }
}

export async function revokeInvite(input: { teamId: string; inviteId: string; actor: Actor; origin?: RequestOrigin }) {
  const { count } = await prisma.teamInvite.updateMany({
    where: { id: input.inviteId, teamId: input.teamId, ...UNSETTLED },
    data: { revokedAt: new Date() },
  })
  if (count === 0) throw new NotFound('This invitation is not pending any more.')
  await recordAudit({
    action: 'team.invite.revoked',
    actorId: input.actor.userId,
    targetType: 'team-invite',
    targetId: input.inviteId,
    teamId: input.teamId,
    origin: input.origin,
  })
}

const pendingWhere = (now: Date) => ({ ...UNSETTLED, expiresAt: { gt: now } })
const inviterSelect = { select: { name: true, username: true } } as const

/** The team's pending invitations (team admin page). */
export function listPendingInvites(teamId: string, now = new Date()) {
  return prisma.teamInvite.findMany({
    where: { teamId, ...pendingWhere(now) },
    orderBy: { createdAt: 'desc' },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true, invitedBy: inviterSelect },
  })
}

/** Pending invitations sent to this address (the invitee's teams page). */
export function listMyInvitations(email: string, now = new Date()) {
  return prisma.teamInvite.findMany({
    where: { email: normaliseEmail(email), ...pendingWhere(now) },
    orderBy: { createdAt: 'desc' },
    select: {
      id: true,
      role: true,
      expiresAt: true,
      team: { select: { id: true, name: true } },
      invitedBy: inviterSelect,
    },
  })
}

const inviteSelect = {
  id: true,
  teamId: true,
  email: true,
  role: true,
  expiresAt: true,
  acceptedAt: true,
  declinedAt: true,
  revokedAt: true,
  team: { select: { name: true } },
  invitedBy: inviterSelect,
} as const

export type InviteRef = { token: string } | { id: string }

async function findInvite(ref: InviteRef) {
  const invite = await prisma.teamInvite.findUnique({
    where: 'token' in ref ? { tokenHash: hashToken(ref.token) } : { id: ref.id },
    select: inviteSelect,
  })
  if (!invite) throw new NotFound('This invitation link is not valid. Ask the team for a new one.')
  return invite
}

/** The invitation page: what it is, and whether this user may settle it (null = yes). */
export async function viewInvitation(token: string, userEmail: string, now = new Date()) {
  const invite = await findInvite({ token })
  const refusal = settleRefusal(invite, userEmail, now)
  // A settled or expired link is gone for everyone; a mismatch is shown on the page.
  if (refusal && refusal.status !== 403) refuse(refusal)
  return { invite, mismatch: refusal?.message ?? null }
}

type Invitee = { id: string; email: string; activeTeamId: string | null; emailVerifiedAt?: Date | null }

/**
 * By id (the teams page) the signed-in account must have confirmed its address:
 * anyone can sign up with an address they do not own. The link from the
 * invitation e-mail proves the mailbox by itself.
 */
function unconfirmedRefusal(ref: InviteRef, user: Invitee): Refusal | null {
  if ('token' in ref || user.emailVerifiedAt) return null
  return { status: 403, message: 'Confirm your e-mail address first, or open the invitation link from the e-mail.' }
}

/**
 * Joins the team in one batch: the membership is created only while the
 * invitation is pending and a seat is free, the invitation is marked accepted
 * only if that membership now exists, and the team becomes the user's active
 * one if they had none.
 */
export async function acceptInvitation(ref: InviteRef, user: Invitee, origin?: RequestOrigin) {
  const now = new Date()
  const invite = await findInvite(ref)
  refuse(settleRefusal(invite, user.email, now))
  refuse(unconfirmedRefusal(ref, user))
  const already = await prisma.teamMember.findUnique({
    where: { teamId_userId: { teamId: invite.teamId, userId: user.id } },
    select: { id: true },
  })
  if (already) throw new Conflict(`You are already a member of ${invite.team.name}.`)
  refuse(acceptSeatRefusal(await seatsFor(invite.teamId)))

  const memberId = ulid(now.getTime())
  const at = toDbTimestamp(now)
  let inserted: number
  try {
    const [insert] = await writeBatch([
      {
        sql: `INSERT INTO "TeamMember" ("id", "teamId", "userId", "role", "joinedAt", "createdAt", "updatedAt")
              SELECT ?, ?, ?, ?, ?, ?, ?
              WHERE EXISTS (SELECT 1 FROM "TeamInvite" WHERE "id" = ? AND ${PENDING} AND "expiresAt" > ?)
                AND (SELECT COUNT(*) FROM "TeamMember" WHERE "teamId" = ?) < (SELECT "seatLimit" FROM "Team" WHERE "id" = ?)`,
        args: [memberId, invite.teamId, user.id, invite.role, at, at, at, invite.id, at, invite.teamId, invite.teamId],
      },
      {
        sql: `UPDATE "TeamInvite" SET "acceptedAt" = ?, "acceptedById" = ?, "updatedAt" = ?
              WHERE "id" = ? AND ${PENDING} AND EXISTS (SELECT 1 FROM "TeamMember" WHERE "id" = ?)`,
        args: [at, user.id, at, invite.id, memberId],
      },
      setActiveTeamIfNoneStatement({
        userId: user.id,
        teamId: invite.teamId,
        now,
        onlyIf: { sql: `EXISTS (SELECT 1 FROM "TeamMember" WHERE "id" = ?)`, args: [memberId] },
      }),
      // A team with a subscription gives its new member the team plan, in the same write.
      planRefreshStatement([user.id], now),
    ])
    inserted = insert!.rowsAffected
  } catch (error) {
    // The unique (teamId, userId) index: a second tab accepted at the same moment.
    if (/UNIQUE constraint failed/i.test(String(error)))
      throw new Conflict(`You are already a member of ${invite.team.name}.`)
    throw error
  }
  if (inserted !== 1) {
    // Someone settled it, or the last seat went, between our checks and the write.
    const fresh = await findInvite({ id: invite.id })
    refuse(settleRefusal(fresh, user.email, new Date()))
    refuse(acceptSeatRefusal(await seatsFor(invite.teamId)))
    throw new Conflict('The invitation could not be accepted just now. Please try again.')
  }
  await recordAudit({
    action: 'team.invite.accepted',
    actorId: user.id,
    targetType: 'team-invite',
    targetId: invite.id,
    teamId: invite.teamId,
    origin,
    metadata: { role: invite.role },
  })
  return { teamId: invite.teamId, teamName: invite.team.name }
}

export async function declineInvitation(ref: InviteRef, user: Invitee, origin?: RequestOrigin) {
  const invite = await findInvite(ref)
  refuse(settleRefusal(invite, user.email, new Date()))
  refuse(unconfirmedRefusal(ref, user))
  const { count } = await prisma.teamInvite.updateMany({
    where: { id: invite.id, ...UNSETTLED },
    data: { declinedAt: new Date() },
  })
  if (count === 0) refuse({ status: 410, message: 'This invitation has already been used.' })
  await recordAudit({
    action: 'team.invite.declined',
    actorId: user.id,
    targetType: 'team-invite',
    targetId: invite.id,
    teamId: invite.teamId,
    origin,
  })
  return { teamName: invite.team.name }
}
