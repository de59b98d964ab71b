/**
 * The measuring side of `npm run bench:submit`, run in a process of its own that holds
 * nothing but its job. A benchmark process that also holds the recorded SQL and the app's
 * modules pauses for garbage collection long and often enough (10–35 ms twice a second,
 * measured) to show up in the very latencies it measures.
 *
 *   tsx scripts/bench/submit-load.ts <job.json>
 *
 * A `floor` job replays each recorded submission's SQL straight through @libsql/client on one
 * connection (as the app's local mode uses its one connection); an `http` job posts the same
 * answers to POST /api/tasks/submit with each learner's session cookie. Either prints one JSON
 * line: for each level, the throughput and every submission's latency.
 */
import { readFileSync } from 'node:fs'
import type { Agent } from 'node:http'
import { resolve as resolvePath } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { InStatement } from '@libsql/client'

export type Op = { kind: 'execute'; stmt: InStatement } | { kind: 'batch'; stmts: InStatement[] }
export interface Measured {
  perSecond: number
  ms: number[]
}
export type LoadJob =
  | { kind: 'floor'; file: string; levels: Array<{ level: number; perLearner: number; tapes: Op[][][] }> }
  | {
      kind: 'http'
      url: string
      answers: Array<{ taskId: string; answer: string }>
      levels: Array<{ level: number; perLearner: number; cookies: string[] }>
    }

/**
 * Runs `perWorker` jobs in each of `workers` concurrent loops and returns their throughput and
 * latencies. Each loop first runs one unmeasured job (a learner's first answer opens its
 * connection); the clock starts once every loop has, so the figures are the steady state.
 */
export async function measure(
  workers: number,
  perWorker: number,
  job: (worker: number, i: number) => Promise<void>,
): Promise<Measured> {
  const ms: number[] = []
  let warm = 0
  let allWarm!: () => void
  const warmedUp = new Promise<void>((resolve) => (allWarm = resolve))
  let started = 0
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      await job(w, 0)
      if (++warm === workers) {
        started = performance.now()
        allWarm()
      }
      await warmedUp
      for (let i = 1; i <= perWorker; i++) {
        const t = performance.now()
        await job(w, i)
        ms.push(performance.now() - t)
      }
    }),
  )
  return { perSecond: (ms.length / (performance.now() - started)) * 1000, ms }
}

async function floor(job: Extract<LoadJob, { kind: 'floor' }>): Promise<Measured[]> {
  const { createClient } = await import('@libsql/client')
  const { Mutex } = await import('async-mutex')
  const db = createClient({ url: `file:${job.file}` })
  for (const pragma of ['PRAGMA journal_mode = WAL', 'PRAGMA synchronous = NORMAL', 'PRAGMA foreign_keys = ON'])
    await db.execute(pragma)
  const lock = new Mutex()
  const results = []
  for (const { level, perLearner, tapes } of job.levels) {
    results.push(
      await measure(level, perLearner, async (w, i) => {
        for (const op of tapes[w]![i]!) {
          await lock.runExclusive(async () => {
            if (op.kind === 'execute') await db.execute(op.stmt)
            else await db.batch(op.stmts, 'write')
          })
        }
      }),
    )
  }
  db.close()
  return results
}

/**
 * Posts one answer to POST /api/tasks/submit with a learner's session cookie over `agent`
 * (node:http with kept-alive connections: lighter than fetch, so the load generator takes less
 * of the CPU it shares with the server); answer `i` is `answers[i % answers.length]`.
 */
export async function answerPoster(baseUrl: string, answers: Array<{ taskId: string; answer: string }>, agent: Agent) {
  const { ulid } = await import('ulid')
  const { request } = await import('node:http')
  const url = new URL('/api/tasks/submit', baseUrl)
  return (cookie: string, i: number) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({ ...answers[i % answers.length], attemptId: ulid() })
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            cookie,
            origin: baseUrl,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () =>
            res.statusCode === 200
              ? resolve()
              : reject(new Error(`submit answered ${res.statusCode}: ${Buffer.concat(chunks).toString()}`)),
          )
        },
      )
      req.on('error', reject)
      req.end(body)
    })
}

async function http(job: Extract<LoadJob, { kind: 'http' }>): Promise<Measured[]> {
  const { Agent } = await import('node:http')
  const agent = new Agent({ keepAlive: true })
  const post = await answerPoster(job.url, job.answers, agent)
  const results = []
  for (const { level, perLearner, cookies } of job.levels)
    results.push(await measure(level, perLearner, (w, i) => post(cookies[w]!, i)))
  agent.destroy()
  return results
}

async function main() {
  const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadJob
  const results = job.kind === 'floor' ? await floor(job) : await http(job)
  process.stdout.write(`${JSON.stringify(results)}\n`)
}

// Run as a script (not when pages-load.ts imports its helpers).
if (process.argv[1] && import.meta.url === pathToFileURL(resolvePath(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
