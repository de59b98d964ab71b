import { ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import { answerTask } from '~/modules/learning/practice.server'
import { callApi, signedIn } from '~/modules/learning/testing/api'
import { SECRET, createPracticeTopic } from '~/modules/learning/testing/practice-fixtures'
import { prisma } from '~/utils/db.server'
import { loader } from './api.reviews.due'

const get = (query: string, cookie?: string) => callApi(loader, `/api/reviews/due${query}`, { cookie })

describe('GET /api/reviews/due', () => {
  it('answers 401 JSON when signed out', async () => {
    const answer = await get('')
    expect(answer).toMatchObject({ status: 401, body: { error: expect.any(String) } })
  })

  it('answers 400 naming topicSlug when it is malformed, 404 when unknown', async () => {
    const user = await signedIn()
    const bad = await get('?topicSlug=UPPER', user.cookie)
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.fieldErrors as object)).toEqual(['topicSlug'])
    expect((await get('?topicSlug=no-such-topic', user.cookie)).status).toBe(404)
  })

  it('lists the learner’s due reviews oldest first, optionally of one topic, and none of another learner', async () => {
    const [a, b] = [await createPracticeTopic(), await createPracticeTopic()]
    const [me, them] = [await signedIn(), await signedIn()]
    const answer = (userId: string, taskId: string, text: string) =>
      answerTask(userId, { taskId, attemptId: ulid(), answer: text, hintUsed: false })
    await answer(me.id, a.tasks.single, SECRET.single.right)
    await answer(me.id, b.tasks.numeric, SECRET.numeric.right)
    await answer(them.id, a.tasks.multi, SECRET.multi.right)
    await prisma.reviewCard.updateMany({
      where: { userId: me.id, taskId: a.tasks.single },
      data: { due: new Date(Date.now() - 3_600_000) },
    })
    await prisma.reviewCard.updateMany({
      where: { userId: me.id, taskId: b.tasks.numeric },
      data: { due: new Date(Date.now() - 7_200_000) },
    })
    await prisma.reviewCard.updateMany({ where: { userId: them.id }, data: { due: new Date(Date.now() - 9_000_000) } })

    const all = await get('', me.cookie)
    expect(all.status).toBe(200)
    expect(all.body).toMatchObject({
      cap: 50,
      reviewedToday: 0,
      dueNow: 2,
      moreTomorrow: 0,
      capReached: false,
      nextDue: null,
      today: expect.any(String),
    })
    expect((all.body.reviews as Array<{ taskId: string }>).map((r) => r.taskId)).toEqual([
      b.tasks.numeric,
      a.tasks.single,
    ])
    expect(Object.keys((all.body.reviews as object[])[0]!).sort()).toEqual([
      'due',
      'dueDay',
      'kind',
      'prompt',
      'taskId',
      'topic',
    ])
    expect(JSON.stringify(all.body)).not.toContain(a.tasks.multi)
    expect(JSON.stringify(all.body)).not.toContain('EXPLAINED-')

    const onlyA = await get(`?topicSlug=${a.slug}`, me.cookie)
    expect((onlyA.body.reviews as Array<{ taskId: string }>).map((r) => r.taskId)).toEqual([a.tasks.single])
  })
})
