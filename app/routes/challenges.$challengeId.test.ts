import { ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import { createTopic, rightAnswer } from '~/modules/learning/testing/fixtures'
import type { ChallengeDetail } from '~/modules/challenges/challenge-detail.server'
import { answerWithProgress } from '~/modules/progress-events.server'
import { createChallengeRow } from '~/modules/challenges/testing/fixtures'
import { addMember, get, post, teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { databaseSnapshot } from '#tests/support/database'
import * as challengeApi from './api.challenges.$challengeId'
import * as challengesApi from './api.challenges'
import * as challengePage from './challenges.$challengeId'
import * as challengesPage from './challenges._index'

type Detail = ChallengeDetail
const path = (id: string) => `/challenges/${id}`

describe('/challenges/:challengeId', () => {
  it('never shows a team challenge or its board to a member of another team, and lets them change nothing', async () => {
    const ours = await teamWithEveryRole('Ours')
    const theirs = await teamWithEveryRole('Theirs')
    const challenge = await createChallengeRow({ teamId: ours.team.id, title: 'Ours only' })
    expect(
      (
        await post(challengePage, path(challenge.id), { challengeId: challenge.id }, ours.member.cookie, {
          intent: 'join',
        })
      ).status,
    ).toBe(302)
    const before = await databaseSnapshot()
    for (const outsider of [theirs.member, theirs.owner, theirs.admin]) {
      const page = await get(challengePage, path(challenge.id), { challengeId: challenge.id }, outsider.cookie)
      expect(page.status).toBe(404)
      expect(JSON.stringify(page.body)).not.toContain('Ours only')
      const json = await get(challengeApi, `/api${path(challenge.id)}`, { challengeId: challenge.id }, outsider.cookie)
      expect(json.status).toBe(404)
      expect(JSON.stringify(json.body)).not.toContain(ours.member.name!)
      for (const intent of ['join', 'leave'])
        expect(
          (await post(challengePage, path(challenge.id), { challengeId: challenge.id }, outsider.cookie, { intent }))
            .status,
        ).toBe(404)
      const list = await get(challengesApi, `/api/challenges?team=${ours.team.id}`, {}, outsider.cookie)
      expect(JSON.stringify(list.body)).not.toContain('Ours only')
    }
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('orders two members by their answers, shows each their rank, and refuses joins after the end', async () => {
    const { team, member, instructor } = await teamWithEveryRole()
    const { topicId, taskIds } = await createTopic({ baseTaskXp: 10 }, { tasks: 4 })
    const challenge = await createChallengeRow({ teamId: team.id, topicId, metric: 'xp' })
    const params = { challengeId: challenge.id }
    for (const who of [member, instructor])
      expect((await post(challengePage, path(challenge.id), params, who.cookie, { intent: 'join' })).status).toBe(302)
    const again = await post(challengePage, path(challenge.id), params, member.cookie, { intent: 'join' })
    expect(again.status).toBe(409)
    const answer = (userId: string, taskId: string) =>
      answerWithProgress(
        userId,
        { taskId, attemptId: ulid(), answer: rightAnswer(taskId), hintUsed: false },
        { topicId },
      )
    await answer(member.id, taskIds[0]!)
    await answer(member.id, taskIds[1]!)
    await answer(instructor.id, taskIds[0]!)
    const page = await get(challengePage, path(challenge.id), params, member.cookie)
    expect(page.status).toBe(200)
    const { detail } = page.body as { detail: Detail }
    expect(detail.board.top.map((r) => [r.rank, r.name, r.score])).toEqual([
      [1, member.name, 20],
      [2, instructor.name, 10],
    ])
    expect(detail.board.me).toEqual({ rank: 1, score: 20 })
    expect(detail.timeLeft).toMatch(/day/)
    expect(detail.chart.at(-1)?.value).toBe(20)
    expect(JSON.stringify(page.body)).not.toContain(member.id)

    await prisma.challenge.update({ where: { id: challenge.id }, data: { endDate: new Date(Date.now() - 1000) } })
    const late = await get(challengePage, path(challenge.id), params, instructor.cookie)
    expect((late.body as { detail: Detail }).detail.challenge.status).toBe('ended')
    await post(challengePage, path(challenge.id), params, member.cookie, { intent: 'leave' })
    const refused = await post(challengePage, path(challenge.id), params, (await addMember(team.id, 'member')).cookie, {
      intent: 'join',
    })
    expect(refused.status).toBe(409)
    expect(JSON.stringify(refused.body)).toContain('has ended')
  })

  it('leaves a hidden learner out of another learner’s board, not out of the team admin’s', async () => {
    const { team, member, admin, instructor } = await teamWithEveryRole()
    const challenge = await createChallengeRow({ teamId: team.id })
    const params = { challengeId: challenge.id }
    for (const who of [member, instructor])
      await post(challengePage, path(challenge.id), params, who.cookie, { intent: 'join' })
    await prisma.user.update({ where: { id: instructor.id }, data: { hideFromBoards: true } })
    const seen = async (cookie: string) =>
      ((await get(challengeApi, `/api${path(challenge.id)}`, params, cookie)).body as Detail).board.top.map(
        (r) => r.name,
      )
    expect(await seen(member.cookie)).toEqual([member.name])
    expect((await seen(admin.cookie)).sort()).toEqual([member.name, instructor.name].sort())
    expect(await seen(instructor.cookie)).toContain(instructor.name)
  })
})

describe('/challenges', () => {
  it('lets an instructor create a team challenge and refuses a bad window beside the form', async () => {
    const { team, instructor, member } = await teamWithEveryRole()
    const form = {
      intent: 'create',
      title: 'Spring sprint',
      difficulty: 'easy',
      metric: 'retention',
      startsAt: '2031-04-01T09:00',
      endsAt: '2031-04-08T09:00',
      teamId: team.id,
    }
    const created = await post(challengesPage, '/challenges', {}, instructor.cookie, form)
    expect(created.status).toBe(302)
    expect(created.headers.get('location')).toMatch(/^\/challenges\/[0-9A-Z]{26}$/)
    const bad = await post(challengesPage, '/challenges', {}, instructor.cookie, {
      ...form,
      endsAt: '2031-03-01T09:00',
    })
    expect(bad.status).toBe(400)
    expect((bad.body as { fieldErrors: Record<string, string[]> }).fieldErrors.endsAt).toBeDefined()
    const list = await get(challengesPage, '/challenges', {}, member.cookie)
    expect(JSON.stringify(list.body)).toContain('Spring sprint')
    expect((list.body as { create: unknown }).create).toBeNull()
  })
})
