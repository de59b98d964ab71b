import { ulid } from 'ulid'
import { beforeEach, describe, expect, it } from 'vitest'
import { addXp, setClock } from '~/modules/learning/testing/read-side'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import { evaluateAchievements } from './evaluate.server'
import { clearAchievements, createAchievement, totalXp } from './testing/fixtures'
import { recentUnlocks, trophyCase } from './trophies.server'
import { rarityShare, seasonLabel, shareLabel } from './trophy-view'

beforeEach(async () => {
  await clearAchievements()
  await prisma.xpLedgerEntry.deleteMany()
})

/** A learner who earned XP `daysAgo` days ago (0: now). */
async function learnerActive(daysAgo: number) {
  const user = await createUser()
  await prisma.xpLedgerEntry.create({
    data: {
      userId: user.id,
      amount: 10,
      source: 'admin',
      sourceId: ulid(),
      dayKey: '2026-01-01',
      createdAt: new Date(Date.now() - daysAgo * 86_400_000),
    },
  })
  await prisma.user.update({ where: { id: user.id }, data: { totalXp: { increment: 10 } } })
  return user
}

describe('trophyCase', () => {
  it('shows earned ones with their date, locked ones with progress, hidden ones as ??? only, and leaves out retired ones nobody holds', async () => {
    const now = new Date()
    const me = await createUser()
    await setClock(me.id, 'Pacific/Auckland')
    await addXp(me.id, '2026-01-01', 40)
    await createAchievement('earned', totalXp(10), { xpReward: 5, rarity: 'rare', icon: '💯', category: 'xp' })
    await createAchievement('secret-earned', totalXp(20), { isHidden: true })
    await createAchievement('locked', totalXp(100), { category: 'xp' })
    await createAchievement('secret-locked', totalXp(1000), { isHidden: true, rarity: 'legendary' })
    await createAchievement('gone', totalXp(1), { retiredAt: new Date('2026-01-01') })
    await createAchievement('seasonal', totalXp(500), {
      season: { start: '12-20', end: '01-06' },
      category: 'seasonal',
    })
    await evaluateAchievements(me.id, now)
    const kept = await createAchievement('kept-after-retiring', totalXp(1))
    await evaluateAchievements(me.id, new Date(now.getTime() + 1000))
    await prisma.achievement.update({ where: { id: kept.id }, data: { retiredAt: new Date() } })

    const before = await databaseSnapshot()
    const trophies = await trophyCase(me.id, new Date(now.getTime() + 2000))
    expect(await databaseSnapshot(), 'the trophy case writes nothing').toEqual(before)

    // newest first
    expect(trophies.earned.map((t) => [t.key, t.retired])).toEqual([
      ['kept-after-retiring', true],
      ['secret-earned', false],
      ['earned', false],
    ])
    const earned = trophies.earned.find((t) => t.key === 'earned')!
    expect(earned).toMatchObject({
      name: 'Name of earned',
      description: 'Description of earned',
      icon: '💯',
      rarity: 'rare',
      category: 'xp',
      categoryTitle: 'XP',
      xpReward: 5,
      unlockedAt: expect.any(String),
    })
    expect(earned.unlockedOn).toMatch(/\d{4}/)

    // in category order (seasonal, xp)
    expect(trophies.locked.map((t) => t.key)).toEqual(['seasonal', 'locked'])
    // 40 XP + 5 from "earned" = 45 (+ 0 from the others)
    expect(trophies.locked[1]!.progress).toEqual({ current: 45, target: 100, percent: 45, label: '45 / 100 XP' })
    expect(trophies.locked[1]!.season).toBeNull()
    expect(trophies.locked[0]!.season).toEqual({
      label: 'every year from 20 December to 6 January',
      open: expect.any(Boolean),
    })

    expect(trophies.hidden).toEqual([{ name: '???', rarity: 'legendary', share: expect.any(Object) }])
    const text = JSON.stringify(trophies.hidden)
    for (const secret of ['secret-locked', 'Name of', 'Description', '1000']) expect(text).not.toContain(secret)
    expect(JSON.stringify(trophies)).not.toContain('gone')
    expect(trophies.counts).toEqual({ earned: 3, total: 6 })
  })

  it('counts the share of active learners (an XP entry in the last 30 days) who hold each achievement', async () => {
    const common = await createAchievement('common-one', totalXp(1))
    await createAchievement('nobody', totalXp(1_000_000))
    const active = [await learnerActive(0), await learnerActive(3), await learnerActive(29), await learnerActive(1)]
    const inactive = await learnerActive(31)
    for (const u of [active[0]!, inactive])
      await prisma.userAchievement.create({ data: { userId: u.id, achievementId: common.id, unlockedAt: new Date() } })
    // a revoked unlock is not held
    await prisma.userAchievement.create({
      data: { userId: active[1]!.id, achievementId: common.id, unlockedAt: new Date(), revokedAt: new Date() },
    })

    const trophies = await trophyCase(active[2]!.id, new Date())
    expect(trophies.activeLearners).toBe(4)
    const share = (key: string) => trophies.locked.find((t) => t.key === key)!.share
    expect(share('common-one')).toEqual({ holders: 1, activeLearners: 4, percent: 25 })
    expect(share('nobody')).toEqual({ holders: 0, activeLearners: 4, percent: 0 })
  })
})

describe('recentUnlocks', () => {
  it('lists the learner’s own latest unlocks, newest first, up to the limit', async () => {
    const [me, other] = [await createUser(), await createUser()]
    const ids = []
    for (const key of ['one', 'two', 'three', 'four'])
      ids.push((await createAchievement(key, totalXp(1), { xpReward: 1 })).id)
    const at = (day: number) => new Date(`2026-05-0${day}T10:00:00Z`)
    for (const [i, id] of ids.entries())
      await prisma.userAchievement.create({ data: { userId: me.id, achievementId: id, unlockedAt: at(i + 1) } })
    await prisma.userAchievement.create({ data: { userId: other.id, achievementId: ids[0]!, unlockedAt: at(9) } })
    await prisma.userAchievement.create({
      data: { userId: me.id, achievementId: (await createAchievement('progress-only', totalXp(9))).id },
    })
    // Taken back (an operator's correction): no longer shown, however recent.
    await prisma.userAchievement.create({
      data: {
        userId: me.id,
        achievementId: (await createAchievement('revoked', totalXp(1))).id,
        unlockedAt: at(8),
        revokedAt: at(9),
      },
    })

    expect(await recentUnlocks(me.id, 3)).toEqual([
      { key: 'four', name: 'Name of four', icon: '🏆', rarity: 'common', xpReward: 1, unlockedAt: at(4).toISOString() },
      {
        key: 'three',
        name: 'Name of three',
        icon: '🏆',
        rarity: 'common',
        xpReward: 1,
        unlockedAt: at(3).toISOString(),
      },
      { key: 'two', name: 'Name of two', icon: '🏆', rarity: 'common', xpReward: 1, unlockedAt: at(2).toISOString() },
    ])
    expect(await recentUnlocks(other.id)).toHaveLength(1)
  })
})

describe('trophy words', () => {
  it.each([
    [{ start: '12-01', end: '12-31' }, 'every year from 1 December to 31 December'],
    [{ start: '2027-03-01', end: '2027-03-07' }, 'from 1 March 2027 to 7 March 2027'],
  ])('season %j reads "%s"', (season, label) => {
    expect(seasonLabel(season)).toBe(label)
  })

  it.each([
    [3, 25, 12],
    [1, 1000, 1],
    [999, 1000, 99],
    [0, 10, 0],
    [10, 10, 100],
  ])('%i holders of %i active learners: %i %', (holders, activeLearners, percent) => {
    expect(rarityShare(holders, activeLearners).percent).toBe(percent)
    expect(shareLabel(rarityShare(holders, activeLearners))).toBe(`held by ${percent} % of active learners`)
  })

  it('says so when nobody was active', () => {
    expect(rarityShare(0, 0).percent).toBeNull()
    expect(shareLabel(rarityShare(0, 0))).toBe('no learner has been active lately')
  })
})
