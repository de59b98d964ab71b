import { ACHIEVEMENT_JOBS } from './achievements/jobs.server'
import { CHALLENGE_JOBS } from './challenges/jobs.server'
import { LEAGUE_JOBS } from './challenges/league-jobs.server'
import { refreshLapsedAccess } from './billing/subscriptions.server'
import { teamSeatLimitStatement } from './teams/statements.server'
import { startIngestionKicks, stopIngestionKicks } from './knowledge/ingestion-worker.server'
import { KNOWLEDGE_JOBS } from './knowledge/jobs.server'
import { LEARNING_JOBS } from './learning/jobs.server'
import { setNuggetWriter } from './knowledge/nugget-proposals.server'
import { NOTIFICATIONS_JOBS } from './notifications/jobs.server'
import { RETENTION_JOBS } from './retention-policies.server'
import { TUTOR_JOBS } from './tutor/jobs.server'
import { configuredNuggetWriter } from './tutor/nugget-writer.server'
import { SYSTEM_JOBS } from './system/jobs.server'
import { EVERY_HOUR, type ScheduledJob, createScheduler } from './system/scheduled-jobs.server'

/**
 * Every module's scheduled jobs, in the order a tick runs them, and the scheduler of this
 * process that runs them (system's, app/modules/system/scheduled-jobs.server.ts). Like the
 * start-up tasks of server/startup.ts, the list lives outside the modules: the scheduler knows
 * no module, and each module exports its own jobs (`CHALLENGE_JOBS` in challenges/jobs.server.ts, …).
 * No module imports this file; the server starts and stops the scheduler (server/index.ts).
 * A new module with a job adds its list here.
 */
export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  // Every clean-up of old rows: one table of policies (retention-policies.server.ts).
  ...RETENTION_JOBS,
  ...NOTIFICATIONS_JOBS,
  // Cancelled subscriptions stop granting access when their period ends, with or without a webhook then.
  {
    name: 'billing:refresh-plans',
    everyMs: EVERY_HOUR,
    exclusive: true,
    run: (now) => refreshLapsedAccess(teamSeatLimitStatement, now),
  },
  // reminders before the e-mail pass of the next tick picks them up
  ...LEARNING_JOBS,
  ...CHALLENGE_JOBS,
  // after the finalisation: final ranks can unlock achievements
  ...ACHIEVEMENT_JOBS,
  ...LEAGUE_JOBS,
  ...KNOWLEDGE_JOBS,
  ...TUTOR_JOBS,
  ...SYSTEM_JOBS,
]

const scheduler = createScheduler(SCHEDULED_JOBS)

/** Runs what is due at `now` in this process's scheduler; tests call it directly instead of waiting for timers. */
export const runDueJobs = (now = new Date()) => scheduler.runDueJobs(now)

/**
 * Started by the server once it is up; the timers never keep the process alive. Where the
 * scheduler runs, an upload also kicks the ingestion worker at once (knowledge/ingestion-worker.server.ts).
 */
export const startScheduler = (options?: { tickMs?: number; firstTickMs?: number }) => {
  scheduler.start(options)
  // Ingestion proposes nuggets with the content model when one is configured (tutor owns the chat client).
  setNuggetWriter(configuredNuggetWriter)
  startIngestionKicks()
}

/** Stops the timers and the kicks and waits for a run in progress, so the database can be closed after it. */
export const stopScheduler = async () => {
  await Promise.all([scheduler.stop(), stopIngestionKicks()])
}
