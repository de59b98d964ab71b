import { achievementCatalogueSyncTask } from '../app/modules/achievements/catalogue-sync.server'
import { contentSyncTask } from '../app/modules/content/content-sync.server'
import { databaseReady } from '../app/utils/db.server'
import { isPrimaryOutage } from '../app/utils/db/errors.server'
import type { Env } from '../app/utils/env.server'
import { log } from '../app/utils/log.server'
import { applyMigrations, openMigrationTarget } from '../app/utils/migrations.server'
import { runStartupTasks, type StartupTask } from '../app/utils/startup-tasks.server'

/**
 * What happens before the server accepts requests:
 *  1. migrations, applied to the local file or the primary (never to a replica
 *     file), unless RUN_MIGRATIONS_ON_START=false;
 *  2. the database connection is opened (a replica whose primary is down comes
 *     up read-only and reconnects in the background; a local file gets its
 *     write-ahead log checkpointed by a worker thread);
 *  3. content sync, the achievements catalogue sync and other startup tasks, unless
 *     SYNC_TOPICS_ON_START=false.
 */
export async function startUp(env: Env, tasks: StartupTask[] = STARTUP_TASKS): Promise<void> {
  if (env.RUN_MIGRATIONS_ON_START) await migrateOnStart(env)
  const client = await databaseReady()
  client.checkpointInBackground?.()
  log.info('database ready', { mode: client.mode })
  if (env.SYNC_TOPICS_ON_START) await runStartupTasks(tasks, env.database.mode)
}

/** Start-up tasks, in order. */
export const STARTUP_TASKS: StartupTask[] = [contentSyncTask(), achievementCatalogueSyncTask()]

async function migrateOnStart(env: Env) {
  const { client, description } = openMigrationTarget(env.database)
  try {
    const result = await applyMigrations(client, {
      onApplied: (name, ms) => log.info('migration applied', { name, ms: Math.round(ms) }),
    })
    log.info('migrations up to date', { target: description, applied: result.applied.length })
  } catch (error) {
    // Without its primary a replica can still serve reads: start, and say why migrations were skipped.
    if (isPrimaryOutage(env.database.mode, error)) {
      log.warn('primary unreachable; migrations skipped for this start', { target: description, error: String(error) })
      return
    }
    throw error
  } finally {
    client.close()
  }
}
