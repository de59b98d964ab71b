import { errorMessage, isConnectivityError, isPrimaryOutage } from './db/errors.server'
import type { DatabaseConfig } from './env.server'
import { log } from './log.server'

/**
 * Work that runs once at start-up, after migrations, such as syncing topics from
 * content files (SYNC_TOPICS_ON_START). The list lives in server/startup.ts: a
 * task must be imported there, because the Remix build is loaded only later.
 */
export interface StartupTask {
  name: string
  run: () => Promise<void>
}

/**
 * Runs the tasks in order. Without its primary a replica can still serve reads,
 * so a task that cannot reach the primary is skipped with a warning there; in
 * local mode every failure stops the start.
 */
export async function runStartupTasks(tasks: StartupTask[], mode: DatabaseConfig['mode']): Promise<void> {
  for (const task of tasks) {
    const started = performance.now()
    try {
      await task.run()
    } catch (error) {
      if (isPrimaryOutage(mode, error)) {
        log.warn('startup task skipped: primary unreachable', { task: task.name, error: String(error) })
        continue
      }
      throw error
    }
    log.info('startup task done', { task: task.name, ms: Math.round(performance.now() - started) })
  }
}

/**
 * A start-up task that syncs files into the database (content, the achievements catalogue) and
 * reports how it went (`report`). Broken files are the report's business and never stop the
 * server; nor does any other failure, which is logged as `failure`. Only an unreachable database
 * is runStartupTasks' call (skip on a replica, stop on a local file).
 */
export function syncStartupTask<R>(
  name: string,
  sync: () => Promise<R>,
  report: (result: R) => void,
  failure: { message: string; fields: Record<string, unknown> },
): StartupTask {
  return {
    name,
    run: async () => {
      let result: R
      try {
        result = await sync()
      } catch (error) {
        if (isConnectivityError(error)) throw error
        log.warn(failure.message, { ...failure.fields, error: errorMessage(error) })
        return
      }
      report(result)
    },
  }
}
