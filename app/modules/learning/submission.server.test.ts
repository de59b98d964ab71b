import { ulid } from 'ulid'
import { describe, expect, it, vi } from 'vitest'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { createTopic, rightAnswer } from './testing/fixtures'
import { currentMasteries } from './mastery-now.server'
import { submitAnswer } from './submission.server'
import { awardXp } from './xp-rules'

const submit = (
  userId: string,
  taskId: string,
  answer: string,
  extra: { attemptId?: string; hintUsed?: boolean } = {},
  now?: Date,
) =>
  submitAnswer({ userId, taskId, answer, attemptId: extra.attemptId ?? ulid(), hintUsed: extra.hintUsed ?? false }, now)

describe('submitting an answer', () => {
  it('records a correct answer with its XP, card, log, ledger, mastery and profile in one go', async () => {
    const user = await createUser()
    const { topicId, taskIds } = await createTopic({ baseTaskXp: 10 })
    const result = await submit(user.id, taskIds[0]!, rightAnswer(taskIds[0]!))

    expect(result).toMatchObject({
      isCorrect: true,
      replayed: false,
      xp: { earned: 10 },
      topic: { currentXp: 10, level: 1 },
    })
    expect(result.explanation).toBe('0 + 1 = 1')
    const attempt = await prisma.userTaskAttempt.findUniqueOrThrow({
      where: { attemptId: result.attemptId },
      select: {
        isCorrect: true,
        xpEarned: true,
        dayKey: true,
        reviewCount: true,
        reviewLog: { select: { rating: true } },
      },
    })
    expect(attempt).toMatchObject({ isCorrect: true, xpEarned: 10, reviewCount: 0, reviewLog: { rating: 3 } })
    expect(
      await prisma.userTopicXp.findUniqueOrThrow({
        where: { userId_topicId: { userId: user.id, topicId } },
        select: { currentXp: true, totalXpEarned: true, dailyTasksCount: true, version: true },
      }),
    ).toEqual({
      currentXp: 10,
      totalXpEarned: 10,
      dailyTasksCount: 1,
      version: 0,
    })
    expect(await prisma.reviewCard.count({ where: { userId: user.id } })).toBe(1)
    expect(
      await prisma.xpLedgerEntry.findMany({ where: { userId: user.id }, select: { amount: true, source: true } }),
    ).toEqual([{ amount: 10, source: 'task_attempt' }])
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { totalXp: true } })).totalXp).toBe(
      10,
    )
    expect(
      await prisma.conceptMastery.findMany({ where: { userId: user.id }, select: { concept: true, level: true } }),
    ).toEqual([{ concept: 'c.one', level: 'attempted' }])
    expect(await prisma.progress.count({ where: { userId: user.id } })).toBe(1)
    const profile = await prisma.learnerProfile.findUniqueOrThrow({
      where: { userId: user.id },
      select: { masteryMap: true },
    })
    expect(profile.masteryMap).toEqual({ 'c.one': expect.any(Number) })
  })

  it('records a wrong answer with 0 XP, graded Again', async () => {
    const user = await createUser()
    const { taskIds } = await createTopic()
    const result = await submit(user.id, taskIds[0]!, '42')
    expect(result).toMatchObject({ isCorrect: false, xp: { earned: 0 }, correctAnswer: '1' })
    const attempt = await prisma.userTaskAttempt.findUniqueOrThrow({
      where: { attemptId: result.attemptId },
      select: { xpEarned: true, reviewLog: { select: { rating: true } } },
    })
    expect(attempt).toEqual({ xpEarned: 0, reviewLog: { rating: 1 } })
    expect(await prisma.xpLedgerEntry.count({ where: { userId: user.id } })).toBe(0)
  })

  it('grades a correct answer after a hint as Hard', async () => {
    const user = await createUser()
    const { taskIds } = await createTopic()
    const result = await submit(user.id, taskIds[0]!, rightAnswer(taskIds[0]!), { hintUsed: true })
    const log = await prisma.reviewLog.findFirstOrThrow({
      where: { taskAttempt: { attemptId: result.attemptId } },
      select: { rating: true },
    })
    expect(log.rating).toBe(2)
  })

  it('replays a repeated attempt id without awarding anything more', async () => {
    const user = await createUser()
    const { taskIds } = await createTopic()
    const attemptId = ulid()
    const first = await submit(user.id, taskIds[0]!, rightAnswer(taskIds[0]!), { attemptId })
    const again = await submit(user.id, taskIds[0]!, rightAnswer(taskIds[0]!), { attemptId })
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => submit(user.id, taskIds[0]!, rightAnswer(taskIds[0]!), { attemptId })),
    )
    for (const r of [again, ...concurrent])
      expect(r).toMatchObject({ replayed: true, attemptId, isCorrect: true, xp: { earned: first.xp.earned } })
    expect(await prisma.userTaskAttempt.count({ where: { userId: user.id } })).toBe(1)
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { totalXp: true } })).totalXp).toBe(
      first.xp.earned,
    )
  })

  it('refuses (409) an attempt id that another learner or another task already used', async () => {
    const [a, b] = [await createUser(), await createUser()]
    const { taskIds } = await createTopic()
    const attemptId = ulid()
    await submit(a.id, taskIds[0]!, '1', { attemptId })
    await expect(submit(b.id, taskIds[0]!, '1', { attemptId })).rejects.toMatchObject({ status: 409 })
    await expect(submit(a.id, taskIds[1]!, '2', { attemptId })).rejects.toMatchObject({ status: 409 })
  })

  it('answers 404 for an unknown or retired task and writes nothing', async () => {
    const user = await createUser()
    const { taskIds } = await createTopic()
    await prisma.task.update({ where: { id: taskIds[1]! }, data: { active: false } })
    await expect(submit(user.id, 'no.such.task', '1')).rejects.toMatchObject({ status: 404 })
    await expect(submit(user.id, taskIds[1]!, '2')).rejects.toMatchObject({ status: 404 })
    expect(await prisma.userTaskAttempt.count({ where: { userId: user.id } })).toBe(0)
  })

  it('applies the daily tiers and the repeat decay across answers of one day', async () => {
    const user = await createUser()
    const { taskIds } = await createTopic(
      {
        baseTaskXp: 10,
        dailyFullTasks: 2,
        dailyHalfTasks: 1,
        multiplierHalf: 0.5,
        multiplierLow: 0.1,
        dailyXpDecay: 0.5,
        minXpPercent: 0.1,
      },
      { tasks: 2 },
    )
    const now = new Date('2026-11-23T12:00:00Z')
    const earned = []
    for (const taskId of [taskIds[0]!, taskIds[1]!, taskIds[0]!, taskIds[0]!])
      earned.push((await submit(user.id, taskId, rightAnswer(taskId), {}, now)).xp.earned)
    // full, full, then task 0 again: it was answered today, so it is not due yet (early × 0.5) —
    // half × early × repeat(1) = 10 × 0.5 × 0.5 × 0.5 = 1.25 → 1; low × early × repeat(2) = 10 × 0.1 × 0.5 × 0.25 → 0
    expect(earned).toEqual([10, 10, 1, 0])
    // The next learner day starts the tiers again (the tasks are not due yet: an early review).
    const tomorrow = new Date('2026-11-24T12:00:00Z')
    expect(
      (await submit(user.id, taskIds[1]!, rightAnswer(taskIds[1]!), {}, tomorrow)).xp.breakdown.map((b) => b.label),
    ).toContain('Early review (answered before it was due)')
  })
})

describe('fifty simultaneous submissions by one learner in one topic', () => {
  it('award exactly what the rules give in a serial order, through two app instances, with nothing lost or doubled', async () => {
    const user = await createUser()
    const rules = {
      baseTaskXp: 10,
      dailyFullTasks: 20,
      dailyHalfTasks: 20,
      multiplierFull: 1,
      multiplierHalf: 0.5,
      multiplierLow: 0.1,
      maxXp: 100_000,
    }
    const { topicId, taskIds } = await createTopic(rules, { tasks: 50 })
    // A second copy of the module has its own in-process lock: like a second app instance on the same database.
    vi.resetModules()
    const other = (await import('./submission.server')).submitAnswer
    const now = new Date()
    const results = await Promise.all(
      taskIds.map((taskId, i) =>
        (i % 2 === 0 ? submitAnswer : other)(
          { userId: user.id, taskId, answer: rightAnswer(taskId), attemptId: ulid(), hintUsed: false },
          now,
        ),
      ),
    )
    // Distinct tasks, all correct: in any serial order the i-th answer of the day earns the i-th tier.
    const topic = {
      ...rules,
      multiplierEarly: 0.5,
      levelThresholds: [0, 100, 250, 500, 1000],
      dailyXpDecay: 0,
      minXpPercent: 0.1,
    }
    let expected = 0
    for (let i = 0; i < 50; i++) {
      expected += awardXp({
        topic,
        task: { baseXp: null, difficulty: 'easy' },
        isCorrect: true,
        earningCorrectToday: i,
        repeatsToday: 0,
        answeredBeforeDue: false,
        currentXp: 0,
        totalXpEarned: 0,
      }).earned
    }
    expect(expected).toBe(20 * 10 + 20 * 5 + 10 * 1)
    expect(results.reduce((sum, r) => sum + r.xp.earned, 0)).toBe(expected)
    expect(results.map((r) => r.xp.earned).sort((a, b) => a - b)).toEqual([
      ...Array(10).fill(1),
      ...Array(20).fill(5),
      ...Array(20).fill(10),
    ])

    const row = await prisma.userTopicXp.findUniqueOrThrow({
      where: { userId_topicId: { userId: user.id, topicId } },
      select: { totalXpEarned: true, currentXp: true, dailyTasksCount: true },
    })
    expect(row).toEqual({ totalXpEarned: expected, currentXp: expected, dailyTasksCount: 50 })
    expect(await prisma.userTaskAttempt.count({ where: { userId: user.id } })).toBe(50)
    expect(await prisma.reviewCard.count({ where: { userId: user.id } })).toBe(50)
    const ledger = await prisma.xpLedgerEntry.aggregate({
      where: { userId: user.id },
      _sum: { amount: true },
      _count: true,
    })
    expect(ledger).toEqual({ _sum: { amount: expected }, _count: 50 })
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { totalXp: true } })).totalXp).toBe(
      expected,
    )
  })
})

describe('the day, the daily goal and streaks', () => {
  it('counts the answer towards the learner-local day and starts the streaks when the daily goal is reached', async () => {
    const user = await createUser()
    await prisma.user.update({ where: { id: user.id }, data: { timezone: 'Pacific/Auckland', dailyXpGoal: 20 } })
    const { taskIds } = await createTopic({ baseTaskXp: 10 }, { tasks: 3 })
    // 2026-11-23 11:30 UTC is 00:30 on the 24th in Auckland (UTC+13): before 04:00, so still the 23rd there.
    const lateEvening = new Date('2026-11-23T11:30:00Z')
    const first = await submit(user.id, taskIds[0]!, rightAnswer(taskIds[0]!), {}, lateEvening)
    expect(first.goalReachedToday).toBe(false)
    expect(await prisma.streak.count({ where: { userId: user.id } })).toBe(0)
    const second = await submit(user.id, taskIds[1]!, rightAnswer(taskIds[1]!), {}, lateEvening)
    expect(second).toMatchObject({ goalReachedToday: true, xpToday: 20 })
    const attempt = await prisma.userTaskAttempt.findUniqueOrThrow({
      where: { attemptId: second.attemptId },
      select: { dayKey: true },
    })
    expect(attempt.dayKey).toBe('2026-11-23')
    const streaks = await prisma.streak.findMany({
      where: { userId: user.id },
      select: { type: true, currentCount: true, lastActivityDate: true },
      orderBy: { type: 'asc' },
    })
    expect(streaks).toEqual([
      { type: 'daily', currentCount: 1, lastActivityDate: '2026-11-23' },
      { type: 'monthly', currentCount: 1, lastActivityDate: '2026-11-23' },
      { type: 'weekly', currentCount: 1, lastActivityDate: '2026-11-23' },
    ])
    // More XP the same day does not count the day again.
    await submit(user.id, taskIds[2]!, rightAnswer(taskIds[2]!), {}, lateEvening)
    expect(
      (
        await prisma.streak.findFirstOrThrow({
          where: { userId: user.id, type: 'daily' },
          select: { currentCount: true },
        })
      ).currentCount,
    ).toBe(1)
  })

  it('uses the active team’s daily goal when the team sets one', async () => {
    const user = await createUser()
    const team = await prisma.team.create({
      data: { name: 'Goal team', ownerId: user.id, settings: { create: { subjects: [], dailyXpGoal: 30 } } },
      select: { id: true },
    })
    await prisma.teamMember.create({ data: { teamId: team.id, userId: user.id, role: 'owner' } })
    await prisma.user.update({ where: { id: user.id }, data: { activeTeamId: team.id, dailyXpGoal: 10 } })
    const { taskIds } = await createTopic({ baseTaskXp: 10 }, { tasks: 3 })
    expect((await submit(user.id, taskIds[0]!, rightAnswer(taskIds[0]!))).goalReachedToday).toBe(false)
    expect((await submit(user.id, taskIds[1]!, rightAnswer(taskIds[1]!))).goalReachedToday).toBe(false)
    expect((await submit(user.id, taskIds[2]!, rightAnswer(taskIds[2]!))).goalReachedToday).toBe(true)
    const member = await prisma.teamMember.findUniqueOrThrow({
      where: { teamId_userId: { teamId: team.id, userId: user.id } },
      select: { lastActiveAt: true },
    })
    expect(member.lastActiveAt).not.toBeNull()
  })

  it('continues the streak on the next day and uses a held freeze for a missed day', async () => {
    const user = await createUser()
    const { taskIds } = await createTopic({ baseTaskXp: 10 }, { tasks: 3 })
    const day = (d: string) => new Date(`${d}T12:00:00Z`)
    await submit(user.id, taskIds[0]!, rightAnswer(taskIds[0]!), {}, day('2026-11-01'))
    await submit(user.id, taskIds[1]!, rightAnswer(taskIds[1]!), {}, day('2026-11-02'))
    const daily = () =>
      prisma.streak.findFirstOrThrow({
        where: { userId: user.id, type: 'daily' },
        select: { id: true, currentCount: true, freezesHeld: true },
      })
    expect((await daily()).currentCount).toBe(2)
    await prisma.streak.update({ where: { id: (await daily()).id }, data: { freezesHeld: 1 } })
    // Nothing on the 3rd; the freeze keeps the run going on the 4th.
    await submit(user.id, taskIds[2]!, rightAnswer(taskIds[2]!), {}, day('2026-11-04'))
    expect(await daily()).toMatchObject({ currentCount: 3, freezesHeld: 0 })
    expect(
      await prisma.streakFreeze.findMany({ where: { userId: user.id }, select: { periodKey: true, reason: true } }),
    ).toEqual([{ periodKey: '2026-11-03', reason: 'freeze' }])
  })
})

describe('the behaviour log', () => {
  it('logs a first answer as practice and a later one to the same task as a review, in the answer’s batch', async () => {
    const user = await createUser()
    const { taskIds } = await createTopic({ baseTaskXp: 10 })
    const taskId = taskIds[0]!
    const context = { sessionId: 'session-1', device: 'desktop' as const, path: '/practice/t' }
    const first = await submitAnswer({
      userId: user.id,
      taskId,
      answer: rightAnswer(taskId),
      attemptId: ulid(),
      hintUsed: false,
      context,
    })
    await submit(user.id, taskId, 'wrong')
    // A replay records nothing new.
    await submitAnswer({
      userId: user.id,
      taskId,
      answer: rightAnswer(taskId),
      attemptId: first.attemptId,
      hintUsed: false,
    })
    const rows = await prisma.userBehaviorLog.findMany({
      where: { userId: user.id },
      orderBy: { id: 'asc' },
      select: { actionType: true, actionData: true, sessionId: true, deviceInfo: true },
    })
    expect(rows).toEqual([
      {
        actionType: 'task.answered',
        actionData: {
          taskId,
          topicId: expect.any(String),
          attemptId: first.attemptId,
          isCorrect: true,
          xp: first.xp.earned,
        },
        sessionId: 'session-1',
        deviceInfo: { device: 'desktop' },
      },
      {
        actionType: 'review.answered',
        actionData: expect.objectContaining({ isCorrect: false }),
        sessionId: null,
        deviceInfo: null,
      },
    ])
  })
})

describe('the week a learner keeps', () => {
  it.each([
    // week starts on, weekly count after a Saturday and the Sunday after it
    [7, 2], // Sunday weeks: the Sunday begins a new week
    [1, 1], // Monday weeks (the default): both days are in one week
  ])('weeks starting on ISO weekday %i: the weekly streak is %i', async (weekStartsOn, weekly) => {
    const user = await createUser()
    await prisma.user.update({ where: { id: user.id }, data: { weekStartsOn } })
    const { taskIds } = await createTopic({ baseTaskXp: 10 }, { tasks: 2 })
    await submit(user.id, taskIds[0]!, rightAnswer(taskIds[0]!), {}, new Date('2026-12-05T12:00:00Z')) // Saturday
    await submit(user.id, taskIds[1]!, rightAnswer(taskIds[1]!), {}, new Date('2026-12-06T12:00:00Z')) // Sunday
    const streak = await prisma.streak.findFirstOrThrow({
      where: { userId: user.id, type: 'weekly' },
      select: { currentCount: true },
    })
    expect(streak.currentCount).toBe(weekly)
  })
})

describe('the learner day when it is not the UTC date', () => {
  // Kiritimati is UTC+14, Los Angeles UTC−8 in November: their day is a UTC day ahead and behind.
  it.each([
    ['Pacific/Kiritimati', '2026-11-23T20:00:00Z', '2026-11-24'],
    ['America/Los_Angeles', '2026-11-24T03:00:00Z', '2026-11-23'],
  ])('in %s at %s, counts today’s answers and XP of %s', async (timezone, instant, today) => {
    const user = await createUser()
    await prisma.user.update({ where: { id: user.id }, data: { timezone, dailyXpGoal: 25 } })
    const { taskIds } = await createTopic({ baseTaskXp: 10, dailyXpDecay: 0.5, minXpPercent: 0.1 }, { tasks: 2 })
    const now = new Date(instant)
    // XP of the UTC date's other neighbours must not count towards today.
    const yesterday = new Date(now.getTime() - 24 * 3_600_000)
    await submit(user.id, taskIds[1]!, rightAnswer(taskIds[1]!), {}, yesterday)

    const first = await submit(user.id, taskIds[0]!, rightAnswer(taskIds[0]!), {}, now)
    expect(first).toMatchObject({ xp: { earned: 10 }, xpToday: 10, goalReachedToday: false })
    // The same task again today: an early review (× 0.5) and the first repeat (× 0.5).
    const second = await submit(user.id, taskIds[0]!, rightAnswer(taskIds[0]!), {}, now)
    expect(second).toMatchObject({ xp: { earned: 3 }, xpToday: 13 })
    const attempt = await prisma.userTaskAttempt.findUniqueOrThrow({
      where: { attemptId: second.attemptId },
      select: { dayKey: true },
    })
    expect(attempt.dayKey).toBe(today)
  })
})

describe('concept mastery from the evidence of several tasks', () => {
  it('stores what the pages compute from the same evidence at the same instant', async () => {
    const user = await createUser()
    const { taskIds } = await createTopic({ baseTaskXp: 10 }, { tasks: 4, concepts: ['c.shared', 'c.other'] })
    const start = new Date('2026-11-02T12:00:00Z')
    const at = (days: number) => new Date(start.getTime() + days * 24 * 3_600_000)
    await submit(user.id, taskIds[0]!, rightAnswer(taskIds[0]!), {}, at(0))
    await submit(user.id, taskIds[1]!, 'wrong', {}, at(1))
    await submit(user.id, taskIds[1]!, rightAnswer(taskIds[1]!), { hintUsed: true }, at(2))
    await submit(user.id, taskIds[2]!, rightAnswer(taskIds[2]!), {}, at(3))
    const last = await submit(user.id, taskIds[0]!, rightAnswer(taskIds[0]!), {}, at(5))

    const stored = await prisma.conceptMastery.findMany({
      where: { userId: user.id },
      select: { concept: true, mastery: true, level: true },
      orderBy: { concept: 'asc' },
    })
    const computed = (await currentMasteries(user.id, at(5)))
      .map(({ concept, mastery, level }) => ({ concept, mastery, level }))
      .sort((a, b) => a.concept.localeCompare(b.concept))
    expect(stored).toEqual(computed)
    expect(last.masteries.map((m) => m.concept).sort()).toEqual(['c.other', 'c.shared'])
    expect(stored.every((m) => m.mastery > 0)).toBe(true)
  })
  it('leaves a task of another team’s nugget out of the concept’s tasks, stored and computed alike', async () => {
    const user = await createUser()
    const { topicId, taskIds } = await createTopic({ baseTaskXp: 10 }, { tasks: 2, concepts: ['c.team'] })
    const otherTeam = await prisma.team.create({ data: { name: 'Not the learner’s' }, select: { id: true } })
    const nugget = await prisma.nugget.create({
      data: { teamId: otherTeam.id, content: 'Their lesson.', status: 'ready' },
      select: { id: true },
    })
    await prisma.task.create({
      data: {
        id: `nugget.${nugget.id}`,
        topicId,
        kind: 'multiple_choice',
        prompt: 'Their check',
        choices: ['Right', 'Wrong'],
        answer: 0,
        concepts: ['c.team'],
        nuggetId: nugget.id,
      },
      select: { id: true },
    })
    const at = new Date('2026-11-02T12:00:00Z')
    await submit(user.id, taskIds[0]!, rightAnswer(taskIds[0]!), {}, at)

    const stored = await prisma.conceptMastery.findMany({
      where: { userId: user.id },
      select: { concept: true, mastery: true, level: true },
    })
    const computed = (await currentMasteries(user.id, at)).map(({ concept, mastery, level }) => ({
      concept,
      mastery,
      level,
    }))
    expect(stored).toEqual(computed)
    expect(stored).toEqual([{ concept: 'c.team', mastery: expect.any(Number), level: expect.any(String) }])
  })

  it('counts a day once when a task is answered cleanly twice on it (Mastered needs two days)', async () => {
    const user = await createUser()
    // The concept's only task: retained on two days and recalled, it would be Mastered.
    const { taskIds } = await createTopic({ baseTaskXp: 10 }, { tasks: 1, concepts: ['c.solo'] })
    const morning = new Date('2026-11-02T09:00:00Z')
    const evening = new Date('2026-11-02T19:00:00Z')
    await submit(user.id, taskIds[0]!, rightAnswer(taskIds[0]!), {}, morning)
    await submit(user.id, taskIds[0]!, rightAnswer(taskIds[0]!), {}, evening)

    const stored = await prisma.conceptMastery.findMany({
      where: { userId: user.id },
      select: { concept: true, mastery: true, level: true },
    })
    const computed = (await currentMasteries(user.id, evening)).map(({ concept, mastery, level }) => ({
      concept,
      mastery,
      level,
    }))
    expect(stored).toEqual(computed)
    expect(stored).toEqual([{ concept: 'c.solo', mastery: 99, level: 'proficient' }])
  })
})

describe('a topic on the stage scheduler', () => {
  it('moves the card one stage up on a correct answer and back to stage 0, due tomorrow, on a wrong one', async () => {
    const user = await createUser()
    const { taskIds } = await createTopic({ scheduler: 'stages', reviewIntervals: [1, 3, 7] }, { tasks: 1 })
    const taskId = taskIds[0]!
    const card = () =>
      prisma.reviewCard.findFirstOrThrow({
        where: { userId: user.id, taskId },
        select: { stage: true, nextReviewDate: true },
      })
    await submit(user.id, taskId, rightAnswer(taskId), {}, new Date('2026-11-02T12:00:00Z'))
    expect(await card()).toEqual({ stage: 1, nextReviewDate: '2026-11-03' })
    await submit(user.id, taskId, rightAnswer(taskId), {}, new Date('2026-11-03T12:00:00Z'))
    expect(await card()).toEqual({ stage: 2, nextReviewDate: '2026-11-06' })
    const wrong = await submit(user.id, taskId, 'nope', {}, new Date('2026-11-06T12:00:00Z'))
    expect(await card()).toEqual({ stage: 0, nextReviewDate: '2026-11-07' })
    expect(wrong.nextReview.dayKey).toBe('2026-11-07')
  })
})
