/**
 * npm run db:backup [-- <dir>] — a consistent online snapshot of the local database file (or an
 * embedded replica's file), gzipped and named by UTC time, with a manifest beside it (docs/backups.md).
 * Safe while the app is writing. The directory defaults to DATA_DIR/backups.
 */
import { resolve } from 'node:path'
import { z } from 'zod'
import { backupDir } from '../app/modules/system/backup-job.server'
import { createBackup } from '../app/utils/db/backup.server'
import { resolveFilePath } from '../app/utils/db/support.server'
import { databaseConfig, runScript } from './lib/cli'

const Args = z.array(z.string().min(1)).max(1, 'takes at most one argument: the directory to write into')

runScript(async () => {
  const args = Args.safeParse(process.argv.slice(2))
  if (!args.success) {
    console.error(`db:backup ${args.error.issues[0]?.message}`)
    return 2
  }
  const config = databaseConfig()
  if (config.mode === 'remote') {
    console.error(
      'db:backup snapshots a local file; this app talks to a remote primary only. Use Turso point-in-time restore, or point DATABASE_URL at a replica file (docs/backups.md).',
    )
    return 2
  }
  const dir = args.data[0] ? resolve(args.data[0]) : resolve(backupDir())
  const { path, manifestPath, manifest } = await createBackup({ source: resolveFilePath(config.url), dir })
  console.log(`Backup of ${manifest.source} (${config.mode}):`)
  console.log(`  ${path}`)
  console.log(`  ${manifestPath}`)
  console.log(
    `  migration head ${manifest.migrationHead ?? '(none)'}, ${Object.keys(manifest.rowCounts).length} tables, ${manifest.databaseBytes} bytes -> ${manifest.compressedBytes} gzipped in ${manifest.durationMs} ms`,
  )
})
