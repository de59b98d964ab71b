import { hostname } from 'node:os'
import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { log } from '~/utils/log.server'

/**
 * The durable job queue on the BackgroundJob table (the scheduler's exclusive runs use the same
 * table, queue "scheduled"). A module enqueues a job with a handler name and a JSON payload; a
 * worker of any instance claims it with a guarded UPDATE — the row changes only while it still
 * looks the way the worker read it (status, attempts, lock) — so one job runs on one instance.
 * A worker that dies leaves its job `running` with a lock that no longer moves; once the lock is
 * older than `staleAfterMs` any worker claims it again, and the handler runs once more from the
 * start (handlers are written to be re-run: they read their state and redo or skip each step).
 * A handler that runs long calls `heartbeat()` so its lock stays fresh.
 *
 * The system module knows no handler: each module hands its own to `runQueuedJobs` from its
 * jobs.server.ts (knowledge's ingestion worker, for instance).
 */

export interface QueuedJobContext {
  jobId: string
  /** 1 for the first run, 2 after one failure or a restart, … */
  attempt: number
  maxAttempts: number
  /**
   * Moves the lock forward; call it between steps of a long job. False when this worker no longer
   * holds the job (it was taken over after its lock went stale): stop without writing anything.
   */
  heartbeat(): Promise<boolean>
}

export interface QueuedJobHandler {
  /** BackgroundJob.name */
  name: string
  run(payload: unknown, context: QueuedJobContext): Promise<void>
  /** Called once when the job is given up (its last attempt failed, or its last attempt died). */
  onGiveUp?(payload: unknown, error: string): Promise<void>
}

export interface EnqueueJob {
  queue: string
  name: string
  payload: Prisma.InputJsonValue
  /** a second job with the same key is not added (the first one's id is returned) */
  dedupeKey?: string
  maxAttempts?: number
  runAt?: Date
}

/** Adds a job (idempotent with a dedupeKey). */
export async function enqueueJob(job: EnqueueJob): Promise<{ id: string; created: boolean }> {
  try {
    const row = await prisma.backgroundJob.create({
      data: {
        queue: job.queue,
        name: job.name,
        payload: job.payload,
        dedupeKey: job.dedupeKey ?? null,
        maxAttempts: job.maxAttempts ?? 3,
        runAt: job.runAt ?? new Date(),
      },
      select: { id: true },
    })
    return { id: row.id, created: true }
  } catch (error) {
    if (job.dedupeKey && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const existing = await prisma.backgroundJob.findUniqueOrThrow({
        where: { dedupeKey: job.dedupeKey },
        select: { id: true },
      })
      return { id: existing.id, created: false }
    }
    throw error
  }
}

export const DEFAULT_STALE_AFTER_MS = 5 * 60 * 1000
/** Pause before the next attempt after a failure: attempt 1 → 30 s, 2 → 2 min, then 10 min. */
const RETRY_DELAYS_MS = [30_000, 120_000, 600_000]

export interface WorkerOptions {
  queue: string
  handlers: readonly QueuedJobHandler[]
  /** host:pid by default */
  worker?: string
  staleAfterMs?: number
  /** at most this many jobs in one call */
  limit?: number
}

interface Candidate {
  id: string
  name: string
  payload: unknown
  status: 'queued' | 'running'
  attempts: number
  maxAttempts: number
  lockedAt: Date | null
}

/**
 * Claims one job of the queue that is due (queued, runAt passed) or abandoned (running, lock
 * stale) and that one of `names` handles. Null when there is none or another worker won it.
 */
export async function claimNextJob(
  queue: string,
  names: readonly string[],
  worker: string,
  now: Date,
  staleAfterMs = DEFAULT_STALE_AFTER_MS,
): Promise<Candidate | null> {
  const stale = new Date(now.getTime() - staleAfterMs)
  const candidates = await prisma.backgroundJob.findMany({
    where: {
      queue,
      name: { in: [...names] },
      OR: [
        { status: 'queued', runAt: { lte: now } },
        { status: 'running', lockedAt: { lt: stale } },
      ],
    },
    orderBy: [{ runAt: 'asc' }, { id: 'asc' }],
    take: 10,
    select: { id: true, name: true, payload: true, status: true, attempts: true, maxAttempts: true, lockedAt: true },
  })
  for (const candidate of candidates) {
    if (candidate.status !== 'queued' && candidate.status !== 'running') continue
    // The guard: the row must still be as read. Two workers racing for it both run this UPDATE;
    // SQLite serialises them, and the second one matches no row (attempts and lock have moved).
    const claimed = await prisma.backgroundJob.updateMany({
      where: { id: candidate.id, status: candidate.status, attempts: candidate.attempts, lockedAt: candidate.lockedAt },
      data: { status: 'running', attempts: { increment: 1 }, lockedAt: now, lockedBy: worker },
    })
    if (claimed.count === 1)
      return { ...candidate, status: candidate.status, attempts: candidate.attempts + 1, lockedAt: now }
  }
  return null
}

/**
 * Runs the due jobs of one queue, one after another, until none is left or `limit` ran.
 * Returns how many ran (succeeded or failed). Never throws for a job's failure.
 */
export async function runQueuedJobs(options: WorkerOptions, now = new Date()): Promise<number> {
  const worker = options.worker ?? `${hostname()}:${process.pid}`
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS
  const handlers = new Map(options.handlers.map((handler) => [handler.name, handler]))
  const limit = options.limit ?? 20
  let ran = 0
  while (ran < limit) {
    const job = await claimNextJob(options.queue, [...handlers.keys()], worker, now, staleAfterMs)
    if (!job) break
    ran++
    await runClaimedJob(job, handlers.get(job.name)!, worker, now)
  }
  return ran
}

async function runClaimedJob(job: Candidate, handler: QueuedJobHandler, worker: string, now: Date): Promise<void> {
  const mine = { id: job.id, lockedBy: worker, status: 'running' as const }
  // A job whose earlier attempts all died (none recorded a failure) is given up like a failed one.
  if (job.attempts > job.maxAttempts) {
    await finish(job, handler, worker, 'failed', `given up after ${job.maxAttempts} attempts that did not finish`)
    return
  }
  const context: QueuedJobContext = {
    jobId: job.id,
    attempt: job.attempts,
    maxAttempts: job.maxAttempts,
    heartbeat: async () => {
      const { count } = await prisma.backgroundJob.updateMany({ where: mine, data: { lockedAt: new Date() } })
      return count === 1
    },
  }
  try {
    await handler.run(job.payload, context)
  } catch (error) {
    const message = String(error instanceof Error ? error.message : error).slice(0, 1000)
    log.warn('background job failed', { job: job.name, jobId: job.id, attempt: job.attempts, error: message })
    if (job.attempts >= job.maxAttempts) {
      await finish(job, handler, worker, 'failed', message)
    } else {
      const delay = RETRY_DELAYS_MS[Math.min(job.attempts - 1, RETRY_DELAYS_MS.length - 1)]!
      await prisma.backgroundJob.updateMany({
        where: mine,
        data: {
          status: 'queued',
          lockedAt: null,
          lockedBy: null,
          lastError: message,
          runAt: new Date(Math.max(now.getTime(), Date.now()) + delay),
        },
      })
    }
    return
  }
  await finish(job, handler, worker, 'succeeded', null)
}

async function finish(
  job: Candidate,
  handler: QueuedJobHandler,
  worker: string,
  status: 'succeeded' | 'failed',
  lastError: string | null,
): Promise<void> {
  const updated = await prisma.backgroundJob.updateMany({
    where: { id: job.id, lockedBy: worker, status: 'running' },
    data: { status, lastError, finishedAt: new Date(), lockedAt: null },
  })
  if (updated.count === 0) {
    log.warn('background job was taken over before it finished', { job: job.name, jobId: job.id })
    return
  }
  if (status === 'failed' && handler.onGiveUp) {
    try {
      await handler.onGiveUp(job.payload, lastError ?? 'failed')
    } catch (error) {
      log.warn('background job give-up handler failed', { job: job.name, jobId: job.id, error: String(error) })
    }
  }
}
