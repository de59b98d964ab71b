import { log } from '~/utils/log.server'
import { runIngestionQueue } from './jobs.server'

/**
 * The in-process kick of the ingestion worker: after an upload or a "Scan now" of a watched folder
 * the queue is worked at once instead of at the scheduler's next tick. A kick only runs the same
 * `runIngestionQueue` the scheduler runs, so each job is still claimed by one worker alone (the
 * guarded UPDATE of system/job-queue.server.ts); in this process kicks never overlap — a kick
 * while a run is going makes that run go round once more.
 *
 * Kicks are on only where the scheduler runs (app/modules/scheduled-jobs.server.ts switches them
 * on and off with it), so scripts and tests that do not start it never work the queue behind
 * their own back.
 */

// On globalThis, not in module variables — the process-wide mechanism db.server.ts (the database
// registry) and request-scope.server.ts use: the server (server/index.ts) switches kicks on from its
// own copy of the modules, while requests run in the Remix build's copy; both must see one state.
interface KickState {
  enabled: boolean
  running: Promise<void> | null
  again: boolean
}
const state: KickState = ((globalThis as { __questlogIngestionKicks?: KickState }).__questlogIngestionKicks ??= {
  enabled: false,
  running: null,
  again: false,
})

async function workUntilIdle(): Promise<void> {
  do {
    state.again = false
    try {
      await runIngestionQueue(new Date())
    } catch (error) {
      log.warn('ingestion kick failed', { error: String(error) })
    }
  } while (state.again && state.enabled)
}

/** Works the ingestion queue now, in the background (no-op while kicks are off). */
export function kickIngestionWorker(): void {
  if (!state.enabled) return
  if (state.running) {
    state.again = true
    return
  }
  state.running = workUntilIdle().finally(() => {
    state.running = null
  })
}

export function startIngestionKicks(): void {
  state.enabled = true
}

/** Switches kicks off and waits for a run in progress (before the database is closed). */
export async function stopIngestionKicks(): Promise<void> {
  state.enabled = false
  await state.running
}

/** Resolves once no kicked run is in progress (tests wait on it). */
export async function ingestionWorkerIdle(): Promise<void> {
  while (state.running) await state.running
}
