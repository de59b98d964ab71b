import { ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import { answerTask } from '~/modules/learning/practice.server'
import { createTopic, rightAnswer } from '~/modules/learning/testing/fixtures'
import { SCHEDULED_JOBS } from '~/modules/scheduled-jobs.server'
import { createScheduler } from '~/modules/system/scheduled-jobs.server'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import { ensureMembership, finalizeLeagues, leagueBoard, leagueScoring, leagueXpStatement } from './league.server'
import { writeBatch } from '~/utils/db.server'

const HOUR = 3_600_000
/** A Wednesday noon UTC far from the other tests' weeks (each test picks its own week). */
const wednesday = (weeksAhead: number) => new Date(Date.UTC(2031, 0, 8, 12) + weeksAhead * 7 * 24 * HOUR)

async function learner(
  clock: { timezone?: string; weekStartsOn?: number; hideFromBoards?: boolean; name?: string } = {},
) {
  const user = await createUser(clock.name ? { name: clock.name } : {})
  await prisma.user.update({
    where: { id: user.id },
    data: {
      timezone: clock.timezone ?? 'UTC',
      dayStartHour: 4,
      weekStartsOn: clock.weekStartsOn ?? 1,
      hideFromBoards: clock.hideFromBoards ?? false,
    },
    select: { id: true },
  })
  return user
}

/** A learner placed this week with `xp` already earned. */
async function placedWith(xp: number, now: Date, clock: Parameters<typeof learner>[0] = {}) {
  const user = await learner(clock)
  const membership = (await ensureMembership(user.id, now))!
  if (xp > 0) await writeBatch([leagueXpStatement(membership.id, xp, now)])
  return { user, membership }
}

async function answerRight(userId: string, taskId: string, now: Date, attemptId = ulid()) {
  const alongside = (await leagueScoring(userId, now)) ?? undefined
  return answerTask(userId, { taskId, attemptId, answer: rightAnswer(taskId), hintUsed: false }, { now, alongside })
}

describe('placement', () => {
  it('puts a newcomer into a tier-1 cohort of their week once, however many requests race', async () => {
    const user = await learner({ timezone: 'Europe/Berlin' })
    const now = wednesday(0)
    const placed = await Promise.all(Array.from({ length: 5 }, () => ensureMembership(user.id, now)))
    expect(new Set(placed.map((m) => m!.id)).size).toBe(1)
    expect(placed[0]).toMatchObject({ weekStart: '2031-01-06', tier: 1 })
    expect(placed[0]!.endsAt.toISOString()).toBe('2031-01-13T03:00:00.000Z')
    const cohort = await prisma.leagueCohort.findUniqueOrThrow({ where: { id: placed[0]!.cohortId } })
    expect(cohort).toMatchObject({ weekStart: '2031-01-06', tier: 1, finalizedAt: null })
    expect(await prisma.leagueMembership.count({ where: { userId: user.id } })).toBe(1)
  })

  it('places each learner by their own week start and zone; a cohort ends when its last member’s week does', async () => {
    const now = wednesday(1)
    const berlin = await placedWith(0, now, { timezone: 'Europe/Berlin' })
    const la = await placedWith(0, now, { timezone: 'America/Los_Angeles' })
    const sunday = await placedWith(0, now, { weekStartsOn: 7 })
    expect(berlin.membership.cohortId).toBe(la.membership.cohortId)
    expect(sunday.membership.weekStart).toBe('2031-01-12')
    expect(sunday.membership.cohortId).not.toBe(berlin.membership.cohortId)
    const cohort = await prisma.leagueCohort.findUniqueOrThrow({ where: { id: la.membership.cohortId } })
    expect(cohort.endsAt.toISOString()).toBe(la.membership.endsAt.toISOString())
    expect(la.membership.endsAt.getTime()).toBeGreaterThan(berlin.membership.endsAt.getTime())
  })
})

describe('league XP inside the answer’s write', () => {
  it('counts the XP of each answer once — a replayed attempt adds nothing', async () => {
    const user = await learner()
    const topic = await createTopic({}, { tasks: 2 })
    const now = wednesday(2)
    const attemptId = ulid()
    const first = await answerRight(user.id, topic.taskIds[0]!, now, attemptId)
    expect(first.result.xp.earned).toBeGreaterThan(0)
    await answerRight(user.id, topic.taskIds[0]!, now, attemptId) // the same answer sent again
    const second = await answerRight(user.id, topic.taskIds[1]!, new Date(now.getTime() + 60_000))
    const membership = await prisma.leagueMembership.findFirstOrThrow({ where: { userId: user.id } })
    expect(membership.xp).toBe(first.result.xp.earned + second.result.xp.earned)
    expect(membership.xpReachedAt.toISOString()).toBe(new Date(now.getTime() + 60_000).toISOString())
  })

  it('places a learner with their first recorded answer of the week, and nobody for an answer that is refused', async () => {
    const user = await learner()
    const topic = await createTopic({}, { tasks: 1 })
    const now = wednesday(12)
    const alongside = (await leagueScoring(user.id, now)) ?? undefined
    await expect(
      answerTask(
        user.id,
        { taskId: 'no-such-task', attemptId: ulid(), answer: '1', hintUsed: false },
        { now, alongside },
      ),
    ).rejects.toThrow()
    expect(await prisma.leagueMembership.count({ where: { userId: user.id } })).toBe(0)
    expect(await prisma.leagueCohort.count({ where: { weekStart: '2031-03-31' } })).toBe(0)
    const answered = await answerRight(user.id, topic.taskIds[0]!, now)
    const membership = await prisma.leagueMembership.findFirstOrThrow({ where: { userId: user.id } })
    expect(membership).toMatchObject({ weekStart: '2031-03-31', tier: 1, xp: answered.result.xp.earned })
  })

  it('adds nothing to a week that is already finalised', async () => {
    const { membership } = await placedWith(10, wednesday(3))
    await finalizeLeagues(new Date(membership.endsAt.getTime() + 48 * HOUR))
    await writeBatch([leagueXpStatement(membership.id, 50, new Date())])
    expect((await prisma.leagueMembership.findUniqueOrThrow({ where: { id: membership.id } })).xp).toBe(10)
  })
})

describe('the leagues:finalize job', () => {
  it('ranks a cohort (ties share a rank), promotes the top 5 and demotes the bottom 5, and changes nothing when run again', async () => {
    const now = wednesday(4)
    // a tier-2 cohort: learners promoted from a finalised tier-1 week
    const previous = wednesday(3)
    const xps = [120, 110, 100, 90, 80, 80, 60, 50, 40, 30, 20, 10]
    const people = []
    for (const xp of xps) {
      const { user, membership } = await placedWith(5, previous)
      people.push({ user, xp, lastId: membership.id })
    }
    // last week: everyone promoted from tier 1 (written as the job would)
    await prisma.leagueMembership.updateMany({
      where: { id: { in: people.map((p) => p.lastId) } },
      data: { outcome: 'promoted', rank: 1 },
    })
    for (const p of people) {
      const m = (await ensureMembership(p.user.id, now))!
      expect(m.tier).toBe(2)
      await writeBatch([leagueXpStatement(m.id, p.xp, now)])
    }
    const after = new Date(now.getTime() + 8 * 24 * HOUR)
    expect(await finalizeLeagues(after)).toBeGreaterThanOrEqual(1)
    const rows = await prisma.leagueMembership.findMany({
      where: { userId: { in: people.map((p) => p.user.id) }, tier: 2 },
      select: { userId: true, xp: true, rank: true, outcome: true },
      orderBy: { xp: 'desc' },
    })
    expect(rows.map((r) => [r.xp, r.rank, r.outcome])).toEqual([
      [120, 1, 'promoted'],
      [110, 2, 'promoted'],
      [100, 3, 'promoted'],
      [90, 4, 'promoted'],
      [80, 5, 'promoted'],
      [80, 5, 'promoted'],
      [60, 7, 'stayed'],
      [50, 8, 'demoted'],
      [40, 9, 'demoted'],
      [30, 10, 'demoted'],
      [20, 11, 'demoted'],
      [10, 12, 'demoted'],
    ])

    const before = await databaseSnapshot()
    expect(await finalizeLeagues(after)).toBe(0)
    expect(await databaseSnapshot()).toEqual(before)

    // next week: the tier each earned
    const next = new Date(now.getTime() + 7 * 24 * HOUR)
    const tiers = await Promise.all(people.map(async (p) => (await ensureMembership(p.user.id, next))!.tier))
    expect(tiers).toEqual([3, 3, 3, 3, 3, 3, 2, 1, 1, 1, 1, 1])
  })

  it('runs once an hour on one instance through the scheduler, and a second run finds nothing to do', async () => {
    const { membership } = await placedWith(7, wednesday(6))
    const at = new Date(membership.endsAt.getTime() + 2 * HOUR + 60_000)
    const runs = await createScheduler(SCHEDULED_JOBS).runDueJobs(at)
    expect(runs).toContainEqual({ name: 'leagues:finalize', outcome: 'succeeded', count: expect.any(Number) })
    expect((await prisma.leagueMembership.findUniqueOrThrow({ where: { id: membership.id } })).outcome).toBe('promoted')
    const again = await createScheduler(SCHEDULED_JOBS).runDueJobs(at)
    expect(again).toContainEqual({ name: 'leagues:finalize', outcome: 'claimed-elsewhere' })
    const nextHour = await createScheduler(SCHEDULED_JOBS).runDueJobs(new Date(at.getTime() + HOUR))
    expect(nextHour).toContainEqual({ name: 'leagues:finalize', outcome: 'succeeded', count: 0 })
  })

  it('moves a learner already placed next week (their week began before the cohort ended) to the tier they earned, XP and all', async () => {
    const week = wednesday(8)
    // Tokyo's week starts 17 hours before Los Angeles' ends: the cohort is still open when Tokyo's next week begins
    const tokyo = await placedWith(40, week, { timezone: 'Asia/Tokyo' })
    await placedWith(0, week, { timezone: 'America/Los_Angeles' })
    const tokyoNext = new Date(tokyo.membership.endsAt.getTime() + HOUR)
    const early = (await ensureMembership(tokyo.user.id, tokyoNext))!
    expect(early.tier).toBe(1) // last week not finalised yet: provisionally the same tier
    await writeBatch([leagueXpStatement(early.id, 15, tokyoNext)])

    await finalizeLeagues(new Date(tokyoNext.getTime() + 24 * HOUR))
    const moved = await prisma.leagueMembership.findUniqueOrThrow({
      where: { id: early.id },
      include: { cohort: true },
    })
    expect(moved).toMatchObject({ tier: 2, xp: 15, cohort: { tier: 2, weekStart: early.weekStart } })
  })
})

describe('the league board', () => {
  it('shows my cohort ranked, who goes up and down, my time left; hidden learners are "A learner" to others', async () => {
    const now = wednesday(10)
    const me = await placedWith(30, now, { name: 'Me Myself' })
    const hidden = await placedWith(50, now, { name: 'Hidden Hanna', hideFromBoards: true })
    await placedWith(10, now, { name: 'Open Olga' })
    const board = (await leagueBoard(me.user.id, now))!
    expect(board).toMatchObject({
      tier: 1,
      tierName: 'Bronze',
      weekStart: '2031-03-17',
      timeLeft: '4 days 16 hours',
      me: { rank: 2, xp: 30, zone: 'promotion' },
      lastWeek: null,
    })
    expect(board.tiers.map((t) => [t.name, t.current])).toEqual([
      ['Bronze', true],
      ['Silver', false],
      ['Gold', false],
      ['Sapphire', false],
      ['Diamond', false],
    ])
    expect(board.rows.map((r) => [r.rank, r.name, r.xp, r.isMe])).toEqual([
      [1, 'A learner', 50, false],
      [2, 'Me Myself', 30, true],
      [3, 'Open Olga', 10, false],
    ])
    const text = JSON.stringify(board)
    for (const secret of [hidden.user.id, hidden.user.email, 'Hidden Hanna', hidden.user.username!, me.user.id])
      expect(text).not.toContain(secret)
    // the hidden learner sees their own name
    expect((await leagueBoard(hidden.user.id, now))!.rows[0]).toMatchObject({ name: 'Hidden Hanna', isMe: true })
  })
})
