import { describe, expect, it } from 'vitest'
import { acceptInvitation, sendInvite } from '~/modules/teams/invites.server'
import { createTeam, leaveTeam, removeMember } from '~/modules/teams/teams.server'
import { inviteTokenFor, person } from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { teamSeatLimitStatement } from '~/modules/teams/statements.server'
import { refreshTeamSeats } from './subscriptions.server'

/** The team plan follows membership: joining a subscribed team gives it, leaving or removal takes it away. */

async function subscribedTeam() {
  const owner = await person()
  const team = await createTeam(owner.id, { name: 'Subscribed', description: null })
  await prisma.subscription.create({
    data: {
      polarSubscriptionId: `team-${team.id}`,
      polarCustomerId: 'cus',
      productId: 'prod',
      teamId: team.id,
      userId: owner.id,
      type: 'team',
      plan: 'team',
      amountCents: 3500,
      seats: 5,
      status: 'active',
      currentPeriodEnd: new Date(Date.now() + 20 * 24 * 60 * 60 * 1000),
    },
    select: { id: true },
  })
  await refreshTeamSeats(teamSeatLimitStatement, [team.id])
  return { owner, team }
}

async function join(team: { id: string; name: string }, owner: { id: string }) {
  const joiner = await person()
  await sendInvite({
    team,
    actor: { userId: owner.id, role: 'owner', name: 'Owner' },
    email: joiner.email,
    role: 'member',
    appOrigin: 'http://test',
  })
  await acceptInvitation(
    { token: await inviteTokenFor(joiner.email) },
    { id: joiner.id, email: joiner.email, activeTeamId: null },
  )
  return joiner
}

const planOf = (userId: string) =>
  prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { plan: true, isSubscribed: true } })

describe('the team plan follows membership', () => {
  it('is given on accepting an invitation and taken away on leaving', async () => {
    const { owner, team } = await subscribedTeam()
    const joiner = await join(team, owner)
    expect(await planOf(joiner.id)).toEqual({ plan: 'team', isSubscribed: true })
    await leaveTeam({ teamId: team.id, userId: joiner.id })
    expect(await planOf(joiner.id)).toEqual({ plan: 'basic', isSubscribed: false })
  })

  it('is taken away when an admin removes the member', async () => {
    const { owner, team } = await subscribedTeam()
    const joiner = await join(team, owner)
    await removeMember({ teamId: team.id, actor: { userId: owner.id, role: 'owner' }, targetUserId: joiner.id })
    expect(await planOf(joiner.id)).toEqual({ plan: 'basic', isSubscribed: false })
  })

  it('keeps premium for a member with an individual subscription who leaves', async () => {
    const { owner, team } = await subscribedTeam()
    const joiner = await join(team, owner)
    await prisma.subscription.create({
      data: {
        polarSubscriptionId: `own-${joiner.id}`,
        polarCustomerId: 'c2',
        productId: 'p',
        userId: joiner.id,
        type: 'individual',
        plan: 'premium',
        amountCents: 900,
        status: 'active',
      },
      select: { id: true },
    })
    await leaveTeam({ teamId: team.id, userId: joiner.id })
    expect(await planOf(joiner.id)).toEqual({ plan: 'premium', isSubscribed: true })
  })
})
