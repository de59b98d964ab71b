import { runQueuedJobs } from '~/modules/system/job-queue.server'
import type { ScheduledJob } from '~/modules/system/scheduled-jobs.server'
import { INGESTION_QUEUE, type IngestionJobOptions, ingestionJobHandler } from './ingestion.server'
import { checkDueUrls } from './monitored-urls.server'
import { scanWatchedFolders } from './watched-folders.server'

/**
 * Knowledge's scheduled jobs (run by system's scheduler, listed in app/modules/scheduled-jobs.server.ts):
 * the ingestion worker — not exclusive: every instance works the queue, and each job is claimed
 * by one of them alone (system/job-queue.server.ts); and the check of monitored URLs — exclusive,
 * one instance every 5 minutes (the shortest interval a URL may ask for is 15), since it fetches pages and starts their ingestion.
 */
export function runIngestionQueue(now = new Date(), options: IngestionJobOptions & { worker?: string } = {}) {
  return runQueuedJobs(
    { queue: INGESTION_QUEUE, handlers: [ingestionJobHandler(options)], worker: options.worker, limit: 10 },
    now,
  )
}

export const KNOWLEDGE_JOBS: readonly ScheduledJob[] = [
  { name: 'ingestion:work', everyMs: 10_000, exclusive: false, run: (now) => runIngestionQueue(now) },
  {
    name: 'monitored-urls:check',
    everyMs: 5 * 60_000,
    exclusive: true,
    run: async (now) => (await checkDueUrls(now)).checked,
  },
  // Exclusive: two instances scanning the same folder would both start the same file's ingestion.
  { name: 'watched-folders:scan', everyMs: 5 * 60_000, exclusive: true, run: (now) => scanWatchedFolders(now) },
]
