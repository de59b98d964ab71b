/**
 * npm run bench:submit — answering tasks through the whole app beside the floor, in one run:
 *  - HTTP: POST /api/tasks/submit to the production server (session cookie, JSON body) from
 *    1, 8 and 32 learners at once; throughput, p50 and p99, and the server's peak resident memory;
 *  - floor: the very SQL those submissions run (recorded statement by statement from the app's
 *    own submitAnswer on an identical copy of the database), replayed in-process straight
 *    through @libsql/client on one connection, as the app's local mode uses it.
 * Each level uses learners of its own, so every level starts from the same kind of state.
 *
 * BENCH_BEFORE=<git revision> also builds that revision in a temporary worktree and measures its
 * server over HTTP on an identical copy of the database, before this checkout's, in the same run:
 * the cost of what changed since (e.g. the behaviour log and achievement evaluation of issue 12).
 * This process prepares and records; both measurements run in lean processes of their own
 * (submit-load.ts), one after the other.
 */
import { execFile } from 'node:child_process'
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { InStatement } from '@libsql/client'
import { AppServer } from '../lib/app-server'
import { type BuiltRevision, buildRevision } from './revision'
import { benchDatabase, stats } from './lib'
import type { LoadJob, Measured, Op } from './submit-load'

const LEVELS = [1, 8, 32]
const SUBMISSIONS_PER_LEVEL = 640
const SESSION_SECRET = 'bench-submit-session-secret-0123456789abcdef'
const SCHEDULER_FIRST_RUN_DONE_MS = 7_000

/** Runs a measuring job in its own process (submit-load.ts). */
async function runLoad(dir: string, job: LoadJob): Promise<Measured[]> {
  const file = join(dir, `${job.kind}-job.json`)
  // Recorded arguments can be BigInt (integers read back from the database): replayed as numbers.
  writeFileSync(
    file,
    JSON.stringify(job, (_key, value: unknown) => (typeof value === 'bigint' ? Number(value) : value)),
  )
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/bench/submit-load.ts', file],
    { maxBuffer: 64 * 1024 * 1024 },
  )
  return JSON.parse(stdout) as Measured[]
}

const p99 = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.floor(0.99 * ms.length))]!

async function main() {
  process.env.SESSION_SECRET = SESSION_SECRET
  const database = await benchDatabase('submit')
  const { ulid } = await import('ulid')
  const { prisma, databaseReady, disconnectDatabase } = await import('../../app/utils/db.server')
  const { syncContent } = await import('../../app/modules/content/content-sync.server')
  const { syncAchievementCatalogue } = await import('../../app/modules/achievements/catalogue-sync.server')
  const { createSession } = await import('../../app/modules/accounts/session.server')
  const { answerWithProgress } = await import('../../app/modules/progress-events.server')
  let app: AppServer | undefined
  let before: BuiltRevision | undefined
  try {
    const beforeRev = process.env.BENCH_BEFORE
    if (beforeRev) before = await buildRevision(beforeRev, database.dir)
    await syncContent()
    await syncAchievementCatalogue() // every answer evaluates the real catalogue
    const tasks = await prisma.task.findMany({
      where: { active: true, kind: 'numeric' },
      select: { id: true, answer: true },
      orderBy: { id: 'asc' },
    })
    const answers = tasks.map((t) => ({ taskId: t.id, answer: String(t.answer) }))
    const answerOf = (i: number) => answers[i % answers.length]!
    const learners = new Map<number, Array<{ id: string; cookie: string }>>()
    for (const level of LEVELS) {
      const group = []
      for (let i = 0; i < level; i++) {
        const user = await prisma.user.create({
          data: { email: `l${level}-${i}@example.com`, username: `l${level}_${i}` },
          select: { id: true },
        })
        const { setCookie } = await createSession(user.id, { ip: '127.0.0.1', userAgent: 'bench' })
        group.push({ id: user.id, cookie: setCookie.split(';')[0]! })
      }
      learners.set(level, group)
    }

    // Three identical starting points: this process records on the original, the floor and the server get copies.
    const db = await databaseReady()
    await db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    const floorFile = join(database.dir, 'floor.db')
    const httpFile = join(database.dir, 'http.db')
    copyFileSync(database.file, floorFile)
    copyFileSync(database.file, httpFile)
    const beforeFile = join(database.dir, 'before.db')
    if (before) copyFileSync(database.file, beforeFile)

    // Record every statement each submission sends to the database (reads through Prisma, the write batch).
    let tape: Op[] | null = null
    const execute = db.execute.bind(db)
    const batch = db.batch.bind(db)
    db.execute = (stmt: InStatement) => (tape?.push({ kind: 'execute', stmt }), execute(stmt))
    db.batch = (stmts: InStatement[], mode?: 'write' | 'read' | 'deferred') => (
      tape?.push({ kind: 'batch', stmts }),
      batch(stmts, mode)
    )
    // One submission at a time, so that each tape holds one submission's statements only.
    const tapes = new Map<number, Op[][][]>()
    for (const level of LEVELS) {
      const perLearner = SUBMISSIONS_PER_LEVEL / level + 1 // and one to warm up
      const levelTapes: Op[][][] = []
      for (const learner of learners.get(level)!) {
        const recorded: Op[][] = []
        for (let i = 0; i < perLearner; i++) {
          tape = []
          await answerWithProgress(learner.id, { ...answerOf(i), attemptId: ulid(), hintUsed: false })
          recorded.push(tape)
          tape = null
        }
        levelTapes.push(recorded)
      }
      tapes.set(level, levelTapes)
    }
    const recorded = [...tapes.values()].flat(2)
    const statementsPerSubmission =
      recorded.reduce((n, ops) => n + ops.reduce((m, op) => m + (op.kind === 'batch' ? op.stmts.length : 1), 0), 0) /
      recorded.length
    await disconnectDatabase()

    const floorRuns = await runLoad(database.dir, {
      kind: 'floor',
      file: floorFile,
      levels: LEVELS.map((level) => ({ level, perLearner: SUBMISSIONS_PER_LEVEL / level, tapes: tapes.get(level)! })),
    })
    tapes.clear()
    const httpJob = {
      kind: 'http' as const,
      answers,
      levels: LEVELS.map((level) => ({
        level,
        perLearner: SUBMISSIONS_PER_LEVEL / level,
        cookies: learners.get(level)!.map((l) => l.cookie),
      })),
    }
    /** Starts a server (this checkout's, or another revision's build in `cwd`) and measures it over HTTP. */
    async function measureServer(file: string, cwd?: string): Promise<{ runs: Measured[]; peakMiB: number }> {
      const bootedAt = Date.now()
      app = await AppServer.start({
        name: 'submit',
        cwd,
        env: {
          DATABASE_URL: `file:${file}`,
          SESSION_SECRET,
          RUN_MIGRATIONS_ON_START: 'false',
          SYNC_TOPICS_ON_START: 'false',
          SLOW_QUERY_MS: '100000',
        },
      })
      // Warm-up (not measured): the server's first answers compile its code paths.
      for (let i = 0; i < 20; i++) {
        const response = await app.fetch('/api/tasks/submit', {
          method: 'POST',
          headers: { cookie: learners.get(1)![0]!.cookie, origin: app.url, 'content-type': 'application/json' },
          body: JSON.stringify({ ...answerOf(1000 + i), attemptId: ulid() }),
        })
        if (response.status !== 200) throw new Error(`submit answered ${response.status}: ${await response.text()}`)
      }
      // The scheduler's first run, 5 s after boot (scheduled-jobs.server.ts), compiles the jobs'
      // queries and holds the event loop for ~150–250 ms: boot-time work, not answering.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, SCHEDULER_FIRST_RUN_DONE_MS - (Date.now() - bootedAt))),
      )
      const runs = await runLoad(database.dir, { ...httpJob, url: app.url })
      const status = readFileSync(`/proc/${app.process.child.pid}/status`, 'utf8')
      await app.stop()
      app = undefined
      return { runs, peakMiB: Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024 }
    }
    const beforeRuns = before ? await measureServer(beforeFile, before.dir) : null
    const httpRuns = await measureServer(httpFile)

    const rows = LEVELS.map((level, i) => ({ level, http: httpRuns.runs[i]!, floor: floorRuns[i]! }))

    console.log(
      `\n${SUBMISSIONS_PER_LEVEL} submissions per level · ${tasks.length} numeric tasks · ${statementsPerSubmission.toFixed(1)} SQL statements per submission\n`,
    )
    console.log('learners   HTTP /s   p50 ms   p99 ms │ floor /s   p50 ms   p99 ms │ HTTP ÷ floor')
    for (const { level, http, floor: f } of rows) {
      const cells = [
        http.perSecond.toFixed(0),
        stats(http.ms).p50.toFixed(1),
        p99(http.ms).toFixed(1),
        f.perSecond.toFixed(0),
        stats(f.ms).p50.toFixed(1),
        p99(f.ms).toFixed(1),
      ]
      console.log(
        `${String(level).padStart(8)} ${cells[0]!.padStart(9)} ${cells[1]!.padStart(8)} ${cells[2]!.padStart(8)} │ ${cells[3]!.padStart(8)} ${cells[4]!.padStart(8)} ${cells[5]!.padStart(8)} │ ${((http.perSecond / f.perSecond) * 100).toFixed(0).padStart(8)} %`,
      )
    }
    console.log(`\nserver peak resident memory: ${httpRuns.peakMiB.toFixed(0)} MiB`)
    const at8 = rows.find((r) => r.level === 8)!
    const share = (at8.http.perSecond / at8.floor.perSecond) * 100
    console.log(
      `target at 8 learners: ≥ 20 % of the floor and p99 < 50 ms → ${share.toFixed(0)} %, p99 ${p99(at8.http.ms).toFixed(1)} ms`,
    )
    if (before && beforeRuns) {
      console.log(`\nbefore (${before.rev}) and now, over HTTP in this run:`)
      console.log('learners  before /s   p99 ms │ now /s   p99 ms │ now ÷ before /s   p99')
      LEVELS.forEach((level, i) => {
        const [b, n] = [beforeRuns.runs[i]!, httpRuns.runs[i]!]
        console.log(
          `${String(level).padStart(8)} ${b.perSecond.toFixed(0).padStart(9)} ${p99(b.ms).toFixed(1).padStart(8)} │ ${n.perSecond.toFixed(0).padStart(6)} ${p99(n.ms).toFixed(1).padStart(8)} │ ${((n.perSecond / b.perSecond) * 100).toFixed(0).padStart(13)} % ${((p99(n.ms) / p99(b.ms)) * 100).toFixed(0).padStart(5)} %`,
        )
      })
    }
  } finally {
    await app?.stop()
    before?.remove()
    database.remove()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
