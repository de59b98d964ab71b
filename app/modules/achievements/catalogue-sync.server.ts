/**
 * Syncs the catalogue files (catalogue-files.server.ts) into Achievement (docs/achievements.md).
 *
 * - Upserted by key; a row is written only when one of its catalogue fields changed, so a
 *   second run writes nothing.
 * - An entry removed from the files is retired (retiredAt), never deleted: learners hold it
 *   (UserAchievement restricts the delete). An entry that comes back is un-retired.
 * - A broken file is reported with file and field and its category is left as it was: its
 *   entries are neither updated nor retired. The other files still sync.
 * - Every write of a run is one writeBatch (atomic). Two instances syncing at once both upsert
 *   by key, so neither fails.
 */
import type { InStatement } from '@libsql/client'
import { contentHash } from '~/modules/content/content-sync.server'
import { formatIssue, type ContentIssue } from '~/modules/content/content-files.server'
import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { log } from '~/utils/log.server'
import { syncStartupTask, type StartupTask } from '~/utils/startup-tasks.server'
import { ulid } from '~/utils/ulid.server'
import type { CatalogueEntry } from './catalogue-schema'
import { CATALOGUE_ROOT, catalogueIssues, loadCatalogue, validEntries } from './catalogue-files.server'
import { ACHIEVEMENT_ROW } from './catalogue.server'

export interface CatalogueSyncReport {
  root: string
  /** false when a file or the folder could not be synced */
  ok: boolean
  created: string[]
  updated: string[]
  /** retired earlier, back in the files */
  restored: string[]
  retired: string[]
  unchanged: number
  errors: ContentIssue[]
}

export async function syncAchievementCatalogue({
  root = CATALOGUE_ROOT,
  now = new Date(),
}: { root?: string; now?: Date } = {}): Promise<CatalogueSyncReport> {
  const catalogue = await loadCatalogue(root)
  const errors = catalogueIssues(catalogue)
  const report: CatalogueSyncReport = {
    root,
    ok: errors.length === 0,
    created: [],
    updated: [],
    restored: [],
    retired: [],
    unchanged: 0,
    errors,
  }
  // Without the folder, "everything was removed" would retire every achievement.
  if (catalogue.errors.length > 0) return report

  const rows = new Map((await readCatalogueRows()).map((row) => [row.key, row]))
  const entries = validEntries(catalogue)
  const brokenCategories = new Set(catalogue.files.filter((f) => !f.entries).map((f) => f.category))
  const stamp = toDbTimestamp(now)
  const statements: InStatement[] = []

  for (const entry of entries) {
    const row = rows.get(entry.key)
    const changed = !row || fingerprint(row) !== fingerprint(cellsOf(entry))
    if (row && !changed && row.retiredAt === null) {
      report.unchanged++
      continue
    }
    statements.push(upsertStatement(entry, stamp))
    if (!row) report.created.push(entry.key)
    else if (row.retiredAt !== null) report.restored.push(entry.key)
    else report.updated.push(entry.key)
  }

  const present = new Set(entries.map((e) => e.key))
  for (const row of rows.values()) {
    if (row.retiredAt !== null || present.has(row.key) || brokenCategories.has(row.category)) continue
    statements.push({
      sql: `UPDATE "Achievement" SET "retiredAt" = ?, "updatedAt" = ? WHERE "key" = ? AND "retiredAt" IS NULL`,
      args: [stamp, stamp, row.key],
    })
    report.retired.push(row.key)
  }

  if (statements.length > 0) await writeBatch(statements)
  return report
}

/** The columns the files decide. */
type CatalogueCells = Omit<CatalogueRow, 'id' | 'retiredAt'>
type CatalogueRow = Awaited<ReturnType<typeof readCatalogueRows>>[number]

function readCatalogueRows() {
  return prisma.achievement.findMany({ orderBy: { key: 'asc' }, select: ACHIEVEMENT_ROW })
}

/** The columns an entry decides, as Prisma reads them back. */
function cellsOf(entry: CatalogueEntry): CatalogueCells {
  return {
    key: entry.key,
    name: entry.name,
    description: entry.description,
    category: entry.category,
    rarity: entry.rarity,
    icon: entry.icon,
    xpReward: entry.xpReward,
    unlockCriteria: entry.criteria,
    isHidden: entry.isHidden,
    isSeasonal: entry.season !== null,
    seasonalStartDate: entry.season?.start ?? null,
    seasonalEndDate: entry.season?.end ?? null,
  }
}

/** What the files decide about a row (its id and retiredAt are the sync's own bookkeeping). */
function fingerprint(cells: CatalogueCells & { id?: string; retiredAt?: Date | null }): string {
  const { id: _id, retiredAt: _retired, ...decided } = cells
  return contentHash(decided)
}

// Json columns hold JSON text and booleans 0/1, exactly as Prisma's libSQL adapter writes them.
function upsertStatement(entry: CatalogueEntry, stamp: string): InStatement {
  const c = cellsOf(entry)
  return {
    sql: `INSERT INTO "Achievement" ("id", "key", "name", "description", "category", "rarity", "icon", "xpReward", "unlockCriteria",
            "isHidden", "isSeasonal", "seasonalStartDate", "seasonalEndDate", "retiredAt", "createdAt", "updatedAt")
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
          ON CONFLICT ("key") DO UPDATE SET "name" = excluded."name", "description" = excluded."description",
            "category" = excluded."category", "rarity" = excluded."rarity", "icon" = excluded."icon",
            "xpReward" = excluded."xpReward", "unlockCriteria" = excluded."unlockCriteria", "isHidden" = excluded."isHidden",
            "isSeasonal" = excluded."isSeasonal", "seasonalStartDate" = excluded."seasonalStartDate",
            "seasonalEndDate" = excluded."seasonalEndDate", "retiredAt" = NULL, "updatedAt" = excluded."updatedAt"`,
    args: [
      ulid(),
      c.key,
      c.name,
      c.description,
      c.category,
      c.rarity,
      c.icon,
      c.xpReward,
      JSON.stringify(c.unlockCriteria),
      c.isHidden ? 1 : 0,
      c.isSeasonal ? 1 : 0,
      c.seasonalStartDate,
      c.seasonalEndDate,
      stamp,
      stamp,
    ],
  }
}

// ─── start-up and the report ─────────────────────────────────────────────────

/** Syncs at start-up (server/startup.ts), after the content sync. A broken file is logged, never stops the server. */
export function achievementCatalogueSyncTask(root = CATALOGUE_ROOT): StartupTask {
  return syncStartupTask(
    'achievement-catalogue-sync',
    () => syncAchievementCatalogue({ root }),
    (report) => {
      const summary = {
        created: report.created.length,
        updated: report.updated.length,
        restored: report.restored.length,
        retired: report.retired.length,
        unchanged: report.unchanged,
      }
      if (report.ok) log.info('achievement catalogue synced', summary)
      else
        log.warn('achievement catalogue: some files were not synced', {
          ...summary,
          errors: report.errors.map(formatIssue),
        })
    },
    { message: 'achievement catalogue sync failed', fields: { root } },
  )
}

/** The report for a person (npm run content:sync, db:seed). */
export function formatCatalogueReport(report: CatalogueSyncReport): string {
  const list = (keys: string[]) => (keys.length > 0 ? ` (${keys.join(', ')})` : '')
  const lines = [
    `Achievements from ${report.root}: ${report.created.length} created${list(report.created)}, ` +
      `${report.updated.length} updated${list(report.updated)}, ${report.restored.length} restored${list(report.restored)}, ` +
      `${report.retired.length} retired${list(report.retired)}, ${report.unchanged} unchanged`,
  ]
  for (const issue of report.errors) lines.push(`  ERROR ${formatIssue(issue)}`)
  if (!report.ok) lines.push(`FAILED: ${report.errors.length} problem(s); the files named were left as they were.`)
  return lines.join('\n')
}
