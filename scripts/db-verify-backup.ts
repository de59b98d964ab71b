/**
 * npm run db:verify-backup [-- <backup.db.gz>] — restores a backup to a temporary file, runs
 * PRAGMA integrity_check and compares checksum, migration head and row counts with its manifest.
 * Without an argument, the newest backup in DATA_DIR/backups. Exit code 1 when any check fails.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { backupDir } from '../app/modules/system/backup-job.server'
import { backupTimeOf, verifyBackup } from '../app/utils/db/backup.server'
import { runScript } from './lib/cli'

const Args = z.array(z.string().min(1)).max(1, 'takes at most one argument: the backup file')

function newestBackup(dir: string): string | null {
  if (!existsSync(dir)) return null
  const names = readdirSync(dir)
    .filter((name) => backupTimeOf(name) !== null)
    .sort()
  const newest = names.at(-1)
  return newest ? join(dir, newest) : null
}

runScript(async () => {
  const args = Args.safeParse(process.argv.slice(2))
  if (!args.success) {
    console.error(`db:verify-backup ${args.error.issues[0]?.message}`)
    return 2
  }
  const file = args.data[0] ? resolve(args.data[0]) : newestBackup(resolve(backupDir()))
  if (!file || !existsSync(file)) {
    console.error(`db:verify-backup: no backup at ${file ?? resolve(backupDir())}`)
    return 2
  }
  const report = await verifyBackup(file)
  if (report.ok) {
    console.log(
      `OK ${file}: integrity_check ok, migration head ${report.manifest.migrationHead ?? '(none)'}, row counts of ${Object.keys(report.manifest.rowCounts).length} tables and sha256 match the manifest.`,
    )
    return 0
  }
  console.error(`FAILED ${file}:`)
  for (const problem of report.problems) console.error(`  - ${problem}`)
  return 1
})
