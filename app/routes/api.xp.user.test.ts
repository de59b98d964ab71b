import { ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import { answerTask } from '~/modules/learning/practice.server'
import { callApi, signedIn } from '~/modules/learning/testing/api'
import { SECRET, createPracticeTopic } from '~/modules/learning/testing/practice-fixtures'
import { prisma } from '~/utils/db.server'
import { loader } from './api.xp.user'

const get = (query: string, cookie?: string) => callApi(loader, `/api/xp/user${query}`, { cookie })

describe('GET /api/xp/user?topicSlug=', () => {
  it('answers 401 JSON when signed out', async () => {
    const topic = await createPracticeTopic()
    const answer = await get(`?topicSlug=${topic.slug}`)
    expect(answer).toMatchObject({ status: 401, body: { error: expect.any(String) } })
    expect(answer.headers.get('location')).toBeNull()
  })

  it.each([
    ['missing', ''],
    ['empty', '?topicSlug='],
    ['malformed', '?topicSlug=Not%20a%20slug'],
    ['too long', `?topicSlug=${'a'.repeat(81)}`],
  ])('answers 400 naming topicSlug when it is %s', async (_what, query) => {
    const user = await signedIn()
    const answer = await get(query, user.cookie)
    expect(answer.status).toBe(400)
    expect(Object.keys(answer.body.fieldErrors as object)).toEqual(['topicSlug'])
    expect(answer.body.error).toContain('topicSlug:')
  })

  it('answers 404 for an unknown or retired topic', async () => {
    const topic = await createPracticeTopic()
    const user = await signedIn()
    expect((await get('?topicSlug=no-such-topic', user.cookie)).status).toBe(404)
    await prisma.topicXpConfig.update({ where: { id: topic.topicId }, data: { active: false }, select: { id: true } })
    expect((await get(`?topicSlug=${topic.slug}`, user.cookie)).status).toBe(404)
  })

  it('answers the learner’s XP row (null before the first answer), the topic rules without any task, and the completed task ids', async () => {
    const topic = await createPracticeTopic()
    const [user, other] = [await signedIn(), await signedIn()]
    const fresh = await get(`?topicSlug=${topic.slug}`, user.cookie)
    expect(fresh.status).toBe(200)
    expect(fresh.body).toEqual({
      userXP: null,
      topicConfig: {
        slug: topic.slug,
        title: topic.title,
        category: null,
        description: null,
        difficulty: null,
        maxXp: 1000,
        baseTaskXp: 10,
        dailyFullTasks: 10,
        dailyHalfTasks: 10,
        multiplierFull: 1,
        multiplierHalf: 0.5,
        multiplierLow: 0.1,
        multiplierEarly: 0.5,
        levelThresholds: [0, 20, 60, 500],
        dailyXpDecay: 0,
        minXpPercent: 0.1,
        reviewIntervals: [1, 3, 7],
        tags: [],
        scheduler: 'fsrs',
      },
      completedTaskIds: [],
    })

    const answer = (taskId: string, text: string, userId = user.id) =>
      answerTask(userId, { taskId, attemptId: ulid(), answer: text, hintUsed: false })
    await answer(topic.tasks.single, SECRET.single.right)
    await answer(topic.tasks.multi, SECRET.multi.right)
    await answer(topic.tasks.numeric, SECRET.numeric.wrong)
    await answer(topic.tasks.text, SECRET.text.right, other.id)

    const later = await get(`?topicSlug=${topic.slug}`, user.cookie)
    expect(later.body.userXP).toEqual({
      currentXp: 20,
      totalXpEarned: 20,
      level: 2,
      lastActivity: expect.any(String),
      dailyTasksCount: 2,
      dailyTasksDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      srsStage: 0,
      nextReviewDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      lastPracticedDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    })
    expect(later.body.completedTaskIds).toEqual([topic.tasks.multi, topic.tasks.single].sort())
    const text = JSON.stringify(later.body)
    for (const secret of ['EXPLAINED-', 'zyxwvutsrq', String(SECRET.numeric.answer), '"answer"', topic.tasks.text])
      expect(text).not.toContain(secret)
  })
})
