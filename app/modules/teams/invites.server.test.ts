import { describe, expect, it } from 'vitest'
import { hashToken } from '~/modules/accounts/session.server'
import { prisma } from '~/utils/db.server'
import { acceptInvitation, sendInvite } from './invites.server'
import { setSeatLimit } from './seats.server'
import { createTeam } from './teams.server'
import { inviteTokenFor, person } from './testing/fixtures'

async function teamInviting(emails: string[], seatLimit: number) {
  const owner = await person()
  const team = await createTeam(owner.id, { name: 'Race', description: null })
  for (const email of emails) {
    await sendInvite({
      team,
      actor: { userId: owner.id, role: 'owner', name: 'Owner' },
      email,
      role: 'member',
      appOrigin: 'http://test',
    })
  }
  await setSeatLimit(team.id, seatLimit)
  return team
}

const settled = (results: PromiseSettledResult<unknown>[]) =>
  results.map((r) => (r.status === 'fulfilled' ? 'ok' : (r.reason as { status?: number }).status))

describe('accepting at the same moment', () => {
  it('joins once when the same invitation is accepted twice at once', async () => {
    const ana = await person()
    const team = await teamInviting([ana.email], 5)
    const token = await inviteTokenFor(ana.email)
    const user = { id: ana.id, email: ana.email, activeTeamId: null }
    const results = settled(
      await Promise.allSettled([acceptInvitation({ token }, user), acceptInvitation({ token }, user)]),
    )
    expect(results.filter((r) => r === 'ok')).toHaveLength(1)
    expect(results.filter((r) => r !== 'ok')[0]).toBeOneOf([409, 410])
    expect(await prisma.teamMember.count({ where: { teamId: team.id, userId: ana.id } })).toBe(1)
  })

  it('gives the last seat to one of two invitees accepting at once', async () => {
    const [ana, ben] = [await person(), await person()]
    // Both invited while there was room; then the limit dropped to one free seat.
    const team = await teamInviting([ana.email, ben.email], 2)
    const results = settled(
      await Promise.allSettled([
        acceptInvitation(
          { token: await inviteTokenFor(ana.email) },
          { id: ana.id, email: ana.email, activeTeamId: null },
        ),
        acceptInvitation(
          { token: await inviteTokenFor(ben.email) },
          { id: ben.id, email: ben.email, activeTeamId: null },
        ),
      ]),
    )
    expect(results.sort()).toEqual([409, 'ok'])
    expect(await prisma.teamMember.count({ where: { teamId: team.id } })).toBe(2)
    // The refused invitation stays pending: it can be accepted once a seat is added.
    expect(await prisma.teamInvite.count({ where: { teamId: team.id, acceptedAt: null } })).toBe(1)
  })
})

describe('sending at the same moment', () => {
  const owner = async () => {
    const user = await person()
    const team = await createTeam(user.id, { name: 'Double', description: null })
    const send = (email: string) =>
      sendInvite({
        team,
        actor: { userId: user.id, role: 'owner', name: 'Owner' },
        email,
        role: 'member',
        appOrigin: 'http://test',
      })
    return { team, send }
  }
  const pending = (teamId: string) =>
    prisma.teamInvite.findMany({
      where: { teamId, acceptedAt: null, declinedAt: null, revokedAt: null },
      select: { id: true, email: true },
    })

  it('keeps one pending invitation when the same address is invited twice at once (a double-clicked form)', async () => {
    const { team, send } = await owner()
    const results = await Promise.all([send('twice@example.com'), send('Twice@Example.com'), send('twice@example.com')])
    const invites = await pending(team.id)
    expect(invites).toEqual([{ id: results[0]!.id, email: 'twice@example.com' }])
    expect(new Set(results.map((r) => r.id))).toEqual(new Set([results[0]!.id]))
    // Three e-mails went out; the link of the last write is the one that works.
    const mails = await prisma.outboundEmail.findMany({
      where: { to: 'twice@example.com', template: 'team-invite' },
      select: { text: true },
    })
    const hashes = mails.map((m) => hashToken(/\/invites\/([A-Za-z0-9_-]{43})/.exec(m.text)![1]!))
    const { tokenHash } = await prisma.teamInvite.findUniqueOrThrow({
      where: { id: results[0]!.id },
      select: { tokenHash: true },
    })
    expect(hashes).toHaveLength(3)
    expect(hashes).toContain(tokenHash)
  })

  it('gives the last free seat to one of two addresses invited at once', async () => {
    const { team, send } = await owner()
    await setSeatLimit(team.id, 2) // the owner holds one
    const results = settled(await Promise.allSettled([send('first@example.com'), send('second@example.com')]))
    expect(results.sort()).toEqual([409, 'ok'])
    expect(await pending(team.id)).toHaveLength(1)
  })
})
