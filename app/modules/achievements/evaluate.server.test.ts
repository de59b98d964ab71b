import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addXp, setClock } from '~/modules/learning/testing/read-side'
import { prisma } from '~/utils/db.server'
import { setLogSink } from '~/utils/log.server'
import { createUser } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import { evaluateAchievements } from './evaluate.server'
import { clearAchievements, createAchievement, totalXp } from './testing/fixtures'

const NOW = new Date('2026-06-10T12:00:00Z')

const ledger = (userId: string) =>
  prisma.xpLedgerEntry.findMany({
    where: { userId, source: 'achievement' },
    select: { amount: true, sourceId: true, dayKey: true },
    orderBy: { amount: 'asc' },
  })
const rowsOf = (userId: string) =>
  prisma.userAchievement.findMany({
    where: { userId },
    select: { id: true, unlockedAt: true, progressData: true, achievement: { select: { key: true } } },
    orderBy: { achievement: { key: 'asc' } },
  })
const totalXpOf = async (userId: string) =>
  (await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { totalXp: true } })).totalXp

beforeEach(clearAchievements)
afterEach(() => setLogSink(null))

describe('evaluateAchievements', () => {
  it('unlocks what is met, pays its XP once against the UserAchievement row, logs it, and returns it; a second call does nothing', async () => {
    const user = await createUser()
    await addXp(user.id, '2026-06-10', 15)
    await createAchievement('xp-10', totalXp(10), { xpReward: 5, rarity: 'rare', icon: '💯' })
    await createAchievement('xp-1000', totalXp(1000), { xpReward: 50 })

    const unlocked = await evaluateAchievements(user.id, NOW)
    expect(unlocked).toEqual([
      {
        key: 'xp-10',
        name: 'Name of xp-10',
        description: 'Description of xp-10',
        icon: '💯',
        rarity: 'rare',
        xpReward: 5,
      },
    ])
    const rows = await rowsOf(user.id)
    const held = rows.find((r) => r.achievement.key === 'xp-10')!
    expect(held.unlockedAt).toEqual(NOW)
    expect(await ledger(user.id)).toEqual([{ amount: 5, sourceId: held.id, dayKey: '2026-06-10' }])
    expect(await totalXpOf(user.id)).toBe(20)
    const logs = await prisma.userBehaviorLog.findMany({
      where: { userId: user.id },
      select: { actionType: true, actionData: true },
    })
    expect(logs).toEqual([{ actionType: 'achievement.unlocked', actionData: { key: 'xp-10', xpReward: 5 } }])
    // the unlock notifies, in its batch: in-app and by e-mail (the defaults of the type)
    const notifications = await prisma.notification.findMany({
      where: { userId: user.id },
      select: {
        type: true,
        eventKey: true,
        title: true,
        link: true,
        inApp: true,
        deliveries: { select: { channel: true } },
      },
    })
    expect(notifications).toEqual([
      {
        type: 'achievement_unlocked',
        eventKey: `achievement:${(await prisma.achievement.findUniqueOrThrow({ where: { key: 'xp-10' } })).id}`,
        title: 'Achievement unlocked: Name of xp-10',
        link: '/achievements',
        inApp: true,
        deliveries: [{ channel: 'email' }],
      },
    ])

    const before = await databaseSnapshot()
    expect(await evaluateAchievements(user.id, new Date(NOW.getTime() + 60_000))).toEqual([])
    expect(await databaseSnapshot()).toEqual(before)
  })

  it('keeps going when an unlock’s XP meets another criterion, and pays nothing for a reward of 0', async () => {
    const user = await createUser()
    await addXp(user.id, '2026-06-10', 1)
    await createAchievement('first', totalXp(1), { xpReward: 100 })
    await createAchievement('hundred', totalXp(100), { xpReward: 10 })
    await createAchievement('hundred-ten', totalXp(110))
    await createAchievement('far', totalXp(5000), { xpReward: 10 })
    const unlocked = await evaluateAchievements(user.id, NOW)
    expect(unlocked.map((u) => u.key)).toEqual(['first', 'hundred', 'hundred-ten'])
    expect((await ledger(user.id)).map((e) => e.amount)).toEqual([10, 100])
    expect(await totalXpOf(user.id)).toBe(111)
  })

  it('awards each achievement exactly once and pays its XP once under 50 concurrent evaluations of one learner', async () => {
    const user = await createUser()
    await addXp(user.id, '2026-06-10', 5)
    await createAchievement('a', totalXp(1), { xpReward: 100 })
    await createAchievement('b', totalXp(50), { xpReward: 20 }) // met only once a's XP is paid
    await createAchievement('c', { kind: 'topic_level', atLeast: 9 }, { xpReward: 7 }) // never met
    const logged: string[] = []
    setLogSink((_level, line) => void logged.push(line))

    const results = await Promise.all(Array.from({ length: 50 }, () => evaluateAchievements(user.id, NOW)))

    const keys = results.flat().map((u) => u.key)
    expect(keys.sort()).toEqual(['a', 'b'])
    expect((await ledger(user.id)).map((e) => e.amount)).toEqual([20, 100])
    expect(await totalXpOf(user.id)).toBe(125)
    const rows = await rowsOf(user.id)
    expect(rows.filter((r) => r.unlockedAt).map((r) => r.achievement.key)).toEqual(['a', 'b'])
    expect(await prisma.userBehaviorLog.count({ where: { userId: user.id, actionType: 'achievement.unlocked' } })).toBe(
      2,
    )
    // one notification and one e-mail delivery per unlock, not per evaluation
    expect(await prisma.notification.count({ where: { userId: user.id, type: 'achievement_unlocked' } })).toBe(2)
    expect(await prisma.notificationDelivery.count({ where: { userId: user.id } })).toBe(2)
    // The race was real: evaluations lost it and tried again.
    expect(logged.some((line) => line.includes('achievement evaluation retried'))).toBe(true)
  })

  it('keeps progress of visible locked achievements, only when it changed, and none of hidden ones or of a first row at zero', async () => {
    const user = await createUser()
    await addXp(user.id, '2026-06-10', 30)
    await createAchievement('visible', totalXp(100))
    await createAchievement('hidden', totalXp(100), { isHidden: true })
    await createAchievement('no-progress', { kind: 'reviews_done', atLeast: 5 })
    await createAchievement('combo', { kind: 'all', of: [totalXp(60), { kind: 'reviews_done', atLeast: 2 }] })

    expect(await evaluateAchievements(user.id, NOW)).toEqual([])
    expect((await rowsOf(user.id)).map((r) => [r.achievement.key, r.unlockedAt, r.progressData])).toEqual([
      ['combo', null, { current: 25, target: 100 }],
      ['visible', null, { current: 30, target: 100 }],
    ])

    const before = await databaseSnapshot()
    await evaluateAchievements(user.id, new Date(NOW.getTime() + 60_000))
    expect(await databaseSnapshot(), 'unchanged progress is not written again').toEqual(before)

    await addXp(user.id, '2026-06-10', 40)
    const visible = (await rowsOf(user.id)).find((r) => r.achievement.key === 'visible')!
    await evaluateAchievements(user.id, NOW)
    const after = await rowsOf(user.id)
    expect(after.find((r) => r.achievement.key === 'visible')).toMatchObject({
      id: visible.id,
      progressData: { current: 70, target: 100 },
    })
    expect(after.find((r) => r.achievement.key === 'combo')).toMatchObject({
      progressData: { current: 50, target: 100 },
    })
    expect(after.map((r) => r.achievement.key)).not.toContain('hidden')

    // Unlocking a row that carried progress keeps its id (the ledger's sourceId).
    await addXp(user.id, '2026-06-10', 30)
    expect((await evaluateAchievements(user.id, NOW)).map((u) => u.key)).toEqual(['hidden', 'visible'])
    const unlocked = (await rowsOf(user.id)).find((r) => r.achievement.key === 'visible')!
    expect(unlocked).toMatchObject({ id: visible.id, unlockedAt: NOW, progressData: { current: 100, target: 100 } })
  })

  it('never awards a retired achievement, one whose criteria it cannot read, or one held before and revoked', async () => {
    const user = await createUser()
    await addXp(user.id, '2026-06-10', 500)
    await createAchievement('retired', totalXp(1), { retiredAt: new Date('2026-01-01') })
    const revoked = await createAchievement('revoked', totalXp(1), { xpReward: 5 })
    await prisma.userAchievement.create({
      data: {
        userId: user.id,
        achievementId: revoked.id,
        unlockedAt: new Date('2026-02-01'),
        revokedAt: new Date('2026-02-02'),
      },
    })
    await prisma.achievement.create({
      data: {
        key: 'future',
        name: 'F',
        description: 'F',
        category: 'test',
        unlockCriteria: { kind: 'league_tier', atMost: 1 },
      },
    })
    const logged: string[] = []
    setLogSink((_level, line) => void logged.push(line))
    expect(await evaluateAchievements(user.id, NOW)).toEqual([])
    expect(await ledger(user.id)).toEqual([])
    expect(logged.join('\n')).toContain('"key":"future"')
  })
})

describe('seasonal achievements: only inside the window, on the learner’s own day', () => {
  // 23:30 UTC on 30 November: already 1 December in Auckland, still 30 November in London and,
  // before the day-start hour, in Berlin (00:30 local belongs to the day before).
  const INSTANT = new Date('2026-11-30T23:30:00Z')

  it('unlocks at the same instant for a learner whose day is inside, not for one whose day is outside; a later day or a move of time zone opens it', async () => {
    await createAchievement('winter', totalXp(1), { xpReward: 25, season: { start: '12-01', end: '12-31' } })
    const [auckland, london, berlin] = [await createUser(), await createUser(), await createUser()]
    await setClock(auckland.id, 'Pacific/Auckland')
    await setClock(london.id, 'Europe/London')
    await setClock(berlin.id, 'Europe/Berlin', 4)
    for (const u of [auckland, london, berlin]) await addXp(u.id, '2026-11-30', 10)

    expect((await evaluateAchievements(auckland.id, INSTANT)).map((u) => u.key)).toEqual(['winter'])
    expect(await evaluateAchievements(london.id, INSTANT)).toEqual([])
    expect(await evaluateAchievements(berlin.id, INSTANT)).toEqual([])
    expect((await ledger(auckland.id))[0]).toMatchObject({ amount: 25, dayKey: '2026-12-01' })
    // Outside its window a met seasonal achievement still shows its progress.
    expect((await rowsOf(london.id))[0]).toMatchObject({ unlockedAt: null, progressData: { current: 1, target: 1 } })

    // Berlin's 1 December begins at 04:00 local (03:00 UTC).
    expect(await evaluateAchievements(berlin.id, new Date('2026-12-01T02:59:00Z'))).toEqual([])
    expect((await evaluateAchievements(berlin.id, new Date('2026-12-01T03:00:00Z'))).map((u) => u.key)).toEqual([
      'winter',
    ])
    // London's learner moves to Auckland: the same instant is now inside.
    await setClock(london.id, 'Pacific/Auckland')
    expect((await evaluateAchievements(london.id, INSTANT)).map((u) => u.key)).toEqual(['winter'])
  })

  it('handles a window across New Year and a once-only window', async () => {
    await createAchievement('new-year', totalXp(1), { season: { start: '12-28', end: '01-07' } })
    await createAchievement('launch', totalXp(1), { season: { start: '2027-03-01', end: '2027-03-07' } })
    const user = await createUser()
    await addXp(user.id, '2026-12-01', 10)
    expect(await evaluateAchievements(user.id, new Date('2027-01-08T12:00:00Z'))).toEqual([])
    expect((await evaluateAchievements(user.id, new Date('2027-01-07T12:00:00Z'))).map((u) => u.key)).toEqual([
      'new-year',
    ])
    expect(await evaluateAchievements(user.id, new Date('2028-03-03T12:00:00Z'))).toEqual([])
    expect((await evaluateAchievements(user.id, new Date('2027-03-03T12:00:00Z'))).map((u) => u.key)).toEqual([
      'launch',
    ])
  })
})
