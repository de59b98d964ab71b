import { ulid } from 'ulid'
import { describe, expect, it, onTestFinished } from 'vitest'
import { callApi, signedIn } from '~/modules/learning/testing/api'
import { SECRET, createPracticeTopic } from '~/modules/learning/testing/practice-fixtures'
import { prisma } from '~/utils/db.server'
import { databaseSnapshot } from '#tests/support/database'
import { clearAchievements, createAchievement, totalXp } from '~/modules/achievements/testing/fixtures'
import { action, loader } from './api.tasks.submit'

const submit = (cookie: string | undefined, body: { json?: unknown; form?: Record<string, string> }) =>
  callApi(action, '/api/tasks/submit', { cookie, ...body })

describe('POST /api/tasks/submit', () => {
  it('answers 401 JSON to a signed-out caller (no redirect) and writes nothing', async () => {
    const topic = await createPracticeTopic()
    const before = await databaseSnapshot()
    const answer = await submit(undefined, { json: { taskId: topic.tasks.single, attemptId: ulid(), answer: '2' } })
    expect(answer.status).toBe(401)
    expect(answer.body).toEqual({ error: expect.any(String) })
    expect(answer.headers.get('location')).toBeNull()
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('checks the answer on the server and answers 200 with the SubmissionResult; a client’s isCorrect and XP are ignored', async () => {
    const topic = await createPracticeTopic()
    const user = await signedIn()
    const attemptId = ulid()
    const answer = await submit(user.cookie, {
      json: {
        taskId: topic.tasks.numeric,
        topicSlug: topic.slug,
        attemptId,
        answer: 9,
        isCorrect: true,
        xpEarned: 1000,
      },
    })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('cache-control')).toBe('no-store')
    expect(answer.body).toEqual({
      attemptId,
      replayed: false,
      taskId: topic.tasks.numeric,
      isCorrect: false,
      correctAnswer: `${SECRET.numeric.answer} (± ${SECRET.numeric.tolerance})`,
      explanation: SECRET.numeric.explanation,
      source: null,
      xp: { earned: 0, multiplier: expect.any(Number), breakdown: expect.any(Array) },
      topic: { slug: topic.slug, title: topic.title, currentXp: 0, level: 1, leveledUp: false },
      nextReview: { dayKey: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), due: expect.any(String) },
      reviewCount: 0,
      masteryLevel: expect.any(Number),
      masteries: [expect.objectContaining({ concept: expect.any(String) })],
      xpToday: 0,
      goalReachedToday: false,
      progress: { ticked: [], unlocked: [], certified: [] },
    })
  })

  it('reports the achievement a right answer unlocked in `progress`, once; its replay sets off nothing', async () => {
    const topic = await createPracticeTopic()
    const user = await signedIn()
    onTestFinished(clearAchievements) // the catalogue is shared by the file's other tests
    await createAchievement('api-first-xp', totalXp(1), { xpReward: 7 })
    const body = { taskId: topic.tasks.single, attemptId: ulid(), answer: 2 }
    const first = await submit(user.cookie, { json: body })
    expect(first.body).toMatchObject({
      progress: {
        unlocked: [expect.objectContaining({ key: 'api-first-xp', name: 'Name of api-first-xp', xpReward: 7 })],
      },
    })
    const replay = await submit(user.cookie, { json: body })
    expect(replay.body).toMatchObject({ replayed: true, progress: { ticked: [], unlocked: [], certified: [] } })
    const paid = await prisma.xpLedgerEntry.count({ where: { userId: user.id, source: 'achievement' } })
    expect(paid).toBe(1)
  })

  it('takes the answer as text, a number, a list of indexes (JSON) or repeated form values', async () => {
    const topic = await createPracticeTopic()
    const user = await signedIn()
    const right = async (body: { json?: unknown; form?: Record<string, string> }) =>
      (await submit(user.cookie, body)).body.isCorrect
    expect(await right({ json: { taskId: topic.tasks.multi, attemptId: ulid(), answer: [2, 0] } })).toBe(true)
    expect(await right({ json: { taskId: topic.tasks.single, attemptId: ulid(), answer: 2, hintUsed: false } })).toBe(
      true,
    )
    expect(
      await right({ form: { taskId: topic.tasks.text, attemptId: ulid(), answer: SECRET.text.right, hintUsed: 'on' } }),
    ).toBe(true)
    const log = await prisma.userTaskAttempt.findFirstOrThrow({
      where: { userId: user.id, taskId: topic.tasks.text },
      select: { hintUsed: true, reviewLog: { select: { rating: true } } },
    })
    expect(log).toEqual({ hintUsed: true, reviewLog: { rating: 2 } })
  })

  it('replays a repeated attempt id: the same result, replayed, one attempt row, no more XP', async () => {
    const topic = await createPracticeTopic()
    const user = await signedIn()
    const body = { json: { taskId: topic.tasks.single, attemptId: ulid(), answer: '2' } }
    const first = await submit(user.cookie, body)
    const again = await submit(user.cookie, body)
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({
      replayed: true,
      isCorrect: true,
      attemptId: first.body.attemptId,
      xp: { earned: (first.body.xp as { earned: number }).earned },
    })
    expect(await prisma.userTaskAttempt.count({ where: { userId: user.id } })).toBe(1)
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { totalXp: true } })).totalXp).toBe(
      10,
    )
  })

  it.each([
    ['taskId', { taskId: undefined }],
    ['attemptId', { attemptId: undefined }],
    ['attemptId', { attemptId: 'not-a-ulid' }],
    ['answer', { answer: undefined }],
    ['answer', { answer: 'x'.repeat(501) }],
    ['answer', { answer: { text: 'two' } }],
    ['hintUsed', { hintUsed: 'maybe' }],
    ['durationMs', { durationMs: -5 }],
    ['topicSlug', { topicSlug: 'Not A Slug!' }],
  ] as const)('answers 400 naming %s, and writes nothing', async (field, change) => {
    const topic = await createPracticeTopic()
    const user = await signedIn()
    const body = { taskId: topic.tasks.single, attemptId: ulid(), answer: '2', ...change }
    const before = await databaseSnapshot()
    const answer = await submit(user.cookie, { json: body })
    expect(answer.status).toBe(400)
    expect(Object.keys(answer.body.fieldErrors as object)).toEqual([field])
    expect(answer.body.error).toContain(`${field}:`)
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('answers 400 to a body that is not JSON or a form', async () => {
    const user = await signedIn()
    const request = new Request('http://127.0.0.1:3000/api/tasks/submit', {
      method: 'POST',
      headers: { cookie: user.cookie, 'content-type': 'application/json' },
      body: '{"taskId":',
    })
    const answer = await action({ request, params: {}, context: {} })
    expect(answer.status).toBe(400)
  })

  it('answers 404 for an unknown task, an unknown topic, and a task that is not in the topic given', async () => {
    const [topic, other] = [await createPracticeTopic(), await createPracticeTopic()]
    const user = await signedIn()
    const before = await databaseSnapshot()
    const send = (json: object) => submit(user.cookie, { json: { attemptId: ulid(), answer: '2', ...json } })
    expect((await send({ taskId: 'no.such.task' })).status).toBe(404)
    expect((await send({ taskId: topic.tasks.single, topicSlug: 'no-such-topic' })).status).toBe(404)
    expect((await send({ taskId: topic.tasks.single, topicSlug: other.slug })).status).toBe(404)
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('answers 409 when the attempt id was used by another learner, changing nothing', async () => {
    const topic = await createPracticeTopic()
    const [me, them] = [await signedIn(), await signedIn()]
    const attemptId = ulid()
    await submit(them.cookie, { json: { taskId: topic.tasks.single, attemptId, answer: '2' } })
    const before = await databaseSnapshot()
    const answer = await submit(me.cookie, { json: { taskId: topic.tasks.single, attemptId, answer: '0' } })
    expect(answer).toMatchObject({ status: 409, body: { error: expect.any(String) } })
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('answers GET with 401 signed out and 405 signed in', async () => {
    const user = await signedIn()
    expect((await callApi(loader, '/api/tasks/submit')).status).toBe(401)
    const answer = await callApi(loader, '/api/tasks/submit', { cookie: user.cookie })
    expect(answer.status).toBe(405)
    expect(answer.headers.get('allow')).toBe('POST')
  })
})
