import type { AchievementRarity } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import type { Criteria } from '../criteria'

/**
 * Test fixtures for the achievements module: catalogue rows written straight to the database
 * (the catalogue sync has its own tests), so each test decides exactly what can be earned.
 */
export async function clearAchievements() {
  await prisma.userAchievement.deleteMany()
  await prisma.achievement.deleteMany()
}

export async function createAchievement(
  key: string,
  criteria: Criteria,
  extra: {
    xpReward?: number
    rarity?: AchievementRarity
    isHidden?: boolean
    season?: { start: string; end: string }
    retiredAt?: Date
    category?: string
    icon?: string
  } = {},
) {
  return prisma.achievement.create({
    data: {
      key,
      name: `Name of ${key}`,
      description: `Description of ${key}`,
      category: extra.category ?? 'test',
      rarity: extra.rarity ?? 'common',
      icon: extra.icon ?? '🏆',
      xpReward: extra.xpReward ?? 0,
      unlockCriteria: criteria,
      isHidden: extra.isHidden ?? false,
      isSeasonal: Boolean(extra.season),
      seasonalStartDate: extra.season?.start ?? null,
      seasonalEndDate: extra.season?.end ?? null,
      retiredAt: extra.retiredAt ?? null,
    },
    select: { id: true, key: true },
  })
}

export const totalXp = (atLeast: number): Criteria => ({ kind: 'total_xp', atLeast })
