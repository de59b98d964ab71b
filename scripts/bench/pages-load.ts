/**
 * The measuring side of `npm run bench:pages`, in a process of its own that holds nothing but
 * its job (as submit-load.ts, whose loops and answer poster it uses).
 *
 *   tsx scripts/bench/pages-load.ts <job.json>
 *
 * - `comparisons`: each run GETs one page with one session cookie from `connections` kept-alive
 *   node:http connections: a warm-up, then a fixed number of requests. The runs of one comparison
 *   (app and floor) take turns in `rounds` slices of their requests, so a slow stretch of this
 *   shared machine falls on both sides rather than on whichever ran then.
 * - `reads`: GET of one page from one connection at a steady pace, first with the server idle,
 *   then while learners post answers to POST /api/tasks/submit as fast as they can (the reads
 *   start once every learner has answered once, and the learners stop when the reads are done).
 * Prints one JSON line with the results.
 */
import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { answerPoster, measure, type Measured } from './submit-load'

export interface PageRun {
  url: string
  cookie: string
  connections: number
  warmup: number
  requests: number
}
export interface PagesJob {
  /** each inner list is measured side by side, in turns */
  comparisons: PageRun[][]
  rounds: number
  reads: {
    url: string
    cookie: string
    count: number
    perSecond: number
    writers: {
      baseUrl: string
      cookies: string[]
      answers: Array<{ taskId: string; answer: string }>
      maxPerWriter: number
    }
  }
}
export interface PageMeasured extends Measured {
  bytes: number
}
export interface PagesResult {
  runs: PageMeasured[]
  reads: { idle: Measured; loaded: Measured; answersPerSecond: number; answers: number }
}

const TIMEOUT_MS = 30_000

/** GET → the body's length; anything but a 200 is an error. */
function get(url: URL, cookie: string, agent: Agent) {
  return new Promise<number>((resolve, reject) => {
    const req = request(url, { agent, headers: { cookie } }, (res) => {
      let bytes = 0
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length
        if (res.statusCode !== 200) chunks.push(chunk)
      })
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(bytes)
          : reject(
              new Error(
                `GET ${url.pathname} answered ${res.statusCode} ${res.headers.location ?? ''}: ${Buffer.concat(chunks).toString().slice(0, 500)}`,
              ),
            ),
      )
    })
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`GET ${url.pathname} took over ${TIMEOUT_MS} ms`)))
    req.on('error', reject)
    req.end()
  })
}

/** The runs of one comparison: each warmed up, then `rounds` turns of a slice of its requests each. */
async function compare(runs: PageRun[], rounds: number): Promise<PageMeasured[]> {
  const sides = runs.map((run) => ({
    run,
    agent: new Agent({ keepAlive: true }),
    bytes: 0,
    ms: [] as number[],
    seconds: 0,
  }))
  const jobOf = (side: (typeof sides)[number]) => {
    const url = new URL(side.run.url)
    return async () => void (side.bytes = await get(url, side.run.cookie, side.agent))
  }
  for (const side of sides)
    await measure(side.run.connections, Math.ceil(side.run.warmup / side.run.connections), jobOf(side))
  for (let round = 0; round < rounds; round++) {
    for (const side of sides) {
      const { connections, requests } = side.run
      const slice = await measure(connections, Math.ceil(requests / rounds / connections), jobOf(side))
      side.ms.push(...slice.ms)
      side.seconds += slice.ms.length / slice.perSecond
    }
  }
  for (const { agent } of sides) agent.destroy()
  return sides.map(({ ms, seconds, bytes }) => ({ ms, perSecond: ms.length / seconds, bytes }))
}

/** `count` jobs one after another, started `1000 / perSecond` ms apart (or at once when behind). */
async function paced(count: number, perSecond: number, job: () => Promise<unknown>): Promise<Measured> {
  const ms: number[] = []
  const started = performance.now()
  for (let i = 0; i < count; i++) {
    const wait = started + (i * 1000) / perSecond - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const t = performance.now()
    await job()
    ms.push(performance.now() - t)
  }
  return { perSecond: (count / (performance.now() - started)) * 1000, ms }
}

async function reads(job: PagesJob['reads']): Promise<PagesResult['reads']> {
  const agent = new Agent({ keepAlive: true })
  const url = new URL(job.url)
  const read = () => get(url, job.cookie, agent)
  const warmup = Math.min(50, job.count)
  await paced(warmup, job.perSecond * 2, read)
  const idle = await paced(job.count, job.perSecond, read)

  const { writers } = job
  const writerAgent = new Agent({ keepAlive: true })
  const post = await answerPoster(writers.baseUrl, writers.answers, writerAgent)
  let stop = false
  let answers = 0
  let readsStarted = 0
  let readsEnded = 0
  let warm = 0
  let allWarm!: () => void
  const warmedUp = new Promise<void>((resolve) => (allWarm = resolve))
  const writing = Promise.all(
    writers.cookies.map(async (cookie, w) => {
      const offset = w * 7 // learners answer different tasks at a time
      await post(cookie, offset)
      if (++warm === writers.cookies.length) allWarm()
      for (let i = 1; i <= writers.maxPerWriter && !stop; i++) {
        await post(cookie, offset + i)
        if (readsStarted > 0 && readsEnded === 0) answers++
      }
    }),
  )
  let loaded: Measured
  try {
    await Promise.race([
      warmedUp,
      writing.then(() => Promise.reject(new Error('the learners stopped before they all answered once'))),
    ])
    await paced(warmup, job.perSecond * 2, read)
    readsStarted = performance.now()
    loaded = await paced(job.count, job.perSecond, read)
    readsEnded = performance.now()
  } finally {
    stop = true
    await writing
  }
  agent.destroy()
  writerAgent.destroy()
  return { idle, loaded, answers, answersPerSecond: (answers / (readsEnded - readsStarted)) * 1000 }
}

async function main() {
  const job = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as PagesJob
  const runs = []
  for (const comparison of job.comparisons) runs.push(...(await compare(comparison, job.rounds)))
  const result: PagesResult = { runs, reads: await reads(job.reads) }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
