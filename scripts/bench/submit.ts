/**
 * npm run bench:submit — answering tasks through the whole app beside the floor, in one run:
 *  - HTTP: POST /api/tasks/submit to the production server (session cookie, JSON body) from
 *    1, 8 and 32 learners at once; throughput, p50 and p99, and the server's peak resident memory;
 *  - floor: the very SQL those submissions run (recorded statement by statement from the app's
 *    own submitAnswer on an identical copy of the database), replayed in-process straight
 *    through @libsql/client on one connection, as the app's local mode uses it.
 * Each level uses learners of its own, so every level starts from the same kind of state.
 */
import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { InStatement } from '@libsql/client'
import { AppServer } from '../lib/app-server'
import { benchDatabase, stats } from './lib'

const LEVELS = [1, 8, 32]
const SUBMISSIONS_PER_LEVEL = 320
const SESSION_SECRET = 'bench-submit-session-secret-0123456789abcdef'

type Op = { kind: 'execute'; stmt: InStatement } | { kind: 'batch'; stmts: InStatement[] }
interface Measured {
  perSecond: number
  ms: number[]
}

/** Runs `perWorker` jobs in each of `workers` concurrent loops; returns throughput and every job's latency. */
async function measure(workers: number, perWorker: number, job: (worker: number, i: number) => Promise<void>): Promise<Measured> {
  const ms: number[] = []
  const started = performance.now()
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < perWorker; i++) {
        const t = performance.now()
        await job(w, i)
        ms.push(performance.now() - t)
      }
    }),
  )
  return { perSecond: (ms.length / (performance.now() - started)) * 1000, ms }
}

const p99 = (ms: number[]) => [...ms].sort((a, b) => a - b)[Math.min(ms.length - 1, Math.floor(0.99 * ms.length))]!

async function main() {
  process.env.SESSION_SECRET = SESSION_SECRET
  const database = await benchDatabase('submit')
  const { ulid } = await import('ulid')
  const { createClient } = await import('@libsql/client')
  const { Mutex } = await import('async-mutex')
  const { prisma, databaseReady, disconnectDatabase } = await import('../../app/utils/db.server')
  const { syncContent } = await import('../../app/modules/content/content-sync.server')
  const { createSession } = await import('../../app/modules/accounts/session.server')
  const { submitAnswer } = await import('../../app/modules/learning/submission.server')
  let app: AppServer | undefined
  try {
    await syncContent()
    const tasks = await prisma.task.findMany({ where: { active: true, kind: 'numeric' }, select: { id: true, answer: true }, orderBy: { id: 'asc' } })
    const answerOf = (i: number) => ({ taskId: tasks[i % tasks.length]!.id, answer: String(tasks[i % tasks.length]!.answer) })
    const learners = new Map<number, Array<{ id: string; cookie: string }>>()
    for (const level of LEVELS) {
      const group = []
      for (let i = 0; i < level; i++) {
        const user = await prisma.user.create({ data: { email: `l${level}-${i}@example.com`, username: `l${level}_${i}` }, select: { id: true } })
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

    // Record every statement each submission sends to the database (reads through Prisma, the write batch).
    let tape: Op[] | null = null
    const execute = db.execute.bind(db)
    const batch = db.batch.bind(db)
    db.execute = (stmt: InStatement) => (tape?.push({ kind: 'execute', stmt }), execute(stmt))
    db.batch = (stmts: InStatement[], mode?: 'write' | 'read' | 'deferred') => (tape?.push({ kind: 'batch', stmts }), batch(stmts, mode))
    // One submission at a time, so that each tape holds one submission's statements only.
    const tapes = new Map<number, Op[][][]>()
    for (const level of LEVELS) {
      const perLearner = SUBMISSIONS_PER_LEVEL / level
      const levelTapes: Op[][][] = []
      for (const learner of learners.get(level)!) {
        const recorded: Op[][] = []
        for (let i = 0; i < perLearner; i++) {
          tape = []
          await submitAnswer({ userId: learner.id, ...answerOf(i), attemptId: ulid(), hintUsed: false })
          recorded.push(tape)
          tape = null
        }
        levelTapes.push(recorded)
      }
      tapes.set(level, levelTapes)
    }
    const statementsPerSubmission = [...tapes.values()].flat(2).reduce((n, ops) => n + ops.reduce((m, op) => m + (op.kind === 'batch' ? op.stmts.length : 1), 0), 0) / (SUBMISSIONS_PER_LEVEL * LEVELS.length)
    await disconnectDatabase()

    const floor = createClient({ url: `file:${floorFile}` })
    for (const pragma of ['PRAGMA journal_mode = WAL', 'PRAGMA synchronous = NORMAL', 'PRAGMA foreign_keys = ON']) await floor.execute(pragma)
    const lock = new Mutex()
    app = await AppServer.start({
      name: 'submit',
      env: { DATABASE_URL: `file:${httpFile}`, SESSION_SECRET, RUN_MIGRATIONS_ON_START: 'false', SYNC_TOPICS_ON_START: 'false', SLOW_QUERY_MS: '100000' },
    })
    const server = app
    const post = async (cookie: string, i: number) => {
      const response = await server.fetch('/api/tasks/submit', {
        method: 'POST',
        headers: { cookie, origin: server.url, 'content-type': 'application/json' },
        body: JSON.stringify({ ...answerOf(i), attemptId: ulid() }),
      })
      if (response.status !== 200) throw new Error(`submit answered ${response.status}: ${await response.text()}`)
      await response.arrayBuffer()
    }
    for (let i = 0; i < 20; i++) await post(learners.get(1)![0]!.cookie, 1000 + i) // warm-up (not measured)

    const rows: Array<{ level: number; http: Measured; floor: Measured }> = []
    for (const level of LEVELS) {
      const perLearner = SUBMISSIONS_PER_LEVEL / level
      const levelTapes = tapes.get(level)!
      const floorRun = await measure(level, perLearner, async (w, i) => {
        for (const op of levelTapes[w]![i]!) {
          await lock.runExclusive(async () => {
            if (op.kind === 'execute') await floor.execute(op.stmt)
            else await floor.batch(op.stmts, 'write')
          })
        }
      })
      const group = learners.get(level)!
      const httpRun = await measure(level, perLearner, (w, i) => post(group[w]!.cookie, i))
      rows.push({ level, http: httpRun, floor: floorRun })
    }
    const status = readFileSync(`/proc/${app.process.child.pid}/status`, 'utf8')
    const peakMiB = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN) / 1024
    floor.close()

    console.log(`\n${SUBMISSIONS_PER_LEVEL} submissions per level · ${tasks.length} numeric tasks · ${statementsPerSubmission.toFixed(1)} SQL statements per submission\n`)
    console.log('learners   HTTP /s   p50 ms   p99 ms │ floor /s   p50 ms   p99 ms │ HTTP ÷ floor')
    for (const { level, http, floor: f } of rows) {
      const cells = [http.perSecond.toFixed(0), stats(http.ms).p50.toFixed(1), p99(http.ms).toFixed(1), f.perSecond.toFixed(0), stats(f.ms).p50.toFixed(1), p99(f.ms).toFixed(1)]
      console.log(
        `${String(level).padStart(8)} ${cells[0]!.padStart(9)} ${cells[1]!.padStart(8)} ${cells[2]!.padStart(8)} │ ${cells[3]!.padStart(8)} ${cells[4]!.padStart(8)} ${cells[5]!.padStart(8)} │ ${((http.perSecond / f.perSecond) * 100).toFixed(0).padStart(8)} %`,
      )
    }
    console.log(`\nserver peak resident memory: ${peakMiB.toFixed(0)} MiB`)
    const at8 = rows.find((r) => r.level === 8)!
    const share = (at8.http.perSecond / at8.floor.perSecond) * 100
    console.log(`target at 8 learners: ≥ 20 % of the floor and p99 < 50 ms → ${share.toFixed(0)} %, p99 ${p99(at8.http.ms).toFixed(1)} ms`)
  } finally {
    await app?.stop()
    database.remove()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
