import { ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { NotFound } from '~/utils/errors.server'
import { createUser } from '#tests/support/accounts'
import { answerTask } from './practice.server'
import { learnerClock, reviewQueue, reviewsDoneOn, taskHistory } from './reviews.server'
import { SECRET, createPracticeTopic, type FixtureKind, type PracticeTopicFixture } from './testing/practice-fixtures'

// 10:00 in Berlin (UTC+1 in March before the change), learner day 2026-03-02.
const NOW = new Date('2026-03-02T09:00:00Z')
const hoursAgo = (n: number) => new Date(NOW.getTime() - n * 3_600_000)

async function berliner() {
  const user = await createUser()
  await prisma.user.update({
    where: { id: user.id },
    data: { timezone: 'Europe/Berlin', dayStartHour: 4 },
    select: { id: true },
  })
  return user
}

async function answer(
  userId: string,
  fixture: PracticeTopicFixture,
  kind: FixtureKind,
  { right = true, at = hoursAgo(30) } = {},
) {
  const input = {
    taskId: fixture.tasks[kind],
    attemptId: ulid(),
    answer: right ? SECRET[kind].right : SECRET[kind].wrong,
    hintUsed: false,
  }
  return (await answerTask(userId, input, { now: at })).result
}

/** Makes a card due at a given instant (as if time had passed). */
const dueAt = (userId: string, taskId: string, due: Date) =>
  prisma.reviewCard.updateMany({ where: { userId, taskId }, data: { due } })

describe('the review queue', () => {
  it('lists due cards across topics, oldest due first, and leaves out what is not due yet', async () => {
    const [a, b] = [
      await createPracticeTopic({ title: 'Alpha' }),
      await createPracticeTopic({ title: 'Beta', scheduler: 'stages' }),
    ]
    const user = await berliner()
    for (const [fixture, kind] of [
      [a, 'single'],
      [a, 'multi'],
      [b, 'numeric'],
      [b, 'text'],
    ] as const)
      await answer(user.id, fixture, kind)
    await dueAt(user.id, a.tasks.single, hoursAgo(1))
    await dueAt(user.id, b.tasks.numeric, hoursAgo(50))
    await dueAt(user.id, a.tasks.multi, hoursAgo(3))
    await dueAt(user.id, b.tasks.text, new Date(NOW.getTime() + 3_600_000))

    const queue = await reviewQueue(user.id, { now: NOW })
    expect(queue.reviews.map((r) => r.taskId)).toEqual([b.tasks.numeric, a.tasks.multi, a.tasks.single])
    expect(queue.reviews[0]).toEqual({
      taskId: b.tasks.numeric,
      kind: 'numeric',
      prompt: 'Divide 15.0076 by 4.',
      topic: { slug: b.slug, title: 'Beta' },
      due: hoursAgo(50).toISOString(),
      dueDay: '2026-02-28',
    })
    expect(queue).toMatchObject({
      today: '2026-03-02',
      dueNow: 3,
      reviewedToday: 0,
      moreTomorrow: 0,
      capReached: false,
      nextDue: new Date(NOW.getTime() + 3_600_000).toISOString(),
    })
    expect(JSON.stringify(queue)).not.toContain('EXPLAINED-')
  })

  it('offers at most the daily cap minus the reviews done today; the rest wait for tomorrow', async () => {
    const fixture = await createPracticeTopic()
    const user = await berliner()
    for (const kind of ['single', 'multi', 'numeric', 'text'] as const) await answer(user.id, fixture, kind)
    for (const [i, kind] of (['single', 'multi', 'numeric', 'text'] as const).entries())
      await dueAt(user.id, fixture.tasks[kind], hoursAgo(10 - i))

    expect(await reviewQueue(user.id, { now: NOW, cap: 2 })).toMatchObject({
      dueNow: 4,
      moreTomorrow: 2,
      capReached: true,
      reviewedToday: 0,
    })
    expect((await reviewQueue(user.id, { now: NOW, cap: 2 })).reviews.map((r) => r.taskId)).toEqual([
      fixture.tasks.single,
      fixture.tasks.multi,
    ])

    // Reviewing the first card today (its second answer) uses one place of the cap.
    await answer(user.id, fixture, 'single', { at: hoursAgo(0.5) })
    const after = await reviewQueue(user.id, { now: NOW, cap: 2 })
    expect(after).toMatchObject({ reviewedToday: 1, dueNow: 3, moreTomorrow: 2, capReached: true })
    expect(after.reviews.map((r) => r.taskId)).toEqual([fixture.tasks.multi])

    await answer(user.id, fixture, 'multi', { at: hoursAgo(0.4) })
    expect(await reviewQueue(user.id, { now: NOW, cap: 2 })).toMatchObject({
      reviewedToday: 2,
      reviews: [],
      dueNow: 2,
      moreTomorrow: 2,
      capReached: true,
    })
  })

  it('counts as reviews only answers to cards answered before, on the learner’s day (from 04:00 local)', async () => {
    const fixture = await createPracticeTopic()
    const user = await berliner()
    // First answers (state new) today: no reviews.
    await answer(user.id, fixture, 'single', { at: hoursAgo(2) })
    await answer(user.id, fixture, 'multi', { at: hoursAgo(2) })
    const clock = await learnerClock(user.id, NOW)
    expect(await reviewsDoneOn(user.id, clock)).toBe(0)
    // 03:30 Berlin on 2 March belongs to 1 March; 04:30 to 2 March.
    await answer(user.id, fixture, 'single', { at: new Date('2026-03-02T02:30:00Z') })
    expect(await reviewsDoneOn(user.id, clock)).toBe(0)
    await answer(user.id, fixture, 'multi', { at: new Date('2026-03-02T03:30:00Z') })
    expect(await reviewsDoneOn(user.id, clock)).toBe(1)
  })

  it('leaves out retired tasks and says when the next card comes due', async () => {
    const fixture = await createPracticeTopic()
    const user = await berliner()
    await answer(user.id, fixture, 'single')
    await answer(user.id, fixture, 'multi')
    await dueAt(user.id, fixture.tasks.single, hoursAgo(1))
    await dueAt(user.id, fixture.tasks.multi, new Date('2026-03-04T08:00:00Z'))
    await prisma.task.updateMany({ where: { id: fixture.tasks.single }, data: { active: false } })
    expect(await reviewQueue(user.id, { now: NOW })).toMatchObject({
      dueNow: 0,
      reviews: [],
      nextDue: '2026-03-04T08:00:00.000Z',
    })
  })

  it('filters by topic and never shows another learner’s cards', async () => {
    const [a, b] = [await createPracticeTopic(), await createPracticeTopic()]
    const [me, them] = [await berliner(), await berliner()]
    await answer(me.id, a, 'single')
    await answer(me.id, b, 'single')
    await answer(them.id, a, 'multi')
    await prisma.reviewCard.updateMany({ data: { due: hoursAgo(1) } })
    expect((await reviewQueue(me.id, { now: NOW })).reviews.map((r) => r.taskId).sort()).toEqual(
      [a.tasks.single, b.tasks.single].sort(),
    )
    expect((await reviewQueue(me.id, { now: NOW, topicId: b.topicId })).reviews.map((r) => r.taskId)).toEqual([
      b.tasks.single,
    ])
  })
})

describe('a task’s history', () => {
  it('lists the learner’s own attempts newest first with XP, correctness and dates, and never another learner’s', async () => {
    const fixture = await createPracticeTopic()
    const [me, them] = [await berliner(), await berliner()]
    const wrong = await answer(me.id, fixture, 'numeric', { right: false, at: hoursAgo(30) })
    const right = await answer(me.id, fixture, 'numeric', { at: hoursAgo(2) })
    const theirs = await answer(them.id, fixture, 'numeric')

    const history = await taskHistory(me.id, fixture.tasks.numeric)
    expect(history.task).toEqual({
      id: fixture.tasks.numeric,
      prompt: 'Divide 15.0076 by 4.',
      topic: { slug: fixture.slug, title: fixture.title },
    })
    expect(history.attempts.map((a) => a.attemptId)).toEqual([right.attemptId, wrong.attemptId])
    expect(history.attempts[0]).toMatchObject({
      isCorrect: true,
      xpEarned: right.xp.earned,
      answer: SECRET.numeric.right,
      day: '2026-03-02',
      answeredAt: hoursAgo(2).toISOString(),
      hintUsed: false,
      reviewCount: 1,
    })
    expect(history.attempts[1]).toMatchObject({ isCorrect: false, xpEarned: 0, day: '2026-03-01', reviewCount: 0 })
    expect(history.summary).toEqual({ attempts: 2, correct: 1, xpEarned: right.xp.earned })
    expect(history.card).toMatchObject({ reps: 2, lapses: expect.any(Number) })
    expect(JSON.stringify(history)).not.toContain(theirs.attemptId)

    expect(await taskHistory(me.id, fixture.tasks.text)).toMatchObject({
      attempts: [],
      summary: { attempts: 0, correct: 0, xpEarned: 0 },
      card: null,
    })
    await expect(taskHistory(me.id, 'no.such.task')).rejects.toBeInstanceOf(NotFound)
  })
})
