import { ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import { answerTask } from '~/modules/learning/practice.server'
import { callApi, signedIn } from '~/modules/learning/testing/api'
import { SECRET, createPracticeTopic } from '~/modules/learning/testing/practice-fixtures'
import { loader } from './api.tasks.$taskId.history'

const get = (taskId: string, cookie?: string) =>
  callApi(loader, `/api/tasks/${encodeURIComponent(taskId)}/history`, { cookie, params: { taskId } })

describe('GET /api/tasks/:taskId/history', () => {
  it('answers 401 JSON when signed out', async () => {
    const topic = await createPracticeTopic()
    expect(await get(topic.tasks.single)).toMatchObject({ status: 401, body: { error: expect.any(String) } })
  })

  it('answers 400 naming taskId when it is too long, 404 when unknown', async () => {
    const user = await signedIn()
    const bad = await get('t'.repeat(101), user.cookie)
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.fieldErrors as object)).toEqual(['taskId'])
    expect((await get('no.such.task', user.cookie)).status).toBe(404)
  })

  it('answers the learner’s own attempts with XP, correctness and dates, and never another learner’s', async () => {
    const topic = await createPracticeTopic()
    const [me, them] = [await signedIn(), await signedIn()]
    const answer = (userId: string, text: string) =>
      answerTask(userId, { taskId: topic.tasks.single, attemptId: ulid(), answer: text, hintUsed: false })
    const mine = await answer(me.id, SECRET.single.right)
    const theirs = await answer(them.id, SECRET.single.wrong)

    const history = await get(topic.tasks.single, me.cookie)
    expect(history.status).toBe(200)
    expect(history.body).toEqual({
      task: {
        id: topic.tasks.single,
        prompt: 'How many legs has a cat?',
        topic: { slug: topic.slug, title: topic.title },
      },
      attempts: [
        {
          attemptId: mine.result.attemptId,
          answeredAt: expect.any(String),
          day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          answer: SECRET.single.right,
          isCorrect: true,
          hintUsed: false,
          xpEarned: 10,
          multiplier: 1,
          nextReviewDay: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          reviewCount: 0,
          masteryLevel: expect.any(Number),
        },
      ],
      summary: { attempts: 1, correct: 1, xpEarned: 10 },
      card: { due: expect.any(String), state: 'review', reps: 1, lapses: 0 },
    })
    expect(history.text).not.toContain(theirs.result.attemptId)
    expect(history.text).not.toContain(them.id)

    const none = await get(topic.tasks.multi, me.cookie)
    expect(none.body).toMatchObject({ attempts: [], summary: { attempts: 0 }, card: null })
  })
})
