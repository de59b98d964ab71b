import { hostname } from 'node:os'
import { Prisma } from '~/generated/prisma/client'
import { prisma, toDbTimestamp } from '~/utils/db.server'
import { log } from '~/utils/log.server'
import { deleteInChunks } from './retention.server'

/**
 * A small in-process scheduler: every app instance ticks every 30 seconds and
 * runs the jobs whose period has begun. A job marked `exclusive` runs once per
 * period across all instances: each run is claimed by inserting a BackgroundJob
 * row whose dedupeKey names the job and the period (`cleanup:sessions:2026-01-02T03`);
 * the instance whose insert hits the unique key leaves the run to the one that made it.
 * A failed job is logged and retried in its next period; it never stops the server.
 *
 * The scheduler knows no job of its own (its clean-up, `deleteOldRuns`, is a retention policy): each module
 * exports its jobs (`CHALLENGE_JOBS` in challenges/jobs.server.ts, …) and the app's list is put
 * together in app/modules/scheduled-jobs.server.ts, which also runs it. So system depends on no module.
 */
const HOUR = 60 * 60 * 1000
/** The period of an hourly job (`everyMs`). */
export const EVERY_HOUR = HOUR
export const SCHEDULER_QUEUE = 'scheduled'
/** Finished run records are kept this long, for looking back at what ran where. */
const RUN_HISTORY_MS = 7 * 24 * HOUR

export interface ScheduledJob {
  /** also the prefix of the dedupe key */
  name: string
  everyMs: number
  /** once per period across all instances (claimed through BackgroundJob), rather than in each instance */
  exclusive: boolean
  enabled?: () => boolean
  /** returns how many rows it handled, for the log */
  run: (now: Date) => Promise<number>
}

export type JobOutcome = 'succeeded' | 'failed' | 'claimed-elsewhere'
export interface JobRun {
  name: string
  outcome: JobOutcome
  count?: number
}

/** The period's label in the dedupe key: the UTC hour for hourly (and longer) jobs, else the period's start to the second. */
export function periodLabel(everyMs: number, now: Date): string {
  const start = new Date(Math.floor(now.getTime() / everyMs) * everyMs).toISOString()
  return everyMs % HOUR === 0 ? start.slice(0, 13) : start.slice(0, 19)
}

export interface Scheduler {
  /** Runs what is due at `now`; tests call it directly instead of waiting for timers. */
  runDueJobs(now?: Date): Promise<JobRun[]>
  /** Starts the timers (the server does, once it is up); they never keep the process alive. */
  start(options?: { tickMs?: number; firstTickMs?: number }): void
  /** Stops the timers and waits for a run in progress, so the database can be closed after it. */
  stop(): Promise<void>
}

export function createScheduler(jobs: readonly ScheduledJob[], worker = `${hostname()}:${process.pid}`): Scheduler {
  // The period each job last started in, in this process: a tick within the same period does not touch the database.
  const lastPeriod = new Map<string, number>()

  async function runDueJobs(now = new Date()): Promise<JobRun[]> {
    const runs: JobRun[] = []
    for (const job of jobs) {
      if (job.enabled && !job.enabled()) continue
      const period = Math.floor(now.getTime() / job.everyMs)
      if (lastPeriod.get(job.name) === period) continue
      // Set before running: a failure waits for the next period rather than retrying every tick.
      lastPeriod.set(job.name, period)
      runs.push(job.exclusive ? await runClaimed(job, now, worker) : await runLocal(job, now))
    }
    return runs
  }

  let interval: NodeJS.Timeout | undefined
  let firstTick: NodeJS.Timeout | undefined
  let ticking: Promise<unknown> | undefined
  let ticked = false

  function tick() {
    if (ticking) return // the previous tick is still at work (a slow mail server): skip this one
    const first = !ticked
    ticked = true
    const began = performance.now()
    ticking = runDueJobs(new Date())
      .catch((error: unknown) => log.warn('scheduler tick failed', { error: String(error) }))
      .finally(() => {
        ticking = undefined
        // The first tick runs every job at once (and compiles their queries): worth seeing how long start-up took.
        if (first) log.info('scheduler first tick done', { ms: Math.round(performance.now() - began) })
      })
  }

  function start({ tickMs = 30_000, firstTickMs = 5_000 }: { tickMs?: number; firstTickMs?: number } = {}): void {
    if (interval) return
    interval = setInterval(tick, tickMs).unref()
    firstTick = setTimeout(tick, firstTickMs).unref()
  }

  async function stop(): Promise<void> {
    clearInterval(interval)
    clearTimeout(firstTick)
    interval = firstTick = undefined
    await ticking
  }

  return { runDueJobs, start, stop }
}

async function runLocal(job: ScheduledJob, now: Date): Promise<JobRun> {
  try {
    return done(job, await job.run(now))
  } catch (error) {
    log.warn('scheduled job failed', { job: job.name, error: String(error) })
    return { name: job.name, outcome: 'failed' }
  }
}

async function runClaimed(job: ScheduledJob, now: Date, worker: string): Promise<JobRun> {
  const label = periodLabel(job.everyMs, now)
  let claimId: string
  try {
    const claim = await prisma.backgroundJob.create({
      data: {
        queue: SCHEDULER_QUEUE,
        name: job.name,
        payload: { period: label },
        status: 'running',
        dedupeKey: `${job.name}:${label}`,
        runAt: now,
        attempts: 1,
        maxAttempts: 1,
        lockedAt: now,
        lockedBy: worker,
      },
      select: { id: true },
    })
    claimId = claim.id
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      return { name: job.name, outcome: 'claimed-elsewhere' }
    log.warn('scheduled job not started: could not claim it', { job: job.name, period: label, error: String(error) })
    return { name: job.name, outcome: 'failed' }
  }
  let run: JobRun
  let lastError: string | null = null
  try {
    run = done(job, await job.run(now))
  } catch (error) {
    lastError = String(error).slice(0, 1000)
    log.warn('scheduled job failed', { job: job.name, period: label, error: lastError })
    run = { name: job.name, outcome: 'failed' }
  }
  try {
    await prisma.backgroundJob.update({
      where: { id: claimId },
      data: {
        status: run.outcome === 'succeeded' ? 'succeeded' : 'failed',
        lastError,
        finishedAt: new Date(),
        lockedAt: null,
      },
      select: { id: true },
    })
  } catch (error) {
    log.warn('could not record the end of a scheduled job', { job: job.name, period: label, error: String(error) })
  }
  return run
}

function done(job: ScheduledJob, count: number): JobRun {
  if (count > 0) log.info('scheduled job done', { job: job.name, count })
  return { name: job.name, outcome: 'succeeded', count }
}

/** The scheduler's own records of finished runs, after a week (a retention policy, app/modules/retention-policies.server.ts). */
export function deleteOldRuns(now: Date): Promise<number> {
  const before = toDbTimestamp(new Date(now.getTime() - RUN_HISTORY_MS))
  return deleteInChunks((limit) => ({
    sql: `DELETE FROM "BackgroundJob" WHERE "id" IN (SELECT "id" FROM "BackgroundJob" WHERE "queue" = ? AND "status" IN ('succeeded', 'failed') AND "runAt" < ? LIMIT ${limit})`,
    args: [SCHEDULER_QUEUE, before],
  }))
}
