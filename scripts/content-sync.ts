/**
 * npm run content:sync [folder] — syncs subjects, topics and tasks from the
 * content folder (default: content/), and the achievements catalogue from its
 * achievements/ folder, into the database and prints what changed.
 * Exits 1 when any subject, topic or catalogue file could not be synced (the others still are).
 */
import './lib/primary-only'
import { join } from 'node:path'
import { formatCatalogueReport, syncAchievementCatalogue } from '../app/modules/achievements/catalogue-sync.server'
import { ACHIEVEMENTS_FOLDER } from '../app/modules/content/content-files.server'
import { formatSyncReport, syncContent } from '../app/modules/content/content-sync.server'
import { disconnectDatabase } from '../app/utils/db.server'
import { runScript } from './lib/cli'

runScript(async () => {
  try {
    const root = process.argv[2] ?? 'content'
    const report = await syncContent({ root })
    console.log(formatSyncReport(report))
    const achievements = await syncAchievementCatalogue({ root: join(root, ACHIEVEMENTS_FOLDER) })
    console.log(formatCatalogueReport(achievements))
    return report.ok && achievements.ok ? 0 : 1
  } finally {
    await disconnectDatabase()
  }
})
