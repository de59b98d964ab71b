import { afterEach, describe, expect, it } from 'vitest'
import { createVerification } from '~/modules/accounts/verification.server'
import { prisma } from '~/utils/db.server'
import { setLogSink } from '~/utils/log.server'
import { createUser } from '#tests/support/accounts'
import { SCHEDULED_JOBS, runDueJobs, startScheduler, stopScheduler } from '~/modules/scheduled-jobs.server'
import { createScheduler as createSchedulerOf, periodLabel } from './scheduled-jobs.server'

const HOUR = 60 * 60 * 1000
/** A scheduler of the app's jobs, as another instance would run it (the jobs every module registers, app/modules/scheduled-jobs.server.ts). */
const createScheduler = (jobs = SCHEDULED_JOBS) => createSchedulerOf(jobs)
const DAY = 24 * HOUR
/**
 * One minute into the hour `n` hours from now: each test runs in its own hour, so the dedupe keys never
 * collide, and "later in the same hour" stays in it. The current hour (n = 0) is left to the timer test.
 */
const inHour = (n: number) => new Date((Math.floor(Date.now() / HOUR) + n) * HOUR + 60_000)

async function session(userId: string, expiresInMs: number) {
  const { id } = await prisma.session.create({
    data: { userId, tokenHash: `hash-${Math.random()}`, expirationDate: new Date(Date.now() + expiresInMs) },
    select: { id: true },
  })
  return id
}
const sessionExists = async (id: string) => (await prisma.session.count({ where: { id } })) === 1

const runsOf = (name: string) =>
  prisma.backgroundJob.findMany({
    where: { queue: 'scheduled', name },
    select: { dedupeKey: true, status: true, lastError: true, lockedBy: true, finishedAt: true },
  })

afterEach(() => setLogSink(null))

describe('scheduled jobs', () => {
  it("are every module's, each under its own name (the prefix of its dedupe key)", () => {
    const names = SCHEDULED_JOBS.map((job) => job.name)
    expect(new Set(names).size).toBe(names.length)
    expect(names).toEqual(
      expect.arrayContaining([
        'cleanup:sessions',
        'cleanup:verifications',
        'cleanup:emails',
        'email:deliver',
        'billing:refresh-plans',
        'cleanup:scheduled-runs',
        'retention:behavior-log',
        'retention:quest-analytics',
        'retention:notifications',
        'retention:ai-suggestions',
        'backup:daily',
        'challenges:finalize',
        'achievements:challenge-ranks',
        'leagues:finalize',
      ]),
    )
  })

  it('label their period by the UTC hour (hourly) or the second the period began', () => {
    expect(periodLabel(HOUR, new Date('2026-03-04T05:59:59.999Z'))).toBe('2026-03-04T05')
    expect(periodLabel(30_000, new Date('2026-03-04T05:06:47Z'))).toBe('2026-03-04T05:06:30')
  })

  it('delete expired sessions, expired or used links and old e-mails, and keep what is live', async () => {
    const user = await createUser()
    const expired = await session(user.id, -1000)
    const live = await session(user.id, DAY)

    await createVerification('email_verify', 'expired@example.com', user.id)
    await prisma.verification.updateMany({
      where: { target: 'expired@example.com' },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    await createVerification('password_reset', 'used@example.com', user.id)
    await prisma.verification.updateMany({ where: { target: 'used@example.com' }, data: { consumedAt: new Date() } })
    await createVerification('email_verify', 'live@example.com', user.id)

    const mail = (status: 'sent' | 'queued', ageMs: number) =>
      prisma.outboundEmail.create({
        data: { to: 'x@example.com', subject: 's', text: 't', status, createdAt: new Date(Date.now() - ageMs) },
        select: { id: true },
      })
    const oldSent = await mail('sent', 2 * DAY)
    const recentSent = await mail('sent', HOUR)
    const recentQueued = await mail('queued', 2 * DAY)

    const now = inHour(1)
    const runs = await createScheduler().runDueJobs(now)
    expect(runs).toEqual(
      expect.arrayContaining([
        { name: 'cleanup:sessions', outcome: 'succeeded', count: 1 },
        { name: 'cleanup:verifications', outcome: 'succeeded', count: 2 },
        { name: 'cleanup:emails', outcome: 'succeeded', count: 1 },
      ]),
    )
    expect(await sessionExists(expired)).toBe(false)
    expect(await sessionExists(live)).toBe(true)
    expect((await prisma.verification.findMany({ select: { target: true } })).map((v) => v.target)).toEqual([
      'live@example.com',
    ])
    const left = (await prisma.outboundEmail.findMany({ select: { id: true } })).map((e) => e.id)
    expect(left).not.toContain(oldSent.id)
    expect(left).toEqual(expect.arrayContaining([recentSent.id, recentQueued.id]))

    expect(await runsOf('cleanup:sessions')).toEqual([
      {
        dedupeKey: `cleanup:sessions:${periodLabel(HOUR, now)}`,
        status: 'succeeded',
        lastError: null,
        lockedBy: expect.stringContaining(':'),
        finishedAt: expect.any(Date),
      },
    ])
  })

  it('run an hourly job once an hour, across instances too (the dedupe row), and again the next hour', async () => {
    const user = await createUser()
    const scheduler = createScheduler()
    const now = inHour(2)
    await scheduler.runDueJobs(now)

    const expired = await session(user.id, -1000)
    // The same instance, later in the same hour: nothing is due.
    // Jobs with a shorter period (the ingestion worker's queue) are due again by then: only the hourly ones are asked about.
    const hourlyNames = new Set(SCHEDULED_JOBS.filter((job) => job.everyMs === HOUR).map((job) => job.name))
    const hourly = <T extends { name: string }>(runs: T[]) => runs.filter((run) => hourlyNames.has(run.name))
    expect(hourly(await scheduler.runDueJobs(new Date(now.getTime() + 10 * 60_000)))).toEqual([])
    // Another instance in the same hour: the run is claimed already.
    const other = await createScheduler().runDueJobs(now)
    expect(other).toContainEqual({ name: 'cleanup:sessions', outcome: 'claimed-elsewhere' })
    expect(hourly(other).every((run) => run.outcome === 'claimed-elsewhere')).toBe(true)
    expect(await sessionExists(expired)).toBe(true)
    expect(
      await prisma.backgroundJob.count({ where: { dedupeKey: `cleanup:sessions:${periodLabel(HOUR, now)}` } }),
    ).toBe(1)

    // The next hour: it runs again.
    const next = new Date(now.getTime() + HOUR)
    expect(await scheduler.runDueJobs(next)).toContainEqual({
      name: 'cleanup:sessions',
      outcome: 'succeeded',
      count: 1,
    })
    expect(await sessionExists(expired)).toBe(false)
  })

  it('log a failing job, record it, never throw, and still run the others', async () => {
    const warnings: string[] = []
    setLogSink((level, line) => {
      if (level === 'warn') warnings.push(line)
    })
    const ran: string[] = []
    const scheduler = createScheduler([
      {
        name: 'test:broken',
        everyMs: HOUR,
        exclusive: true,
        run: () => Promise.reject(new Error('disk on fire')),
      },
      {
        name: 'test:local-broken',
        everyMs: 30_000,
        exclusive: false,
        run: () => Promise.reject(new Error('smtp down')),
      },
      { name: 'test:fine', everyMs: HOUR, exclusive: true, run: async () => (ran.push('fine'), 0) },
    ])
    const now = inHour(5)
    const runs = await scheduler.runDueJobs(now)
    expect(runs).toEqual([
      { name: 'test:broken', outcome: 'failed' },
      { name: 'test:local-broken', outcome: 'failed' },
      { name: 'test:fine', outcome: 'succeeded', count: 0 },
    ])
    expect(ran).toEqual(['fine'])
    expect(await runsOf('test:broken')).toEqual([
      {
        dedupeKey: `test:broken:${periodLabel(HOUR, now)}`,
        status: 'failed',
        lastError: 'Error: disk on fire',
        lockedBy: expect.any(String),
        finishedAt: expect.any(Date),
      },
    ])
    expect(await runsOf('test:local-broken')).toEqual([])
    expect(warnings.join('\n')).toContain('disk on fire')
    expect(warnings.join('\n')).toContain('smtp down')
  })

  it('skip e-mail delivery without SMTP_URL', async () => {
    expect(SCHEDULED_JOBS.find((job) => job.name === 'email:deliver')?.enabled?.()).toBe(false)
    const runs = await createScheduler().runDueJobs(inHour(7))
    expect(runs.map((run) => run.name)).not.toContain('email:deliver')
  })

  it('delete their own run records after a week', async () => {
    const scheduler = createScheduler()
    await scheduler.runDueJobs(inHour(9))
    const before = await prisma.backgroundJob.count({ where: { queue: 'scheduled' } })
    expect(before).toBeGreaterThan(0)
    await prisma.backgroundJob.create({
      data: {
        queue: 'default',
        name: 'other.job',
        payload: {},
        runAt: new Date(Date.now() - 30 * DAY),
        status: 'succeeded',
      },
      select: { id: true },
    })
    const runs = await createScheduler().runDueJobs(inHour(9 + 8 * 24))
    expect(runs).toContainEqual({ name: 'cleanup:scheduled-runs', outcome: 'succeeded', count: before })
    // Other queues' jobs are not the scheduler's to delete.
    expect(await prisma.backgroundJob.count({ where: { queue: 'default' } })).toBe(1)
  })

  it('log the end of the first tick once, not of the later ones', async () => {
    const firstTickLines: string[] = []
    setLogSink((level, line) => {
      if (level === 'info' && line.includes('scheduler first tick done')) firstTickLines.push(line)
    })
    let ticks = 0
    // due on every tick: each tick is a new period of 1 ms
    const scheduler = createScheduler([
      { name: 'test:every-tick', everyMs: 1, exclusive: false, run: async () => (ticks++, 0) },
    ])
    scheduler.start({ tickMs: 5, firstTickMs: 0 })
    await expect.poll(() => ticks, { timeout: 5000 }).toBeGreaterThanOrEqual(3)
    await scheduler.stop()
    expect(firstTickLines).toHaveLength(1)
    expect(JSON.parse(firstTickLines[0]!)).toMatchObject({ msg: 'scheduler first tick done', ms: expect.any(Number) })
  })

  it('run on timers once started, and stop cleanly', async () => {
    const now = new Date()
    const key = `cleanup:sessions:${periodLabel(HOUR, now)}`
    expect(await prisma.backgroundJob.count({ where: { dedupeKey: key } })).toBe(0)
    startScheduler({ tickMs: 20, firstTickMs: 0 })
    await expect
      .poll(() => prisma.backgroundJob.count({ where: { dedupeKey: key, status: { in: ['succeeded', 'failed'] } } }), {
        timeout: 5000,
      })
      .toBe(1)
    await stopScheduler()
    // runDueJobs is the same scheduler: nothing more is due this hour.
    const again = await runDueJobs(now)
    expect(again).toEqual([])
  })
})
