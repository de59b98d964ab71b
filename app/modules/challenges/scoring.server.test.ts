import { ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import { createTopic, rightAnswer } from '~/modules/learning/testing/fixtures'
import { submitAnswer } from '~/modules/learning/submission.server'
import { prisma } from '~/utils/db.server'
import { createUser, sessionUserOf } from '#tests/support/accounts'
import { challengeAccess, joinChallenge, leaveChallenge } from './challenges.server'
import { memoryCards } from './score-statements.server'
import { challengeScoring, withChallengeScoring } from './scoring.server'
import { retainedMemory } from './scoring-rules'
import { DAY, HOUR, createChallengeRow, scoreCountsAndGroupBy, scores } from './testing/fixtures'

async function joined(metric: 'xp' | 'tasks_mastered' | 'retention', overrides: { topicId?: string } = {}) {
  const user = await createUser()
  const challenge = await createChallengeRow({ metric, ...overrides })
  await joinChallenge(await challengeAccess(await sessionUserOf(user.id), challenge.id), user.id, new Date())
  return { user, challenge }
}

/** One answer as answerWithProgress gives it: with the learner's challenge scoring alongside. */
const answer = (userId: string, taskId: string, opts: { attemptId?: string; now?: Date; wrong?: boolean } = {}) => {
  const now = opts.now ?? new Date()
  return withChallengeScoring(userId, now, (alongside) =>
    submitAnswer(
      {
        userId,
        taskId,
        answer: opts.wrong ? '-1' : rightAnswer(taskId),
        attemptId: opts.attemptId ?? ulid(),
        hintUsed: false,
        alongside,
      },
      now,
    ),
  )
}

const xpOf = async (userId: string) =>
  (await prisma.userTaskAttempt.aggregate({ where: { userId }, _sum: { xpEarned: true } }))._sum.xpEarned ?? 0

describe('challenge scoring inside the answer', () => {
  it('has nothing to do for a learner in no running challenge', async () => {
    const user = await createUser()
    expect(await challengeScoring(user.id, new Date())).toBeNull()
  })

  it('adds the XP of an answer to the score and the board entry, in the same write', async () => {
    const { topicId, taskIds } = await createTopic({ baseTaskXp: 10 })
    const { user, challenge } = await joined('xp', { topicId })
    const before = await scores(challenge.id)
    expect(before.participants).toEqual([{ userId: user.id, score: 0 }])
    const result = await answer(user.id, taskIds[0]!)
    expect(result.xp.earned).toBe(10)
    const after = await scores(challenge.id)
    expect(after.participants).toEqual([{ userId: user.id, score: 10 }])
    expect(after.entries).toMatchObject([{ userId: user.id, score: 10, isFinal: false }])
    expect(after.entries[0]!.scoreReachedAt.getTime()).toBeGreaterThanOrEqual(
      before.entries[0]!.scoreReachedAt.getTime(),
    )
    // A wrong answer earns nothing and changes nothing.
    await answer(user.id, taskIds[1]!, { wrong: true })
    expect((await scores(challenge.id)).participants[0]!.score).toBe(10)
  })

  it('scores 50 concurrent answers exactly once, and replays and duplicates not at all', async () => {
    const { topicId, taskIds } = await createTopic({ baseTaskXp: 10 }, { tasks: 50 })
    const { user, challenge } = await joined('xp', { topicId })
    const alongside = (await challengeScoring(user.id, new Date()))!
    const attemptIds = taskIds.map(() => ulid())
    const submit = (i: number) =>
      submitAnswer({
        userId: user.id,
        taskId: taskIds[i]!,
        answer: rightAnswer(taskIds[i]!),
        attemptId: attemptIds[i]!,
        hintUsed: false,
        alongside,
      })
    // 50 answers at once, each sent twice at once (a double click): 100 requests.
    const results = await Promise.all(taskIds.flatMap((_, i) => [submit(i), submit(i)]))
    expect(results.filter((r) => !r.replayed)).toHaveLength(50)
    const earned = await xpOf(user.id)
    expect(earned).toBeGreaterThan(0)
    expect((await scores(challenge.id)).participants).toEqual([{ userId: user.id, score: earned }])
    // Replaying every answer later changes nothing.
    const replays = await Promise.all(taskIds.map((_, i) => submit(i)))
    expect(replays.every((r) => r.replayed)).toBe(true)
    expect((await scores(challenge.id)).entries).toMatchObject([{ score: earned }])
    const { counts, groupBy } = await scoreCountsAndGroupBy(challenge.id)
    expect(counts).toEqual(groupBy)
  })

  it('keeps the score counts of the board equal to a fresh GROUP BY through concurrent answers and a leave', async () => {
    // 40 XP an answer: scores cross the bucket edges 32 and 1024 (26 answers = 1040) on the way.
    const { topicId, taskIds } = await createTopic({ baseTaskXp: 40, dailyFullTasks: 1000 }, { tasks: 30 })
    const challenge = await createChallengeRow({ metric: 'xp', topicId })
    const learners = await Promise.all(Array.from({ length: 4 }, () => createUser()))
    for (const learner of learners)
      await joinChallenge(await challengeAccess(await sessionUserOf(learner.id), challenge.id), learner.id, new Date())
    expect(await scoreCountsAndGroupBy(challenge.id)).toMatchObject({ counts: ['0:0:4', '1:0:4', '2:0:4'] })
    // Every learner answers their share of the tasks at once, each answer sent twice (a double click).
    const counts = [30, 26, 1, 12]
    await Promise.all(
      learners.flatMap((learner, l) =>
        taskIds.slice(0, counts[l]).flatMap((taskId) => {
          const attemptId = ulid()
          return [answer(learner.id, taskId, { attemptId }), answer(learner.id, taskId, { attemptId })]
        }),
      ),
    )
    const after = await scores(challenge.id)
    for (const learner of learners)
      expect(after.entries.find((e) => e.userId === learner.id)!.score).toBe(await xpOf(learner.id))
    expect(Math.max(...after.entries.map((e) => e.score))).toBeGreaterThanOrEqual(1024)
    const fresh = await scoreCountsAndGroupBy(challenge.id)
    expect(fresh.counts).toEqual(fresh.groupBy)
    // A leave takes the learner's count with it.
    await leaveChallenge(
      await challengeAccess(await sessionUserOf(learners[1]!.id), challenge.id),
      learners[1]!.id,
      new Date(),
    )
    const left = await scoreCountsAndGroupBy(challenge.id)
    expect(left.counts).toEqual(left.groupBy)
    expect(left.groupBy.filter((c) => c.startsWith('0:'))).toHaveLength(3)
  })

  it('leaves out answers outside the window, out of scope, and after the challenge was finalised', async () => {
    const { topicId, taskIds } = await createTopic({ baseTaskXp: 10 }, { tasks: 4 })
    const other = await createTopic({ baseTaskXp: 10 })
    const { user, challenge } = await joined('xp', { topicId })
    await answer(user.id, other.taskIds[0]!)
    expect((await scores(challenge.id)).participants[0]!.score).toBe(0)
    // Read before the end, written after it: the builder itself refuses.
    const late = (await challengeScoring(user.id, new Date()))!
    const afterEnd = new Date(challenge.endDate.getTime() + HOUR)
    await submitAnswer(
      {
        userId: user.id,
        taskId: taskIds[0]!,
        answer: rightAnswer(taskIds[0]!),
        attemptId: ulid(),
        hintUsed: false,
        alongside: late,
      },
      afterEnd,
    )
    expect((await scores(challenge.id)).participants[0]!.score).toBe(0)
    // Finalised while a builder was in flight: the SQL guard refuses.
    const inFlight = (await challengeScoring(user.id, new Date()))!
    await prisma.challenge.update({ where: { id: challenge.id }, data: { finalizedAt: new Date() } })
    await submitAnswer({
      userId: user.id,
      taskId: taskIds[1]!,
      answer: rightAnswer(taskIds[1]!),
      attemptId: ulid(),
      hintUsed: false,
      alongside: inFlight,
    })
    expect((await scores(challenge.id)).participants[0]!.score).toBe(0)
    expect(await challengeScoring(user.id, new Date())).toBeNull()
  })

  it('keeps retained memory equal to the recall of all the cards under concurrent answers', async () => {
    const { topicId, taskIds } = await createTopic({}, { tasks: 12, concepts: ['mem.a'] })
    const second = await createTopic({}, { tasks: 4, concepts: ['mem.b'] })
    const user = await createUser()
    const challenge = await createChallengeRow({ metric: 'retention', rules: { concepts: ['mem.a', 'mem.b'] } })
    await joinChallenge(await challengeAccess(await sessionUserOf(user.id), challenge.id), user.id, new Date())
    const all = [...taskIds, ...second.taskIds]
    await Promise.all(all.map((taskId, i) => answer(user.id, taskId, { wrong: i % 5 === 0 })))
    const expected = retainedMemory(await memoryCards(user.id, challenge.startDate), {
      scope: { topicIds: null, concepts: ['mem.a', 'mem.b'] },
      startDate: challenge.startDate,
      endDate: challenge.endDate,
    })
    expect(expected.concepts.map((c) => c.concept)).toEqual(['mem.a', 'mem.b'])
    expect(expected.score).toBeGreaterThan(0)
    expect((await scores(challenge.id)).participants).toEqual([{ userId: user.id, score: expected.score }])
    void topicId
  })

  it('counts a task as mastered once its mastery reaches 100 inside the window', async () => {
    const { taskIds } = await createTopic({}, { tasks: 3, concepts: ['m.one'] })
    const user = await createUser()
    const start = new Date(Date.now() - 3 * DAY)
    const challenge = await createChallengeRow({ metric: 'tasks_mastered', startDate: start })
    await joinChallenge(await challengeAccess(await sessionUserOf(user.id), challenge.id), user.id, new Date())
    for (const taskId of taskIds) await answer(user.id, taskId, { now: new Date(start.getTime() + HOUR) })
    expect((await scores(challenge.id)).participants[0]!.score).toBe(0)
    for (const taskId of taskIds) await answer(user.id, taskId, { now: new Date(start.getTime() + DAY + HOUR) })
    const mastered = await prisma.userTaskAttempt.findMany({
      where: { userId: user.id, masteryLevel: { gte: 100 } },
      distinct: ['taskId'],
      select: { taskId: true },
    })
    expect(mastered.length).toBeGreaterThan(0)
    expect((await scores(challenge.id)).participants[0]!.score).toBe(mastered.length)
  })
})
