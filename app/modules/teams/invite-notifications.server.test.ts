import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { sendInvite } from './invites.server'
import { createTeam } from './teams.server'
import { person } from './testing/fixtures'

async function inviter() {
  const owner = await person()
  const team = await createTeam(owner.id, { name: 'Otters', description: null })
  await prisma.team.update({ where: { id: team.id }, data: { seatLimit: 10 }, select: { id: true } })
  const invite = (email: string) =>
    sendInvite({
      team,
      actor: { userId: owner.id, role: 'owner', name: 'Olga' },
      email,
      role: 'instructor',
      appOrigin: 'http://test',
    })
  return { owner, team, invite }
}

describe('the invitation notification', () => {
  it('reaches the account of the invited address once, with no second e-mail', async () => {
    const { owner, invite } = await inviter()
    const ana = await createUser()
    // even with e-mail switched on for invitations, the invitation e-mail is the only one
    await prisma.notificationPreference.create({ data: { userId: ana.id, type: 'team_invite', emailEnabled: true } })
    const first = await invite(ana.email.toUpperCase())
    const again = await invite(ana.email)
    expect(again.id).toBe(first.id)

    const rows = await prisma.notification.findMany({ where: { userId: ana.id }, include: { deliveries: true } })
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      type: 'team_invite',
      eventKey: `team-invite:${first.id}`,
      title: 'Olga invited you to join Otters',
      message: 'As instructor. Accept or decline on your teams page.',
      link: '/teams',
      inApp: true,
    })
    expect(rows[0]!.deliveries.filter((d) => d.channel === 'email')).toEqual([])
    expect(await prisma.outboundEmail.count({ where: { to: ana.email, template: 'team-invite' } })).toBe(2)
    expect(await prisma.notification.count({ where: { userId: owner.id } })).toBe(0)
  })

  it('is not made for an unconfirmed address or an address with no account', async () => {
    const { invite } = await inviter()
    const unconfirmed = await createUser({ verified: false })
    const invites = [
      await invite(unconfirmed.email),
      await invite(`nobody-${unconfirmed.id.toLowerCase()}@example.com`),
    ]
    expect(await prisma.notification.count({ where: { userId: unconfirmed.id } })).toBe(0)
    expect(
      await prisma.notification.count({ where: { eventKey: { in: invites.map((i) => `team-invite:${i.id}`) } } }),
    ).toBe(0)
  })
})
