/**
 * The trophy case (docs/achievements.md): what a learner has earned, how far they are towards the
 * rest, and how rare each is. Read-only: progress is computed from the learner's facts now, so the
 * page is right even between evaluations.
 */
import { databaseReady, prisma } from '~/utils/db.server'
import { textOrNull } from '~/utils/db/row-values'
import { formatDay, learnerDay } from '~/utils/time'
import { readAchievementFacts } from './achievement-facts.server'
import { RARITIES, type Rarity } from './catalogue-schema'
import { readCatalogue, type CatalogueItem } from './catalogue.server'
import { percentOf, progressLabel, progressOf } from './criteria'
import { inSeason } from './season-rules'
import { categoryTitle, rarityShare, seasonLabel, type RarityShare, type RecentUnlock } from './trophy-view'

/** An active learner has an XP ledger entry (any source) within this many days. */
export const ACTIVE_LEARNER_DAYS = 30

interface Shown {
  key: string
  name: string
  description: string
  icon: string | null
  rarity: string
  category: string
  categoryTitle: string
  xpReward: number
  share: RarityShare
}

export interface EarnedTrophy extends Shown {
  /** ISO instant */
  unlockedAt: string
  /** the day in the learner's time zone, e.g. "2 Jan 2026" */
  unlockedOn: string
  /** no longer awardable to others; the learner keeps it */
  retired: boolean
}

export interface LockedTrophy extends Shown {
  progress: { current: number; target: number; percent: number; label: string }
  season: { label: string; open: boolean } | null
}

/** A hidden achievement not yet earned: nothing but its rarity. */
export interface HiddenTrophy {
  name: '???'
  rarity: string
  share: RarityShare
}

export interface TrophyCase {
  earned: EarnedTrophy[]
  locked: LockedTrophy[]
  hidden: HiddenTrophy[]
  activeLearners: number
  /** earned of everything that can still be earned, plus retired ones held */
  counts: { earned: number; total: number }
}

export async function trophyCase(userId: string, now: Date): Promise<TrophyCase> {
  const [catalogue, { facts, clock }, rows, shares] = await Promise.all([
    readCatalogue({ withRetired: true }),
    readAchievementFacts(userId),
    prisma.userAchievement.findMany({
      where: { userId, unlockedAt: { not: null }, revokedAt: null },
      select: { achievementId: true, unlockedAt: true },
    }),
    rarityShares(now),
  ])
  const unlocked = new Map(rows.map((row) => [row.achievementId, row.unlockedAt!]))
  const today = learnerDay(now, clock.timezone, clock.dayStartHour)
  const shareOf = (a: CatalogueItem) => rarityShare(shares.holders.get(a.id) ?? 0, shares.activeLearners)
  const shown = (a: CatalogueItem): Shown => ({
    key: a.key,
    name: a.name,
    description: a.description,
    icon: a.icon,
    rarity: a.rarity,
    category: a.category,
    categoryTitle: categoryTitle(a.category),
    xpReward: a.xpReward,
    share: shareOf(a),
  })

  const result: TrophyCase = {
    earned: [],
    locked: [],
    hidden: [],
    activeLearners: shares.activeLearners,
    counts: { earned: 0, total: 0 },
  }
  for (const a of catalogue) {
    const at = unlocked.get(a.id)
    if (at) {
      const iso = at.toISOString()
      result.earned.push({
        ...shown(a),
        unlockedAt: iso,
        unlockedOn: formatDay(iso, clock.timezone),
        retired: a.retired,
      })
    } else if (a.retired) {
      continue
    } else if (a.isHidden) {
      result.hidden.push({ name: '???', rarity: a.rarity, share: shareOf(a) })
    } else {
      const progress = progressOf(a.criteria, facts)
      result.locked.push({
        ...shown(a),
        progress: {
          current: progress.current,
          target: progress.target,
          percent: percentOf(progress),
          label: progressLabel(a.criteria, progress),
        },
        season: a.season ? { label: seasonLabel(a.season), open: inSeason(today, a.season.start, a.season.end) } : null,
      })
    }
  }
  result.earned.sort((a, b) => (a.unlockedAt < b.unlockedAt ? 1 : a.unlockedAt > b.unlockedAt ? -1 : 0))
  // In rarity order, so that not even the order of the "???" says which is which.
  result.hidden.sort((a, b) => RARITIES.indexOf(a.rarity as Rarity) - RARITIES.indexOf(b.rarity as Rarity))
  result.counts = {
    earned: result.earned.length,
    total: result.earned.length + result.locked.length + result.hidden.length,
  }
  return result
}

/**
 * How many active learners hold each achievement, and how many are active: two counts. Both
 * filters are an EXISTS over XpLedgerEntry(userId, createdAt), which its index answers.
 */
async function rarityShares(now: Date): Promise<{ activeLearners: number; holders: Map<string, number> }> {
  const since = new Date(now.getTime() - ACTIVE_LEARNER_DAYS * 86_400_000)
  const active = { xpLedger: { some: { createdAt: { gte: since } } } }
  const [activeLearners, held] = await Promise.all([
    prisma.user.count({ where: active }),
    prisma.userAchievement.groupBy({
      by: ['achievementId'],
      where: { unlockedAt: { not: null }, revokedAt: null, user: active },
      _count: { _all: true },
    }),
  ])
  return { activeLearners, holders: new Map(held.map((h) => [h.achievementId, h._count._all])) }
}

/** The learner's latest unlocks, newest first (the dashboard). */
export async function recentUnlocks(userId: string, limit = 3): Promise<RecentUnlock[]> {
  // The dashboard reads this on every visit: one plain statement, not an ORM query with a relation (two).
  const { rows } = await (
    await databaseReady()
  ).execute({
    sql: `SELECT a."key", a."name", a."icon", a."rarity", a."xpReward", u."unlockedAt"
      FROM "UserAchievement" u JOIN "Achievement" a ON a."id" = u."achievementId"
      WHERE u."userId" = ? AND u."unlockedAt" IS NOT NULL AND u."revokedAt" IS NULL
      ORDER BY u."unlockedAt" DESC, u."id" DESC LIMIT ?`,
    args: [userId, limit],
  })
  return rows.map((row) => ({
    key: String(row.key),
    name: String(row.name),
    icon: textOrNull(row.icon),
    rarity: String(row.rarity),
    xpReward: Number(row.xpReward),
    unlockedAt: new Date(String(row.unlockedAt)).toISOString(),
  }))
}
