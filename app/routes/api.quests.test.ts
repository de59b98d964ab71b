import { describe, expect, it } from 'vitest'
import { callApi, signedIn } from '~/modules/learning/testing/api'
import { createPracticeTopic } from '~/modules/learning/testing/practice-fixtures'
import { PLAIN_QUEST_XP } from '~/modules/quests/quest-xp'
import { prisma } from '~/utils/db.server'
import * as questApi from './api.quests.$questId'
import * as questsApi from './api.quests'

describe('the quest APIs', () => {
  it('create a quest from JSON (steps with a learning goal), ignoring any XP the client sends', async () => {
    const me = await signedIn()
    const topic = await createPracticeTopic({ title: 'Cats' })
    const created = await callApi(questsApi.action, '/api/quests', {
      cookie: me.cookie,
      json: {
        title: 'Cat quest',
        difficulty: 'epic',
        priority: 'urgent',
        estimatedDuration: 15,
        experiencePoints: 100000,
        steps: ['Read', { title: 'Five cats', goal: { kind: 'answer_tasks', topicId: topic.topicId, count: 5 } }],
      },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      title: 'Cat quest',
      status: 'active',
      experiencePoints: 0,
      steps: [
        { title: 'Read', goal: null },
        { title: 'Five cats', goal: 'Answer 5 tasks of Cats correctly' },
      ],
    })
    const list = await callApi(questsApi.loader, '/api/quests?status=active', { cookie: me.cookie })
    expect(list.status).toBe(200)
    expect((list.body.own as { id: string }[]).map((q) => q.id)).toEqual([created.body.id])
  })

  it('name the field of a bad request (400) and answer 401 signed out', async () => {
    const me = await signedIn()
    const bad = await callApi(questsApi.action, '/api/quests', {
      cookie: me.cookie,
      json: { title: 'x', difficulty: 'legendary', priority: 'low', estimatedDuration: 0 },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.fieldErrors).toMatchObject({ difficulty: expect.any(Array), estimatedDuration: expect.any(Array) })
    expect((await callApi(questsApi.loader, '/api/quests')).status).toBe(401)
  })

  it('edit with PATCH and move with POST; a completion pays once; another learner gets 404', async () => {
    const [me, other] = [await signedIn(), await signedIn()]
    const { body } = await callApi(questsApi.action, '/api/quests', {
      cookie: me.cookie,
      json: { title: 'Plain', difficulty: 'easy', priority: 'low', estimatedDuration: 5 },
    })
    const id = body.id as string
    const path = `/api/quests/${id}`
    const params = { questId: id }
    const patched = await callApi(questApi.action, path, {
      params,
      cookie: me.cookie,
      method: 'PATCH',
      json: { title: 'Renamed', difficulty: 'hard', priority: 'high', estimatedDuration: 50 },
    })
    expect(patched).toMatchObject({ status: 200, body: { quest: { title: 'Renamed', difficulty: 'hard' } } })
    await callApi(questApi.action, path, { params, cookie: me.cookie, json: { intent: 'move', move: 'start' } })
    const done = await callApi(questApi.action, path, {
      params,
      cookie: me.cookie,
      json: { intent: 'move', move: 'complete' },
    })
    expect(done.body).toMatchObject({ paid: { amount: PLAIN_QUEST_XP }, unlocked: [], quest: { status: 'completed' } })
    const illegal = await callApi(questApi.action, path, {
      params,
      cookie: me.cookie,
      json: { intent: 'move', move: 'start' },
    })
    expect(illegal.status).toBe(409)

    expect((await callApi(questApi.loader, path, { params, cookie: other.cookie })).status).toBe(404)
    const hostile = await callApi(questApi.action, path, {
      params,
      cookie: other.cookie,
      json: { intent: 'move', move: 'archive' },
    })
    expect(hostile.status).toBe(404)
    expect((await prisma.quest.findUniqueOrThrow({ where: { id } })).status).toBe('completed')
  })
})
