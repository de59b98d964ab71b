import { describe, expect, it } from 'vitest'
import { finalizeChallenge } from '~/modules/challenges/finalize.server'
import { DAY, HOUR, createChallengeRow } from '~/modules/challenges/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { evaluateChallengeFinishers } from './jobs.server'
import { clearAchievements, createAchievement } from './testing/fixtures'

describe('achievements of a final challenge rank', () => {
  it('unlocks them for the learners ranked high enough once the standings are frozen, once', async () => {
    await clearAchievements()
    await createAchievement('podium', { kind: 'challenge_rank', atMost: 2 }, { xpReward: 20 })
    const challenge = await createChallengeRow({
      startDate: new Date(Date.now() - 4 * DAY),
      endDate: new Date(Date.now() - HOUR),
    })
    const [first, tiedFirst, third] = [await createUser(), await createUser(), await createUser()]
    for (const [user, score] of [
      [first, 80],
      [tiedFirst, 80],
      [third, 30],
    ] as const) {
      await prisma.userChallenge.create({ data: { userId: user.id, challengeId: challenge.id, score } })
      await prisma.leaderboardEntry.create({ data: { userId: user.id, challengeId: challenge.id, score } })
    }
    const holders = () =>
      prisma.userAchievement.findMany({
        where: { unlockedAt: { not: null }, achievement: { key: 'podium' } },
        select: { userId: true },
      })

    // While the challenge runs nobody holds a final rank.
    await evaluateChallengeFinishers(new Date())
    expect(await holders()).toEqual([])

    expect(await finalizeChallenge(challenge.id, new Date())).toBe(true)
    expect(await evaluateChallengeFinishers(new Date())).toBe(3)
    expect((await holders()).map((h) => h.userId).sort()).toEqual([first.id, tiedFirst.id].sort())
    // The next run looks at the same learners again and unlocks (and pays) nothing twice.
    await evaluateChallengeFinishers(new Date())
    expect(await holders()).toHaveLength(2)
    expect(await prisma.xpLedgerEntry.count({ where: { userId: first.id, source: 'achievement' } })).toBe(1)
    await clearAchievements()
  })
})
