/**
 * npm run db:restore -- <backup.db.gz> <new-file.db> — checks the backup and restores it into a
 * new file (an existing file is never overwritten), then prints the DATABASE_URL to point the app at.
 */
import { existsSync } from 'node:fs'
import { z } from 'zod'
import { restoreBackup } from '../app/utils/db/backup.server'
import { runScript } from './lib/cli'

const Args = z.tuple([z.string().min(1), z.string().min(1)], {
  message: 'needs two arguments: the backup file and the new database file to create',
})

runScript(async () => {
  const args = Args.safeParse(process.argv.slice(2))
  if (!args.success) {
    console.error(`db:restore ${args.error.issues[0]?.message}`)
    return 2
  }
  const [backup, target] = args.data
  if (!existsSync(backup)) {
    console.error(`db:restore: no backup at ${backup}`)
    return 2
  }
  if (existsSync(target)) {
    console.error(`db:restore: ${target} exists already; restore into a new file`)
    return 2
  }
  const report = await restoreBackup(backup, target)
  if (!report.ok) {
    console.error(`db:restore: the backup failed its checks, nothing was restored:`)
    for (const problem of report.problems) console.error(`  - ${problem}`)
    return 1
  }
  console.log(`Restored ${backup} (migration head ${report.manifest.migrationHead ?? '(none)'}) and checked it.`)
  console.log(`Point the app at it with:\n  DATABASE_URL=${report.databaseUrl}`)
})
