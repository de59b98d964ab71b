import type { Prisma } from '~/generated/prisma/client'
import { databaseReady, prisma } from '~/utils/db.server'
import { log } from '~/utils/log.server'
import { parseCriteria, type Criteria } from './criteria'

/** An Achievement row as evaluation and the trophy case use it, its criteria parsed. */
export interface CatalogueItem {
  id: string
  key: string
  name: string
  description: string
  category: string
  rarity: string
  icon: string | null
  xpReward: number
  isHidden: boolean
  season: { start: string; end: string } | null
  criteria: Criteria
  retired: boolean
}

/** The columns of an Achievement row that evaluation, the trophy case and the catalogue sync read. */
export const ACHIEVEMENT_ROW = {
  id: true,
  key: true,
  name: true,
  description: true,
  category: true,
  rarity: true,
  icon: true,
  xpReward: true,
  isHidden: true,
  isSeasonal: true,
  seasonalStartDate: true,
  seasonalEndDate: true,
  unlockCriteria: true,
  retiredAt: true,
} as const satisfies Prisma.AchievementSelect

/**
 * The catalogue, in category and key order. A row whose criteria or season this code cannot read
 * (written by a newer version, or by hand) is left out with a warning rather than awarded by guesswork.
 */
export async function readCatalogue({ withRetired = false } = {}): Promise<CatalogueItem[]> {
  const rows = await prisma.achievement.findMany({
    where: withRetired ? {} : { retiredAt: null },
    orderBy: [{ category: 'asc' }, { key: 'asc' }],
    select: ACHIEVEMENT_ROW,
  })
  const items: CatalogueItem[] = []
  for (const row of rows) {
    const { isSeasonal, seasonalStartDate: start, seasonalEndDate: end, unlockCriteria, retiredAt, ...rest } = row
    const criteria = parseCriteria(unlockCriteria)
    if (!criteria || (isSeasonal && !(start && end))) {
      log.warn('achievement skipped: its criteria or season cannot be read', { key: row.key })
      continue
    }
    items.push({
      ...rest,
      criteria,
      season: isSeasonal ? { start: start!, end: end! } : null,
      retired: retiredAt !== null,
    })
  }
  return items
}

/**
 * The awardable catalogue for evaluation, which runs after every answer: parsed once and kept
 * while the table is unchanged. A change (the sync, an operator's edit, another instance's sync)
 * moves the row count, the newest updatedAt or the newest id, which one cheap aggregate reads.
 */
let cached: { version: string; items: CatalogueItem[] } | null = null

export async function awardableCatalogue(): Promise<CatalogueItem[]> {
  const db = await databaseReady()
  const row = (
    await db.execute(`SELECT COUNT(*) AS "n", MAX("updatedAt") AS "changed", MAX("id") AS "newest" FROM "Achievement"`)
  ).rows[0]
  const version = `${row?.n}|${row?.changed}|${row?.newest}`
  if (cached?.version !== version) cached = { version, items: await readCatalogue() }
  return cached.items
}
