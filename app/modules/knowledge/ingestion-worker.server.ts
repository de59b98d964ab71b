import { log } from '~/utils/log.server'
import { runIngestionQueue } from './jobs.server'

/**
 * The in-process kick of the ingestion worker: after an upload (or a changed monitored URL) the
 * queue is worked at once instead of at the scheduler's next tick. A kick only runs the same
 * `runIngestionQueue` the scheduler runs, so each job is still claimed by one worker alone (the
 * guarded UPDATE of system/job-queue.server.ts); in this process kicks never overlap — a kick
 * while a run is going makes that run go round once more.
 *
 * Kicks are on only where the scheduler runs (app/modules/scheduled-jobs.server.ts switches them
 * on and off with it), so scripts and tests that do not start it never work the queue behind
 * their own back.
 */

let enabled = false
let running: Promise<void> | null = null
let again = false

async function workUntilIdle(): Promise<void> {
  do {
    again = false
    try {
      await runIngestionQueue(new Date())
    } catch (error) {
      log.warn('ingestion kick failed', { error: String(error) })
    }
  } while (again && enabled)
}

/** Works the ingestion queue now, in the background (no-op while kicks are off). */
export function kickIngestionWorker(): void {
  if (!enabled) return
  if (running) {
    again = true
    return
  }
  running = workUntilIdle().finally(() => {
    running = null
  })
}

export function startIngestionKicks(): void {
  enabled = true
}

/** Switches kicks off and waits for a run in progress (before the database is closed). */
export async function stopIngestionKicks(): Promise<void> {
  enabled = false
  await running
}

/** Resolves once no kicked run is in progress (tests wait on it). */
export async function ingestionWorkerIdle(): Promise<void> {
  while (running) await running
}
