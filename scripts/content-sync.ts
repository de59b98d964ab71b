/**
 * npm run content:sync [folder] — syncs subjects, topics and tasks from the
 * content folder (default: content/) into the database and prints what changed.
 * Exits 1 when any subject or topic could not be synced (the others still are).
 */
import './lib/primary-only'
import { formatSyncReport, syncContent } from '../app/modules/content/content-sync.server'
import { disconnectDatabase } from '../app/utils/db.server'
import { runScript } from './lib/cli'

runScript(async () => {
  try {
    const report = await syncContent({ root: process.argv[2] ?? 'content' })
    console.log(formatSyncReport(report))
    return report.ok ? 0 : 1
  } finally {
    await disconnectDatabase()
  }
})
