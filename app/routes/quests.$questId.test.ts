import { describe, expect, it } from 'vitest'
import { get, person, post } from '~/modules/teams/testing/fixtures'
import { PLAIN_QUEST_XP } from '~/modules/quests/quest-xp'
import { newQuest } from '~/modules/quests/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { databaseSnapshot } from '#tests/support/database'
import { toastIn } from '#tests/support/toast'
import * as questPage from './quests.$questId'
import * as questsPage from './quests._index'

const at = (questId: string) => ({ path: `/quests/${questId}`, params: { questId } })

describe('the quest pages', () => {
  it('take a learner through create, start, tick, complete (XP once, in the toast) and rate, with plain form posts', async () => {
    const me = await person()
    const created = await post(questsPage, '/quests', {}, me.cookie, {
      intent: 'create',
      title: 'Tidy the notes',
      difficulty: 'hard',
      priority: 'high',
      estimatedDuration: '20',
      steps: 'Sort\nFile',
    })
    expect(created.status).toBe(302)
    const questId = created.headers.get('location')!.split('/').pop()!
    expect((await toastIn(created.headers))?.message).toBe('Your quest was created.')
    const { path, params } = at(questId)

    const send = (form: Record<string, string>) => post(questPage, path, params, me.cookie, form)
    expect((await send({ intent: 'move', move: 'start' })).status).toBe(302)
    const page = await get(questPage, path, params, me.cookie)
    const quest = (page.body as { quest: { steps: { id: string }[]; moves: string[] } }).quest
    expect(quest.moves).toEqual(['complete', 'archive'])
    for (const step of quest.steps)
      expect((await send({ intent: 'tick-step', stepId: step.id, done: 'on' })).status).toBe(302)

    const completed = await send({ intent: 'move', move: 'complete' })
    expect(completed.status).toBe(302)
    expect((await toastIn(completed.headers))?.message).toBe(`Quest completed: +${PLAIN_QUEST_XP} XP.`)
    await send({ intent: 'move', move: 'reopen' })
    const again = await send({ intent: 'move', move: 'complete' })
    expect((await toastIn(again.headers))?.message).toBe('Quest completed again: its XP was paid the first time.')
    expect((await prisma.user.findUniqueOrThrow({ where: { id: me.id } })).totalXp).toBe(PLAIN_QUEST_XP)

    expect((await send({ intent: 'rate', difficultyRating: '4', satisfactionRating: '5' })).status).toBe(302)
    expect(await prisma.questAnalytics.findFirstOrThrow({ where: { questId } })).toMatchObject({
      difficultyRating: 4,
      satisfactionRating: 5,
      completionRate: 100,
    })
  })

  it('answer a refused form beside it: field errors, the loop of a dependency, an illegal move', async () => {
    const me = await person()
    const a = await newQuest(me.id, { title: 'Alpha' })
    const b = await newQuest(me.id, { title: 'Beta' })
    const send = (questId: string, form: Record<string, string>) =>
      post(questPage, `/quests/${questId}`, { questId }, me.cookie, form)

    const bad = await send(a.id, {
      intent: 'edit',
      title: '',
      difficulty: 'easy',
      priority: 'low',
      estimatedDuration: '2000',
    })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({
      intent: 'edit',
      fieldErrors: { title: expect.any(Array), estimatedDuration: expect.any(Array) },
    })

    expect((await send(a.id, { intent: 'add-dependency', prerequisiteId: b.id, type: 'sequential' })).status).toBe(302)
    const loop = await send(b.id, { intent: 'add-dependency', prerequisiteId: a.id, type: 'sequential' })
    expect(loop.status).toBe(409)
    expect(loop.body).toMatchObject({
      intent: 'add-dependency',
      fieldErrors: {
        prerequisiteId: ['This would make a loop of quests that wait for each other: Beta → Alpha → Beta.'],
      },
    })
    const blocked = await send(a.id, { intent: 'move', move: 'start' })
    expect(blocked).toMatchObject({
      status: 409,
      body: { formErrors: ['This quest needs this quest completed first: "Beta".'] },
    })
    expect((await send(a.id, { intent: 'move', move: 'reopen' })).status).toBe(409)
  })

  it('never show or change another learner’s quest: 404 for the page and every action, nothing written', async () => {
    const [me, other] = [await person(), await person()]
    const quest = await newQuest(me.id, { title: 'My secret quest', steps: 'Step' })
    const step = await prisma.questStep.findFirstOrThrow({ where: { questId: quest.id } })
    const { path, params } = at(quest.id)
    const before = await databaseSnapshot()
    const page = await get(questPage, path, params, other.cookie)
    expect(page.status).toBe(404)
    expect(JSON.stringify(page.body)).not.toContain('My secret quest')
    const forms: Record<string, string>[] = [
      { intent: 'edit', title: 'Mine now', difficulty: 'epic', priority: 'low', estimatedDuration: '5' },
      { intent: 'move', move: 'archive' },
      { intent: 'add-step', title: 'Extra' },
      { intent: 'remove-step', stepId: step.id },
      { intent: 'tick-step', stepId: step.id, done: 'on' },
      { intent: 'move-step', stepId: step.id, direction: 'down' },
      { intent: 'add-dependency', prerequisiteId: quest.id },
      { intent: 'rate', difficultyRating: '1', satisfactionRating: '1' },
    ]
    for (const form of forms) {
      expect((await post(questPage, path, params, other.cookie, form)).status, form.intent).toBe(404)
    }
    expect((await get(questPage, '/quests/not-a-quest', { questId: 'not-a-quest' }, me.cookie)).status).toBe(404)
    expect(await databaseSnapshot()).toEqual(before)
    // nor does it show on their board
    expect(JSON.stringify((await get(questsPage, '/quests', {}, other.cookie)).body)).not.toContain(quest.id)
  })
})
