import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { addDays } from '~/utils/time'
import { createUser } from '#tests/support/accounts'
import { currentMasteries } from './mastery-now.server'
import { getProgress, memberProgress } from './progress.server'
import { addXp, answer, createSubject, setClock, setStreak } from './testing/read-side'

const NOON = new Date('2026-03-10T12:00:00Z')
const TODAY = '2026-03-10'
const DAY = 86_400_000
const learner = async () => (await createUser()).id

describe('the XP-per-day series', () => {
  it('has one entry for each of the last 30 learner days, oldest first, with 0 on days without XP', async () => {
    const userId = await learner()
    await addXp(userId, TODAY, 12)
    await addXp(userId, TODAY, 3)
    await addXp(userId, addDays(TODAY, -2), 20)
    await addXp(userId, addDays(TODAY, -29), 5) // the oldest day shown
    await addXp(userId, addDays(TODAY, -30), 99) // one day too old
    await addXp(userId, addDays(TODAY, -5), 8)
    await addXp(userId, addDays(TODAY, -5), -8) // reversed: back to 0
    const { series, summary } = await getProgress(userId, NOON)
    expect(series).toHaveLength(30)
    expect(series[0]).toEqual({ day: addDays(TODAY, -29), xp: 5 })
    expect(series.at(-1)).toEqual({ day: TODAY, xp: 15 })
    expect(series.at(-3)).toEqual({ day: addDays(TODAY, -2), xp: 20 })
    expect(series.at(-6)).toEqual({ day: addDays(TODAY, -5), xp: 0 })
    expect(series.filter((d) => d.xp === 0)).toHaveLength(27)
    expect(summary).toEqual({ total: 40, activeDays: 3, goalDays: 2, best: { day: addDays(TODAY, -2), xp: 20 } })
  })

  it('ends on the learner’s own today (Auckland is a day ahead of UTC in the evening)', async () => {
    const userId = await learner()
    await setClock(userId, 'Pacific/Auckland')
    await addXp(userId, '2026-03-11', 4)
    const { series, today } = await getProgress(userId, new Date('2026-03-10T20:00:00Z'))
    expect(today).toBe('2026-03-11')
    expect(series.at(-1)).toEqual({ day: '2026-03-11', xp: 4 })
  })
})

describe('mastery per concept', () => {
  it('groups the learner’s concepts by topic in content order, with the level labels, and leaves out concepts not started', async () => {
    const userId = await learner()
    const later = await createSubject({ order: 2, topics: 1 })
    const first = await createSubject({ order: 1, topics: 2, tasks: 4 })
    await answer(userId, later.topics[0]!.taskIds[0]!, NOON)
    await answer(userId, first.topics[1]!.taskIds[0]!, NOON, { correct: false })
    await answer(userId, first.topics[0]!.taskIds[1]!, NOON)
    await answer(userId, first.topics[0]!.taskIds[0]!, NOON)
    await prisma.conceptMastery.create({
      data: { userId, concept: 'orphan.concept', mastery: 70, level: 'familiar' },
      select: { id: true },
    })
    await prisma.conceptMastery.create({
      data: { userId, concept: 'untouched.concept', mastery: 0, level: 'not_started' },
      select: { id: true },
    })

    const { mastery, totals } = await getProgress(userId, NOON)
    expect(
      mastery.map((g) => [g.topic?.slug ?? null, g.concepts.map((c) => `${c.concept} ${c.levelLabel} ${c.mastery}`)]),
    ).toEqual([
      [first.topics[0]!.slug, [`${first.topics[0]!.slug}.c0 Familiar 50`, `${first.topics[0]!.slug}.c1 Familiar 50`]],
      [first.topics[1]!.slug, [`${first.topics[1]!.slug}.c0 Attempted 0`]],
      [later.topics[0]!.slug, [`${later.topics[0]!.slug}.c0 Familiar 50`]],
      [null, ['orphan.concept Familiar 70']],
    ])
    expect(mastery[0]!.topic).toEqual({
      slug: first.topics[0]!.slug,
      title: first.topics[0]!.title,
      subjectSlug: first.slug,
    })
    expect(totals).toEqual({ answers: 4, correct: 3, topicsStarted: 3, conceptsPractised: 5, conceptsMastered: 0 })
  })

  it('is read as of now: it matches the stored row right after answering and fades when reviews are skipped', async () => {
    const userId = await learner()
    const subject = await createSubject({ topics: 1, tasks: 3 })
    const topic = subject.topics[0]!
    // c0 is exercised by tasks 0 and 2: both right on day 1 and again when due two days later → Mastered.
    for (const when of [NOON, new Date(NOON.getTime() + 2 * DAY)]) {
      await answer(userId, topic.taskIds[0]!, when)
      await answer(userId, topic.taskIds[2]!, when)
    }
    const concept = `${topic.slug}.c0`
    const stored = await prisma.conceptMastery.findUniqueOrThrow({
      where: { userId_concept: { userId, concept } },
      select: { mastery: true, level: true },
    })
    expect(stored).toEqual({ mastery: 100, level: 'mastered' })
    const at = async (days: number) =>
      (await currentMasteries(userId, new Date(NOON.getTime() + days * DAY))).find((m) => m.concept === concept)
    expect(await at(2)).toMatchObject(stored)
    const faded = await at(120)
    expect(faded!.mastery).toBeLessThan(80)
    expect(faded!.level).toBe('familiar')
    // a page read never writes the faded score back
    expect(
      await prisma.conceptMastery.findUniqueOrThrow({
        where: { userId_concept: { userId, concept } },
        select: { mastery: true },
      }),
    ).toEqual({ mastery: 100 })
  })
})

describe('the progress page of two learners', () => {
  it('shows each only their own XP, streaks, answers and concepts', async () => {
    const subject = await createSubject({ topics: 1, topic: { baseTaskXp: 30 } })
    const topic = subject.topics[0]!
    const [me, other] = [await learner(), await learner()]
    await answer(other, topic.taskIds[0]!, NOON)
    await setStreak(other, 'monthly', { currentCount: 6, lastActivityDate: TODAY })
    const mine = await getProgress(me, NOON)
    expect(mine.series.every((d) => d.xp === 0)).toBe(true)
    expect(mine.totalXp).toBe(0)
    expect(mine.mastery).toEqual([])
    expect(mine.totals).toEqual({ answers: 0, correct: 0, topicsStarted: 0, conceptsPractised: 0, conceptsMastered: 0 })
    expect(mine.streaks.every((s) => s.current === 0)).toBe(true)
    const theirs = await getProgress(other, NOON)
    expect(theirs.series.at(-1)!.xp).toBe(30)
    expect(theirs.streaks[2]).toMatchObject({ type: 'monthly', current: 6 })
  })
})

describe('memberProgress (the team admin page)', () => {
  it('gives XP, overall level and the current daily streak of exactly the users asked for, each on their own day', async () => {
    const [a, b, c, outsider] = [await learner(), await learner(), await learner(), await learner()]
    await setClock(b, 'Pacific/Auckland')
    await addXp(a, TODAY, 120)
    await addXp(b, TODAY, 350)
    await addXp(outsider, TODAY, 999)
    await setStreak(a, 'daily', { currentCount: 3, lastActivityDate: TODAY })
    // b qualified on 03-10; at 20:00 UTC it is already 03-11 in Auckland: alive, not done today
    await setStreak(b, 'daily', { currentCount: 8, lastActivityDate: '2026-03-10' })
    await setStreak(c, 'daily', { currentCount: 5, lastActivityDate: '2026-03-01' }) // broken long ago
    await setStreak(c, 'weekly', { currentCount: 2, lastActivityDate: TODAY }) // not the daily streak
    const stats = await memberProgress([a, b, c], new Date('2026-03-10T20:00:00Z'))
    expect([...stats.keys()].sort()).toEqual([a, b, c].sort())
    expect(stats.get(a)).toEqual({ totalXp: 120, level: 2, streak: 3, doneToday: true })
    expect(stats.get(b)).toEqual({ totalXp: 350, level: 3, streak: 8, doneToday: false })
    expect(stats.get(c)).toEqual({ totalXp: 0, level: 1, streak: 0, doneToday: false })
    expect(stats.has(outsider)).toBe(false)
    expect((await memberProgress([])).size).toBe(0)
  })
})
