import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { addMember, person } from './testing/fixtures'
import { seatsFor, setSeatLimit } from './seats.server'
import { createTeam } from './teams.server'

const DAY = 24 * 60 * 60 * 1000

async function invite(
  teamId: string,
  email: string,
  extra: Partial<{ expiresAt: Date; acceptedAt: Date; revokedAt: Date; declinedAt: Date }> = {},
) {
  await prisma.teamInvite.create({
    data: { teamId, email, tokenHash: `hash-${Math.random()}`, expiresAt: new Date(Date.now() + DAY), ...extra },
    select: { id: true },
  })
}

describe('seats', () => {
  it('start at the configured default, counting the owner', async () => {
    const owner = await person()
    const team = await createTeam(owner.id, { name: 'Seats', description: null })
    expect(await seatsFor(team.id)).toEqual({ limit: 5, members: 1, pendingInvites: 0, used: 1 })
  })

  it('are taken by members and pending invitations only', async () => {
    const owner = await person()
    const team = await createTeam(owner.id, { name: 'Full', description: null })
    await setSeatLimit(team.id, 4)
    await addMember(team.id, 'member')
    await invite(team.id, 'pending@example.com')
    await invite(team.id, 'expired@example.com', { expiresAt: new Date(Date.now() - 1000) })
    await invite(team.id, 'accepted@example.com', { acceptedAt: new Date() })
    await invite(team.id, 'revoked@example.com', { revokedAt: new Date() })
    await invite(team.id, 'declined@example.com', { declinedAt: new Date() })
    expect(await seatsFor(team.id)).toMatchObject({ limit: 4, members: 2, pendingInvites: 1, used: 3 })

    await invite(team.id, 'second@example.com')
    expect(await seatsFor(team.id)).toMatchObject({ members: 2, pendingInvites: 2, used: 4 })
    // A new invitation to an address that is already pending replaces it, so it needs no extra seat.
    expect(await seatsFor(team.id, { exceptInviteEmail: 'second@example.com' })).toMatchObject({
      members: 2,
      pendingInvites: 1,
      used: 3,
    })
  })

  it('follow the limit the billing module sets', async () => {
    const owner = await person()
    const team = await createTeam(owner.id, { name: 'Billing', description: null })
    await setSeatLimit(team.id, 12)
    expect((await seatsFor(team.id)).limit).toBe(12)
    await expect(setSeatLimit(team.id, 0)).rejects.toThrow(RangeError)
    await expect(seatsFor('01ARZ3NDEKTSV4RRFFQ69G5FAV')).rejects.toMatchObject({ status: 404 })
  })
})
