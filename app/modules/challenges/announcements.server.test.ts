import { describe, expect, it } from 'vitest'
import { teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { announceStartedChallenges } from './announcements.server'
import { finalizeChallenge } from './finalize.server'
import { DAY, HOUR, createChallengeRow } from './testing/fixtures'

const notificationsOf = (eventKey: string) =>
  prisma.notification.findMany({
    where: { eventKey },
    select: { userId: true, type: true, title: true, message: true, link: true, data: true },
    orderBy: { userId: 'asc' },
  })

async function participate(challengeId: string, score = 0) {
  const user = await createUser()
  await prisma.userChallenge.create({ data: { userId: user.id, challengeId, score } })
  await prisma.leaderboardEntry.create({ data: { userId: user.id, challengeId, score } })
  return user.id
}

const byId = (a: string, b: string) => a.localeCompare(b)

describe('challenge started', () => {
  it('tells the participants of a global challenge once, within the day after its start', async () => {
    const now = new Date()
    const challenge = await createChallengeRow({ title: 'Sprint', startDate: new Date(now.getTime() - HOUR) })
    const upcoming = await createChallengeRow({ startDate: new Date(now.getTime() + HOUR) })
    const long = await createChallengeRow({ startDate: new Date(now.getTime() - 2 * DAY) })
    const [a, b] = [await participate(challenge.id), await participate(challenge.id)]
    const waiting = await participate(upcoming.id)
    const old = await participate(long.id)
    await createUser() // not a participant: a global challenge is everyone's, only joining asks for news

    // batches of one walk the participants one by one
    await announceStartedChallenges(now, 1)
    await announceStartedChallenges(new Date(now.getTime() + 15 * 60_000))
    const rows = await notificationsOf(`challenge-start:${challenge.id}`)
    expect(rows.map((r) => r.userId)).toEqual([a, b].sort(byId))
    expect(rows[0]).toMatchObject({
      type: 'challenge_started',
      title: '“Sprint” has started',
      link: `/challenges/${challenge.id}`,
    })
    expect(await notificationsOf(`challenge-start:${upcoming.id}`)).toEqual([])
    expect(await notificationsOf(`challenge-start:${long.id}`)).toEqual([])
    expect(await prisma.notification.count({ where: { userId: { in: [waiting, old] } } })).toBe(0)
  })

  it('tells every member of the team of a team challenge, joined or not, and nobody else', async () => {
    const now = new Date()
    const { team, owner, admin, instructor, member } = await teamWithEveryRole()
    const challenge = await createChallengeRow({ teamId: team.id, startDate: new Date(now.getTime() - HOUR) })
    await prisma.userChallenge.create({ data: { userId: member.id, challengeId: challenge.id } })
    const outsider = await participate(challenge.id) // left the team since, say

    await announceStartedChallenges(now)
    await announceStartedChallenges(now)
    const rows = await notificationsOf(`challenge-start:${challenge.id}`)
    expect(rows.map((r) => r.userId)).toEqual([owner.id, admin.id, instructor.id, member.id].sort(byId))
    expect(rows.find((r) => r.userId === member.id)!.data).toMatchObject({ joined: true })
    expect(rows.find((r) => r.userId === admin.id)!.data).toMatchObject({ joined: false })
    expect(rows.some((r) => r.userId === outsider)).toBe(false)
  })
})

describe('challenge ended', () => {
  it('tells each participant their final rank, in the finalisation, once', async () => {
    const challenge = await createChallengeRow({
      title: 'Sprint',
      startDate: new Date(Date.now() - 4 * DAY),
      endDate: new Date(Date.now() - HOUR),
    })
    const [second, first, alsoFirst, last] = [
      await participate(challenge.id, 50),
      await participate(challenge.id, 80),
      await participate(challenge.id, 80),
      await participate(challenge.id, 0),
    ]
    await createUser()
    expect(await finalizeChallenge(challenge.id, new Date())).toBe(true)
    expect(await finalizeChallenge(challenge.id, new Date())).toBe(false)
    const rows = await notificationsOf(`challenge-end:${challenge.id}`)
    const titleOf = new Map(rows.map((r) => [r.userId, r.title]))
    expect(rows).toHaveLength(4)
    expect(titleOf.get(first)).toBe('“Sprint” has ended: you placed 1st of 4')
    expect(titleOf.get(alsoFirst)).toBe('“Sprint” has ended: you placed 1st of 4')
    expect(titleOf.get(second)).toBe('“Sprint” has ended: you placed 3rd of 4')
    expect(titleOf.get(last)).toBe('“Sprint” has ended: you placed 4th of 4')
    expect(rows.every((r) => r.type === 'challenge_ended' && r.link === `/challenges/${challenge.id}`)).toBe(true)
    // the rank said is the rank frozen
    const entries = await prisma.leaderboardEntry.findMany({ where: { challengeId: challenge.id } })
    for (const entry of entries)
      expect(rows.find((r) => r.userId === entry.userId)!.data).toMatchObject({ rank: entry.rank })
  })

  it('leaves out who left the team of a team challenge', async () => {
    const { team, member } = await teamWithEveryRole()
    const challenge = await createChallengeRow({
      teamId: team.id,
      startDate: new Date(Date.now() - 4 * DAY),
      endDate: new Date(Date.now() - HOUR),
    })
    await prisma.userChallenge.create({ data: { userId: member.id, challengeId: challenge.id, score: 5 } })
    await prisma.leaderboardEntry.create({ data: { userId: member.id, challengeId: challenge.id, score: 5 } })
    const formerMember = await participate(challenge.id, 9)
    await finalizeChallenge(challenge.id, new Date())
    const rows = await notificationsOf(`challenge-end:${challenge.id}`)
    expect(rows.map((r) => [r.userId, r.title])).toEqual([
      [member.id, '“Test challenge” has ended: you placed 2nd of 2'],
    ])
    expect(rows.some((r) => r.userId === formerMember)).toBe(false)
  })
})
