import { EVERY_HOUR, type ScheduledJob } from '~/modules/system/scheduled-jobs.server'
import { deleteExpiredSessions } from './session.server'
import { deleteExpiredVerifications } from './verification.server'

/** The accounts module's scheduled jobs (run by system's scheduler, listed in app/modules/scheduled-jobs.server.ts). */
export const ACCOUNTS_JOBS: readonly ScheduledJob[] = [
  { name: 'cleanup:sessions', everyMs: EVERY_HOUR, exclusive: true, run: deleteExpiredSessions },
  { name: 'cleanup:verifications', everyMs: EVERY_HOUR, exclusive: true, run: deleteExpiredVerifications },
]
