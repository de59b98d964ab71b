import { join } from 'node:path'
import { createBackup, pruneBackups } from '~/utils/db/backup.server'
import { resolveFilePath } from '~/utils/db/support.server'
import { getEnv } from '~/utils/env.server'
import { log } from '~/utils/log.server'

/** Daily backups are kept this many days (docs/backups.md). */
export const BACKUP_KEEP_DAYS = 30

export const backupDir = () => join(getEnv().DATA_DIR, 'backups')

/** A local file or an embedded replica's file can be snapshotted here; a remote-only primary is Turso's to back up. */
export function hasLocalDatabaseFile(): boolean {
  return getEnv().database.mode !== 'remote'
}

/** Makes today's backup into DATA_DIR/backups and removes those older than 30 days; returns 1 for the backup made. */
export async function runDailyBackup(now: Date, dir = backupDir()): Promise<number> {
  const source = resolveFilePath(getEnv().database.url)
  const { path, manifest } = await createBackup({ source, dir, now })
  const pruned = await pruneBackups(dir, now, BACKUP_KEEP_DAYS)
  log.info('daily backup made', {
    path,
    compressedBytes: manifest.compressedBytes,
    durationMs: manifest.durationMs,
    pruned,
  })
  return 1
}
