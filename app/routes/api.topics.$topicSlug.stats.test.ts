import { ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import { answerTask } from '~/modules/learning/practice.server'
import { callApi, signedIn } from '~/modules/learning/testing/api'
import { SECRET, createPracticeTopic } from '~/modules/learning/testing/practice-fixtures'
import { prisma } from '~/utils/db.server'
import { loader } from './api.topics.$topicSlug.stats'

const get = (topicSlug: string, cookie?: string) =>
  callApi(loader, `/api/topics/${topicSlug}/stats`, { cookie, params: { topicSlug } })

describe('GET /api/topics/:topicSlug/stats', () => {
  it('answers 401 JSON when signed out', async () => {
    const topic = await createPracticeTopic()
    expect(await get(topic.slug)).toMatchObject({ status: 401, body: { error: expect.any(String) } })
  })

  it('answers 400 naming topicSlug when it is malformed, 404 when unknown', async () => {
    const user = await signedIn()
    const bad = await get('Not_A_Slug', user.cookie)
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.fieldErrors as object)).toEqual(['topicSlug'])
    expect((await get('no-such-topic', user.cookie)).status).toBe(404)
  })

  it('answers the learner’s attempts, correct rate, XP today and in total, level, due count — not counting another learner', async () => {
    const topic = await createPracticeTopic()
    const [me, them] = [await signedIn(), await signedIn()]
    const fresh = await get(topic.slug, me.cookie)
    expect(fresh.body).toEqual({
      topic: { slug: topic.slug, title: topic.title },
      today: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      level: 1,
      currentXp: 0,
      levelFloor: 0,
      nextLevelAt: 20,
      levelProgress: 0,
      fullXpAnswersLeftToday: 10,
      attempts: 0,
      correctAttempts: 0,
      correctRate: null,
      xpToday: 0,
      xpTotal: 0,
      dueCount: 0,
      tasks: { total: 4, answered: 0 },
    })

    const answer = (userId: string, taskId: string, text: string) =>
      answerTask(userId, { taskId, attemptId: ulid(), answer: text, hintUsed: false })
    await answer(me.id, topic.tasks.single, SECRET.single.right)
    await answer(me.id, topic.tasks.multi, SECRET.multi.right)
    await answer(me.id, topic.tasks.numeric, SECRET.numeric.wrong)
    await answer(them.id, topic.tasks.text, SECRET.text.right)
    await prisma.reviewCard.updateMany({
      where: { userId: me.id, taskId: topic.tasks.single },
      data: { due: new Date(Date.now() - 60_000) },
    })

    const later = await get(topic.slug, me.cookie)
    expect(later.status).toBe(200)
    expect(later.body).toMatchObject({
      level: 2,
      currentXp: 20,
      levelFloor: 20,
      nextLevelAt: 60,
      levelProgress: 0,
      fullXpAnswersLeftToday: 8,
      attempts: 3,
      correctAttempts: 2,
      correctRate: 0.667,
      xpToday: 20,
      xpTotal: 20,
      dueCount: 1,
      tasks: { total: 4, answered: 3 },
    })
  })
})
