import { hasLocalDatabaseFile, runDailyBackup } from './backup-job.server'
import { EVERY_HOUR, type ScheduledJob } from './scheduled-jobs.server'

/** The system module's scheduled jobs (run by the scheduler, listed in app/modules/scheduled-jobs.server.ts). */
export const SYSTEM_JOBS: readonly ScheduledJob[] = [
  // Once a day across all instances: the replicas hold the same data, one snapshot is enough.
  {
    name: 'backup:daily',
    everyMs: 24 * EVERY_HOUR,
    exclusive: true,
    enabled: hasLocalDatabaseFile,
    run: runDailyBackup,
  },
]
