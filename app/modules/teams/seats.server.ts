import { prisma } from '~/utils/db.server'
import { NotFound } from '~/utils/errors.server'
import { type Seats, seatsUsed } from './team-rules'

/**
 * Seats of a team: Team.seatLimit (a configurable default until the billing
 * module keeps it equal to the subscription's seats), taken by every member
 * and every pending invitation.
 */
export async function seatsFor(
  teamId: string,
  options: { exceptInviteEmail?: string } = {},
  now = new Date(),
): Promise<Seats & { used: number }> {
  const [team, members, pendingInvites] = await Promise.all([
    prisma.team.findUnique({ where: { id: teamId }, select: { seatLimit: true } }),
    prisma.teamMember.count({ where: { teamId } }),
    prisma.teamInvite.count({
      where: {
        teamId,
        acceptedAt: null,
        declinedAt: null,
        revokedAt: null,
        expiresAt: { gt: now },
        ...(options.exceptInviteEmail ? { email: { not: options.exceptInviteEmail } } : {}),
      },
    }),
  ])
  if (!team) throw new NotFound('This team does not exist.')
  const seats = { limit: team.seatLimit, members, pendingInvites }
  return { ...seats, used: seatsUsed(seats) }
}

/** For the billing module: set the seat limit from the subscription. */
export async function setSeatLimit(teamId: string, seatLimit: number): Promise<void> {
  if (!Number.isInteger(seatLimit) || seatLimit < 1)
    throw new RangeError(`seatLimit must be a positive integer, got ${seatLimit}`)
  const { count } = await prisma.team.updateMany({ where: { id: teamId }, data: { seatLimit } })
  if (count === 0) throw new NotFound('This team does not exist.')
}
