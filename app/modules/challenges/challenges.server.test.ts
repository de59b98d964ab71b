import { describe, expect, it } from 'vitest'
import { createTopic } from '~/modules/learning/testing/fixtures'
import { teamWithEveryRole, person } from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { createUser, sessionUserOf } from '#tests/support/accounts'
import type { ChallengeCreate } from './challenge-input'
import {
  challengeAccess,
  challengeCreatorRights,
  createChallenge,
  joinChallenge,
  leaveChallenge,
  listChallenges,
} from './challenges.server'
import { DAY, HOUR, createChallengeRow, scores } from './testing/fixtures'

const input = (over: Partial<ChallengeCreate> = {}): ChallengeCreate => ({
  intent: 'create',
  title: 'Fractions week',
  description: '',
  difficulty: 'medium',
  metric: 'xp',
  startsAt: '2030-03-02T09:00',
  endsAt: '2030-03-09T18:30',
  topics: [],
  concepts: [],
  teamId: null,
  ...over,
})
const NOW = new Date('2030-03-01T00:00:00Z')

describe('making challenges', () => {
  it("reads the window in the creator's time zone and stores UTC instants", async () => {
    const admin = await createUser({ role: 'admin' })
    await prisma.user.update({ where: { id: admin.id }, data: { timezone: 'Europe/Berlin' } })
    const { slug } = await createTopic()
    const { id } = await createChallenge(
      await sessionUserOf(admin.id),
      input({ topics: [slug], concepts: ['c.one'] }),
      NOW,
    )
    const row = await prisma.challenge.findUniqueOrThrow({ where: { id } })
    expect(row.startDate.toISOString()).toBe('2030-03-02T08:00:00.000Z')
    expect(row.endDate.toISOString()).toBe('2030-03-09T17:30:00.000Z')
    expect(row.topicId).not.toBeNull()
    expect(row.rules).toEqual({ concepts: ['c.one'] })
    expect(row.teamId).toBeNull()
  })

  it('lets only platform admins make global ones, and a team’s owner, admins and instructors its own', async () => {
    const { team, owner, admin, instructor, member } = await teamWithEveryRole()
    const learner = await sessionUserOf(member.id)
    await expect(createChallenge(learner, input(), NOW)).rejects.toMatchObject({ status: 403 })
    await expect(createChallenge(learner, input({ teamId: team.id }), NOW)).rejects.toMatchObject({ status: 403 })
    for (const who of [owner, admin, instructor])
      await expect(
        createChallenge(await sessionUserOf(who.id), input({ teamId: team.id }), NOW),
      ).resolves.toHaveProperty('id')
    const outsider = await person()
    await expect(
      createChallenge(await sessionUserOf(outsider.id), input({ teamId: team.id }), NOW),
    ).rejects.toMatchObject({
      status: 403,
    })
    expect(await challengeCreatorRights(await sessionUserOf(instructor.id))).toEqual({
      global: false,
      teams: [{ id: team.id, name: team.name }],
    })
  })

  it('refuses a window that ends in the past or before it starts, and unknown topics', async () => {
    const admin = await sessionUserOf((await createUser({ role: 'admin' })).id)
    await expect(
      createChallenge(admin, input({ endsAt: '2029-01-01T00:00', startsAt: '2028-12-01T00:00' }), NOW),
    ).rejects.toMatchObject({
      status: 400,
      field: 'endsAt',
    })
    await expect(createChallenge(admin, input({ topics: ['no-such-topic'] }), NOW)).rejects.toMatchObject({
      field: 'topics',
    })
  })
})

describe('joining and leaving', () => {
  it('scores what the learner did in the window before joining, and refuses a second join', async () => {
    const user = await createUser()
    const challenge = await createChallengeRow({ metric: 'xp' })
    const access = await challengeAccess(await sessionUserOf(user.id), challenge.id)
    await joinChallenge(access, user.id, new Date())
    await expect(joinChallenge(access, user.id, new Date())).rejects.toMatchObject({ status: 409 })
    await leaveChallenge(access, user.id, new Date())
    expect((await scores(challenge.id)).participants).toEqual([])
    await expect(leaveChallenge(access, user.id, new Date())).rejects.toMatchObject({ status: 409 })
  })

  it('refuses to join or leave an ended challenge, with a clear message', async () => {
    const user = await createUser()
    const challenge = await createChallengeRow({
      startDate: new Date(Date.now() - 2 * DAY),
      endDate: new Date(Date.now() - HOUR),
    })
    const access = await challengeAccess(await sessionUserOf(user.id), challenge.id)
    await expect(joinChallenge(access, user.id, new Date())).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('has ended'),
    })
    // The end passing between the page and the write: the batch itself refuses.
    const running = await createChallengeRow({ endDate: new Date(Date.now() + HOUR) })
    const stale = await challengeAccess(await sessionUserOf(user.id), running.id)
    await expect(joinChallenge(stale, user.id, new Date(Date.now() + 2 * HOUR))).rejects.toMatchObject({ status: 409 })
    expect((await scores(running.id)).participants).toEqual([])
  })

  it("shows a team's challenge only to its members: another team's member is told it does not exist", async () => {
    const { team, member } = await teamWithEveryRole()
    const other = await teamWithEveryRole('Other team')
    const challenge = await createChallengeRow({ teamId: team.id })
    await expect(challengeAccess(await sessionUserOf(member.id), challenge.id)).resolves.toMatchObject({
      mayJoin: true,
      seesHidden: false,
    })
    await expect(challengeAccess(await sessionUserOf(other.member.id), challenge.id)).rejects.toMatchObject({
      status: 404,
    })
    await expect(challengeAccess(await sessionUserOf(other.owner.id), challenge.id)).rejects.toMatchObject({
      status: 404,
    })
    const lists = await listChallenges(other.member.id, new Date())
    expect(lists.running.map((c) => c.id)).not.toContain(challenge.id)
    expect((await listChallenges(member.id, new Date())).running.map((c) => c.id)).toContain(challenge.id)
    expect((await listChallenges(other.member.id, new Date(), { teamId: team.id })).running).toEqual([])
  })
})
