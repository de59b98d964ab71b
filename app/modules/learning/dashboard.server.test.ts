import { describe, expect, it } from 'vitest'
import { createTeam } from '~/modules/teams/teams.server'
import { prisma } from '~/utils/db.server'
import { addDays } from '~/utils/time'
import { createUser } from '#tests/support/accounts'
import { getDashboard } from './dashboard.server'
import { loadLearner, reviewsDue } from './learner.server'
import { addCard, addReviewLog, addXp, answer, createSubject, setClock, setStreak } from './testing/read-side'

// 2026-03-10 12:00 UTC: 08:00 in New York (day 03-10), 01:00 on 03-11 in Auckland… see the time-zone test.
const NOON = new Date('2026-03-10T12:00:00Z')
const TODAY = '2026-03-10' // in UTC with the 04:00 day start

async function learner() {
  return (await createUser()).id
}

const topicOf = (dashboard: Awaited<ReturnType<typeof getDashboard>>, slug: string) =>
  dashboard.subjects.flatMap((s) => s.topics).find((t) => t.slug === slug)!

describe('the dashboard of a first-time learner', () => {
  it('lists every topic at level 1 with all full-XP answers left, nothing due, no streak, and asks to start', async () => {
    const subject = await createSubject()
    const dashboard = await getDashboard(await learner(), NOON)
    expect(dashboard.firstVisit).toBe(true)
    expect(dashboard.today).toBe(TODAY)
    const mine = dashboard.subjects.find((s) => s.slug === subject.slug)!
    expect(mine.topics.map((t) => t.slug)).toEqual(subject.topics.map((t) => t.slug))
    expect(mine.topics[0]).toMatchObject({
      currentXp: 0,
      started: false,
      remainingFullXp: 3,
      dailyFullTasks: 3,
      dueReviews: 0,
      progress: { level: 1, floor: 0, next: 100, fraction: 0 },
    })
    expect(dashboard.streaks).toEqual([
      {
        type: 'daily',
        current: 0,
        longest: 0,
        alive: false,
        doneThisPeriod: false,
        freezesHeld: 0,
        freezesToBeUsed: 0,
      },
      {
        type: 'weekly',
        current: 0,
        longest: 0,
        alive: false,
        doneThisPeriod: false,
        freezesHeld: 0,
        freezesToBeUsed: 0,
      },
      {
        type: 'monthly',
        current: 0,
        longest: 0,
        alive: false,
        doneThisPeriod: false,
        freezesHeld: 0,
        freezesToBeUsed: 0,
      },
    ])
    expect(dashboard.xpToday).toEqual({ earned: 0, goal: 10, source: 'personal', met: false, remaining: 10 })
    expect(dashboard.reviews).toEqual({ due: 0, reviewedToday: 0, cap: 50, offered: 0 })
    expect(dashboard.gaps).toEqual([])
    expect(dashboard.overall).toMatchObject({ level: 1 })
  })

  it('leaves out inactive subjects and inactive topics', async () => {
    const hidden = await createSubject({ active: false })
    const shown = await createSubject()
    await prisma.topicXpConfig.update({
      where: { id: shown.topics[1]!.id },
      data: { active: false },
      select: { id: true },
    })
    const dashboard = await getDashboard(await learner(), NOON)
    expect(dashboard.subjects.map((s) => s.slug)).not.toContain(hidden.slug)
    expect(dashboard.subjects.find((s) => s.slug === shown.slug)!.topics.map((t) => t.slug)).toEqual([
      shown.topics[0]!.slug,
    ])
  })
})

describe('after answering through the write path', () => {
  it('shows the topic XP, level, remaining full-XP answers, today’s XP, the streak and the new review card', async () => {
    const userId = await learner()
    const subject = await createSubject({ topic: { baseTaskXp: 60 } })
    const topic = subject.topics[0]!
    await answer(userId, topic.taskIds[0]!, NOON)
    await answer(userId, topic.taskIds[1]!, NOON)
    const dashboard = await getDashboard(userId, NOON)
    expect(dashboard.firstVisit).toBe(false)
    expect(topicOf(dashboard, topic.slug)).toMatchObject({
      currentXp: 120,
      started: true,
      remainingFullXp: 1,
      progress: { level: 2, floor: 100, next: 250 },
    })
    expect(topicOf(dashboard, subject.topics[1]!.slug)).toMatchObject({
      currentXp: 0,
      started: false,
      remainingFullXp: 3,
    })
    expect(dashboard.xpToday).toMatchObject({ earned: 120, met: true, remaining: 0 })
    expect(dashboard.streaks[0]).toMatchObject({ type: 'daily', current: 1, alive: true, doneThisPeriod: true })
    expect(dashboard.totalXp).toBe(120)
    expect(dashboard.overall).toMatchObject({ level: 2 })
    // Answered right: due two days later (FSRS), so nothing is due yet; two days on, both are.
    expect(dashboard.reviews.due).toBe(0)
    const later = await getDashboard(userId, new Date(NOON.getTime() + 3 * 86_400_000))
    expect(later.reviews).toMatchObject({ due: 2, offered: 2 })
    expect(topicOf(later, topic.slug)).toMatchObject({ dueReviews: 2, remainingFullXp: 3 })
  })

  it('offers the weak concepts of studied topics as “practise next”, weakest first', async () => {
    const userId = await learner()
    const subject = await createSubject({ tasks: 4 })
    const [first] = subject.topics
    await answer(userId, first!.taskIds[0]!, NOON, { correct: false }) // concept c0: wrong → 0
    await answer(userId, first!.taskIds[1]!, NOON) // concept c1: one of two tasks right → 50
    const { gaps } = await getDashboard(userId, NOON)
    expect(gaps.map((g) => [g.concept, g.levelLabel, g.mastery])).toEqual([
      [`${first!.slug}.c0`, 'Attempted', 0],
      [`${first!.slug}.c1`, 'Familiar', 50],
    ])
    expect(gaps[0]!.topic).toEqual({ slug: first!.slug, title: first!.title, subjectSlug: subject.slug })
  })
})

describe('remaining full-XP answers today (dailyFullTasks = 3)', () => {
  it.each([
    ['no answer today', 0, TODAY, 3],
    ['two today', 2, TODAY, 1],
    ['three today: the last full one was used', 3, TODAY, 0],
    ['five today', 5, TODAY, 0],
    ['three yesterday: a new day starts from scratch', 3, addDays(TODAY, -1), 3],
  ])('%s → %i left', async (_label, count, day, left) => {
    const userId = await learner()
    const subject = await createSubject()
    const topic = subject.topics[0]!
    await prisma.userTopicXp.create({
      data: { userId, topicId: topic.id, currentXp: 40, dailyTasksCount: count, dailyTasksDate: day },
      select: { id: true },
    })
    expect(topicOf(await getDashboard(userId, NOON), topic.slug).remainingFullXp).toBe(left)
  })
})

describe('reviews due with the daily cap', () => {
  /** `due` cards due an hour ago; `reviewed` review logs earlier today; `others` logs that must not count. */
  async function world(due: number, reviewed: number) {
    const userId = await learner()
    const subject = await createSubject({ topics: 1, tasks: Math.max(due, reviewed, 1) + 2 })
    const topic = subject.topics[0]!
    const hourAgo = new Date(NOON.getTime() - 3_600_000)
    const cards = []
    for (let i = 0; i < due; i++) cards.push(await addCard(userId, topic.taskIds[i]!, topic.id, hourAgo))
    // one card due tomorrow, and reviews of it
    const future = await addCard(userId, topic.taskIds.at(-1)!, topic.id, new Date(NOON.getTime() + 86_400_000))
    for (let i = 0; i < reviewed; i++)
      await addReviewLog(userId, future.id, new Date(NOON.getTime() - 60_000 * (i + 1)))
    // not reviews of today: a first answer (state new) today, a review yesterday before the 04:00 day start
    await addReviewLog(userId, future.id, new Date(NOON.getTime() - 60_000), 'new')
    await addReviewLog(userId, future.id, new Date('2026-03-10T03:59:00Z'))
    return { userId, topic }
  }

  it.each([
    [5, 0, 3, 3],
    [5, 0, 5, 5],
    [5, 2, 5, 3],
    [5, 4, 5, 1],
    [5, 5, 5, 0],
    [5, 7, 5, 0],
    [0, 0, 5, 0],
  ])('cap %i, %i reviewed today, %i due → %i offered', async (cap, reviewed, due, offered) => {
    const { userId } = await world(due, reviewed)
    const result = await reviewsDue(await loadLearner(userId, NOON), cap)
    expect(result).toMatchObject({ due, reviewedToday: reviewed, cap, offered })
  })

  it('uses the default cap of 50 on the dashboard and counts only cards of active tasks', async () => {
    const { userId, topic } = await world(4, 1)
    await prisma.task.update({ where: { id: topic.taskIds[0]! }, data: { active: false }, select: { id: true } })
    expect((await getDashboard(userId, NOON)).reviews).toEqual({ due: 3, reviewedToday: 1, cap: 50, offered: 3 })
  })
})

describe('streaks as of today', () => {
  it.each([
    ['qualified today', TODAY, 0, { current: 4, alive: true, doneThisPeriod: true, freezesToBeUsed: 0 }],
    [
      'qualified yesterday: still alive, not done today',
      addDays(TODAY, -1),
      0,
      { current: 4, alive: true, doneThisPeriod: false },
    ],
    ['missed yesterday, no freeze: broken', addDays(TODAY, -2), 0, { current: 0, alive: false, doneThisPeriod: false }],
    [
      'missed yesterday, one freeze held: alive',
      addDays(TODAY, -2),
      1,
      { current: 4, alive: true, freezesHeld: 1, freezesToBeUsed: 1 },
    ],
    ['missed two days, one freeze: broken', addDays(TODAY, -3), 1, { current: 0, alive: false, freezesHeld: 1 }],
  ])('%s', async (_label, lastActivityDate, freezesHeld, expected) => {
    const userId = await learner()
    await setStreak(userId, 'daily', { currentCount: 4, longestCount: 9, lastActivityDate, freezesHeld })
    const [daily] = (await getDashboard(userId, NOON)).streaks
    expect(daily).toMatchObject({ type: 'daily', longest: 9, ...expected })
  })

  it('reads weekly and monthly streaks by their periods', async () => {
    const userId = await learner()
    // 2026-03-10 is a Tuesday; 03-02 is the Monday of the week before.
    await setStreak(userId, 'weekly', { currentCount: 3, lastActivityDate: '2026-03-02' })
    await setStreak(userId, 'monthly', { currentCount: 2, lastActivityDate: '2026-01-31' })
    const [, weekly, monthly] = (await getDashboard(userId, NOON)).streaks
    expect(weekly).toMatchObject({ current: 3, alive: true, doneThisPeriod: false, freezesHeld: 0 })
    expect(monthly).toMatchObject({ current: 0, alive: false })
  })
})

describe('today’s XP against the daily goal', () => {
  it.each([
    ['below the goal', [9], 10, null, { earned: 9, goal: 10, met: false, remaining: 1, source: 'personal' }],
    ['exactly the goal', [4, 6], 10, null, { earned: 10, met: true, remaining: 0 }],
    ['a reversal takes XP back', [12, -3], 10, null, { earned: 9, met: false }],
    ['a personal goal of 20', [15], 20, null, { earned: 15, goal: 20, met: false, remaining: 5 }],
    ['the team’s goal wins over the personal one', [15], 10, 30, { earned: 15, goal: 30, met: false, source: 'team' }],
  ])('%s', async (_label, amounts, personalGoal, teamGoal, expected) => {
    const userId = await learner()
    await prisma.user.update({ where: { id: userId }, data: { dailyXpGoal: personalGoal }, select: { id: true } })
    if (teamGoal !== null) {
      const team = await createTeam(userId, { name: 'Goal setters', description: null })
      await prisma.teamSettings.update({
        where: { teamId: team.id },
        data: { dailyXpGoal: teamGoal },
        select: { id: true },
      })
    }
    for (const amount of amounts) await addXp(userId, TODAY, amount)
    await addXp(userId, addDays(TODAY, -1), 50) // yesterday's XP is not today's
    expect((await getDashboard(userId, NOON)).xpToday).toMatchObject(expected)
  })
})

describe('“today” is the learner’s own day', () => {
  // 2026-03-10 20:00 UTC is 09:00 on 03-11 in Auckland (UTC+13) and 13:00 on 03-10 in Los Angeles (UTC−7).
  const EVENING_UTC = new Date('2026-03-10T20:00:00Z')

  it('gives a learner in Auckland and one in Los Angeles different days at the same instant', async () => {
    const subject = await createSubject({ topics: 1 })
    const topic = subject.topics[0]!
    const [auckland, losAngeles] = [await learner(), await learner()]
    await setClock(auckland, 'Pacific/Auckland')
    await setClock(losAngeles, 'America/Los_Angeles')
    for (const userId of [auckland, losAngeles]) {
      await addXp(userId, '2026-03-10', 7)
      await addXp(userId, '2026-03-11', 11)
      await prisma.userTopicXp.create({
        data: { userId, topicId: topic.id, dailyTasksCount: 2, dailyTasksDate: '2026-03-10' },
        select: { id: true },
      })
      await setStreak(userId, 'daily', { currentCount: 5, lastActivityDate: '2026-03-10' })
    }
    const nz = await getDashboard(auckland, EVENING_UTC)
    const la = await getDashboard(losAngeles, EVENING_UTC)
    expect([nz.today, la.today]).toEqual(['2026-03-11', '2026-03-10'])
    expect([nz.xpToday.earned, la.xpToday.earned]).toEqual([11, 7])
    expect([topicOf(nz, topic.slug).remainingFullXp, topicOf(la, topic.slug).remainingFullXp]).toEqual([3, 1])
    expect([nz.streaks[0]!.doneThisPeriod, la.streaks[0]!.doneThisPeriod]).toEqual([false, true])
    expect([nz.streaks[0]!.current, la.streaks[0]!.current]).toEqual([5, 5])
  })

  it('counts reviews “done today” from the learner’s day start, not from UTC midnight', async () => {
    const userId = await learner()
    await setClock(userId, 'Pacific/Auckland')
    const subject = await createSubject({ topics: 1 })
    const topic = subject.topics[0]!
    const card = await addCard(userId, topic.taskIds[0]!, topic.id, new Date(EVENING_UTC.getTime() + 86_400_000))
    // Auckland's 03-11 started at 04:00 local = 2026-03-10 15:00 UTC.
    await addReviewLog(userId, card.id, new Date('2026-03-10T15:00:00Z'))
    await addReviewLog(userId, card.id, new Date('2026-03-10T14:59:59Z'))
    expect((await getDashboard(userId, EVENING_UTC)).reviews.reviewedToday).toBe(1)
  })
})

describe('the subjects of the active team', () => {
  it('shows only the team’s subjects when it names some, and every active subject when it names none', async () => {
    const [math, art] = [await createSubject({ topics: 1 }), await createSubject({ topics: 1 })]
    const userId = await learner()
    const team = await createTeam(userId, { name: 'Math club', description: null })
    const slugs = async () => (await getDashboard(userId, NOON)).subjects.map((s) => s.slug)
    expect(await slugs()).toEqual(expect.arrayContaining([math.slug, art.slug]))
    await prisma.teamSettings.update({
      where: { teamId: team.id },
      data: { subjects: [math.id] },
      select: { id: true },
    })
    expect(await slugs()).toEqual([math.slug])
  })
})

describe('another learner’s data', () => {
  it('never reaches the dashboard', async () => {
    const subject = await createSubject({ topics: 1, topic: { baseTaskXp: 40 } })
    const topic = subject.topics[0]!
    const [me, other] = [await learner(), await learner()]
    await answer(other, topic.taskIds[0]!, NOON)
    await answer(other, topic.taskIds[1]!, NOON, { correct: false })
    await addCard(other, topic.taskIds[2]!, topic.id, new Date(NOON.getTime() - 1000))
    await setStreak(other, 'weekly', { currentCount: 8, lastActivityDate: TODAY })
    const mine = await getDashboard(me, NOON)
    expect(mine.firstVisit).toBe(true)
    expect(topicOf(mine, topic.slug)).toMatchObject({ currentXp: 0, remainingFullXp: 3, dueReviews: 0 })
    expect(mine.xpToday.earned).toBe(0)
    expect(mine.totalXp).toBe(0)
    expect(mine.reviews.due).toBe(0)
    expect(mine.gaps).toEqual([])
    expect(mine.streaks.every((s) => s.current === 0 && s.longest === 0)).toBe(true)
  })
})
