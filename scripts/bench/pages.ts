/**
 * npm run bench:pages (after npm run build) — three signed-in pages through the whole app, each
 * beside its floor, in one run:
 *  - the dashboard (/learn) and the progress page (/progress) of a learner with two weeks of
 *    practice (scripts/lib/demo-practice.ts, through the real submission path), and the admin page
 *    of that learner's team (/teams/<id>): 50 members, most with a few days of answers of their own;
 *    the learner owns the team, so the page shows everything an owner sees (roles, removal, billing);
 *  - at 1 and 10 kept-alive connections (node:http, as bench:submit), a warm-up and then a fixed
 *    number of requests per level, app and floor taking turns in five slices of it (drift on this
 *    shared machine falls on both alike);
 *  - and the dashboard read at a steady 50 per second while 8 team members post answers to
 *    POST /api/tasks/submit as fast as they can (bench:submit's load), beside the same read idle.
 *
 * The floor is the same route rendered from its loader data held in memory. It is a second
 * production server (server/index.ts, same Express middleware, entry.server and build, started
 * the same way) in which a module hook (pages-floor-hooks.mjs) swaps the Remix build for
 * pages-floor-build.ts: the real build whose loaders (root's and the route's) run once per page
 * and cookie — against the database, during the warm-up — and from then on hand back the very
 * value they returned, without running. So app and floor differ only in the loaders' work: the
 * session lookup, the reads and their Prisma/SQLite cost. Each server has its own copy of the same
 * seeded database file; the floor's output says which loaders it captured, and the run fails if one
 * ran again during a measurement. Responses are not compressed (no Accept-Encoding), on either.
 *
 * This process seeds; the measuring runs in a lean process of its own (pages-load.ts).
 */
import { execFile } from 'node:child_process'
import { copyFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { AppServer } from '../lib/app-server'
import { waitFor } from '../lib/processes'
import { benchDatabase, stats } from './lib'
import type { PageMeasured, PagesJob, PagesResult } from './pages-load'

const LEVELS = [1, 10]
const REQUESTS: Record<number, number> = { 1: 300, 10: 800 }
const WARMUP = 60
/** app and floor take turns, each a slice of its requests at a time */
const ROUNDS = 5
const TEAM_SIZE = 50
const WRITERS = 8
const READS = { count: 400, perSecond: 50 }
const SESSION_SECRET = 'bench-pages-session-secret-0123456789abcdef'
const TARGET = { share: 40, p99Ms: 30, loadedP99Ratio: 2 }
const DAY_MS = 24 * 60 * 60 * 1000

async function runLoad(dir: string, job: PagesJob): Promise<PagesResult> {
  const file = join(dir, 'pages-job.json')
  writeFileSync(file, JSON.stringify(job))
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/bench/pages-load.ts', file],
    { maxBuffer: 64 * 1024 * 1024 },
  )
  return JSON.parse(stdout) as PagesResult
}

const captures = (output: string) => output.split('\n').filter((line) => line.startsWith('bench-floor: captured'))
const fmt = (n: number, digits = 1) => n.toFixed(digits)

async function main() {
  const began = performance.now()
  process.env.SESSION_SECRET = SESSION_SECRET
  const database = await benchDatabase('pages')
  const { ulid } = await import('ulid')
  const { prisma, databaseReady, disconnectDatabase } = await import('../../app/utils/db.server')
  const { syncContent } = await import('../../app/modules/content/content-sync.server')
  const { createSession } = await import('../../app/modules/accounts/session.server')
  const { submitAnswer } = await import('../../app/modules/learning/submission.server')
  const { createTeam } = await import('../../app/modules/teams/teams.server')
  const { setSeatLimit } = await import('../../app/modules/teams/seats.server')
  const { practiseForDemo } = await import('../lib/demo-practice')
  const servers: AppServer[] = []
  try {
    await syncContent()
    const cookieOf = async (userId: string) =>
      (await createSession(userId, { ip: '127.0.0.1', userAgent: 'bench' })).setCookie.split(';')[0]!
    const verified = new Date()

    // The learner whose pages are read, with two weeks of practice; the owner of the team.
    const viewer = await prisma.user.create({
      data: { email: 'viewer@example.com', username: 'viewer', name: 'Vera Viewer', emailVerifiedAt: verified },
      select: { id: true },
    })
    const viewerAnswers = await practiseForDemo(viewer.id)
    const team = await createTeam(viewer.id, {
      name: 'Bench learners',
      description: 'Fifty learners practising together.',
    })
    await setSeatLimit(team.id, TEAM_SIZE + 10)

    // 49 more members, 2 of them admins, most with a few days of answers (some today).
    const tasks = await prisma.task.findMany({
      where: { active: true, kind: 'numeric' },
      select: { id: true, answer: true },
      orderBy: { id: 'asc' },
    })
    const answers = tasks.map((t) => ({ taskId: t.id, answer: String(t.answer) }))
    const members: string[] = []
    let memberAnswers = 0
    const now = Date.now()
    for (let i = 1; i < TEAM_SIZE; i++) {
      const user = await prisma.user.create({
        data: {
          email: `member${i}@example.com`,
          username: `member_${i}`,
          name: i % 4 === 0 ? null : `Member ${String(i).padStart(2, '0')}`,
          emailVerifiedAt: verified,
        },
        select: { id: true },
      })
      await prisma.teamMember.create({
        data: {
          teamId: team.id,
          userId: user.id,
          role: i <= 2 ? 'admin' : 'member',
          joinedAt: new Date(now - (i + 20) * DAY_MS),
        },
      })
      await prisma.user.update({ where: { id: user.id }, data: { activeTeamId: team.id } })
      members.push(user.id)
      if (i % 7 === 0) continue // a few members who never answered
      for (let day = (i % 5) + (i % 3 === 0 ? 0 : 1); day >= (i % 3 === 0 ? 0 : 1); day--) {
        const at = now - day * DAY_MS - 3 * 60 * 60 * 1000
        for (let k = 0; k < 2 + (i % 4); k++) {
          const { taskId, answer } = answers[(i * 5 + day * 3 + k) % answers.length]!
          const correct = (i + k) % 4 !== 0
          await submitAnswer(
            {
              userId: user.id,
              taskId,
              answer: correct ? answer : String(Number(answer) + 7),
              attemptId: ulid(at + k),
              hintUsed: false,
            },
            new Date(at + k * 60_000),
          )
          memberAnswers++
        }
      }
    }
    const viewerCookie = await cookieOf(viewer.id)
    const writerCookies = await Promise.all(members.slice(2, 2 + WRITERS).map(cookieOf))

    // One starting point, a copy for each server.
    const db = await databaseReady()
    await db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
    const appFile = join(database.dir, 'app.db')
    const floorFile = join(database.dir, 'floor.db')
    copyFileSync(database.file, appFile)
    copyFileSync(database.file, floorFile)
    await disconnectDatabase()
    const seeded = performance.now()

    const env = {
      SESSION_SECRET,
      RUN_MIGRATIONS_ON_START: 'false',
      SYNC_TOPICS_ON_START: 'false',
      SLOW_QUERY_MS: '100000',
    }
    const [app, floor] = await Promise.all([
      AppServer.start({ name: 'pages-app', env: { ...env, DATABASE_URL: `file:${appFile}` } }),
      AppServer.start({
        name: 'pages-floor',
        env: { ...env, DATABASE_URL: `file:${floorFile}` },
        nodeArgs: ['--import', resolve('scripts/bench/pages-floor-hooks.mjs')],
      }),
    ])
    servers.push(app, floor)
    // The scheduler's first tick, 5 s after boot, runs every job and compiles their queries: measure after it.
    await Promise.all(
      servers.map((server) =>
        waitFor(
          `the first scheduler tick at ${server.url}`,
          async () => server.process.output.includes('scheduler first tick done'),
          60_000,
        ),
      ),
    )

    const pages = [
      { name: 'dashboard', path: '/learn' },
      { name: 'progress', path: '/progress' },
      { name: `team admin (${TEAM_SIZE} members)`, path: `/teams/${team.id}` },
    ]
    const comparisons: PagesJob['comparisons'] = []
    for (const { path } of pages) {
      for (const connections of LEVELS) {
        comparisons.push(
          [app, floor].map((server) => ({
            url: `${server.url}${path}`,
            cookie: viewerCookie,
            connections,
            warmup: WARMUP,
            requests: REQUESTS[connections]!,
          })),
        )
      }
    }
    const result = await runLoad(database.dir, {
      comparisons,
      rounds: ROUNDS,
      reads: {
        url: `${app.url}/learn`,
        cookie: viewerCookie,
        ...READS,
        writers: { baseUrl: app.url, cookies: writerCookies, answers, maxPerWriter: 20_000 },
      },
    })
    // Each page's two loaders (root's and the route's) ran once on the floor, in its first warm-up.
    const captured = captures(floor.process.output)
    if (captured.length !== pages.length * 2)
      throw new Error(
        `the floor ran its loaders ${captured.length} times, expected ${pages.length * 2}:\n${captured.join('\n')}`,
      )

    console.log(
      `\nviewer: ${viewerAnswers} answers over two weeks · team: ${TEAM_SIZE} members, ${memberAnswers} answers · seeded in ${fmt((seeded - began) / 1000)} s`,
    )
    console.log(
      `${REQUESTS[1]} requests at 1 connection, ${REQUESTS[10]} at 10, after ${WARMUP} to warm up · floor: the same server and render, loader data from memory\n`,
    )
    console.log(
      'page                      conns │   app /s   p50 ms   p99 ms │ floor /s   p50 ms   p99 ms │ app ÷ floor │   KB',
    )
    const at10: Array<{ name: string; app: PageMeasured; floor: PageMeasured }> = []
    let r = 0
    for (const { name } of pages) {
      for (const connections of LEVELS) {
        const a = result.runs[r++]!
        const f = result.runs[r++]!
        if (connections === 10) at10.push({ name, app: a, floor: f })
        const cells = [
          fmt(a.perSecond, 0).padStart(8),
          fmt(stats(a.ms).p50).padStart(8),
          fmt(stats(a.ms).p99).padStart(8),
          fmt(f.perSecond, 0).padStart(8),
          fmt(stats(f.ms).p50).padStart(8),
          fmt(stats(f.ms).p99).padStart(8),
        ]
        const sizes = a.bytes === f.bytes ? fmt(a.bytes / 1024) : `${fmt(a.bytes / 1024)}/${fmt(f.bytes / 1024)}`
        console.log(
          `${name.padEnd(25)} ${String(connections).padStart(5)} │ ${cells.slice(0, 3).join(' ')} │ ${cells.slice(3).join(' ')} │ ${fmt((a.perSecond / f.perSecond) * 100, 0).padStart(9)} % │ ${sizes.padStart(4)}`,
        )
      }
    }

    console.log(`\ntarget at 10 connections: ≥ ${TARGET.share} % of the floor and p99 ≤ ${TARGET.p99Ms} ms`)
    for (const { name, app: a, floor: f } of at10) {
      const share = (a.perSecond / f.perSecond) * 100
      const p99 = stats(a.ms).p99
      const misses = [
        share < TARGET.share ? `${fmt(TARGET.share - share, 0)} points short` : null,
        p99 > TARGET.p99Ms ? `p99 ${fmt(p99 - TARGET.p99Ms)} ms over` : null,
        // Ten requests at once on one Node thread queue behind each other, database or not.
        stats(f.ms).p99 > TARGET.p99Ms ? `the floor's own p99 is ${fmt(stats(f.ms).p99)} ms` : null,
      ].filter(Boolean)
      console.log(
        `  ${name.padEnd(25)} ${fmt(share, 0).padStart(3)} %, p99 ${fmt(p99).padStart(5)} ms → ${misses.length === 0 ? 'holds' : `misses (${misses.join(', ')})`}`,
      )
    }

    const { idle, loaded, answersPerSecond } = result.reads
    const ratio = stats(loaded.ms).p99 / stats(idle.ms).p99
    console.log(`\nGET /learn at ${READS.perSecond}/s on one connection, ${READS.count} reads     p50 ms   p99 ms`)
    console.log(
      `  idle                                           ${fmt(stats(idle.ms).p50).padStart(6)} ${fmt(stats(idle.ms).p99).padStart(8)}`,
    )
    console.log(
      `  ${WRITERS} learners answering (${fmt(answersPerSecond, 0)} answers/s)`.padEnd(49) +
        `${fmt(stats(loaded.ms).p50).padStart(6)} ${fmt(stats(loaded.ms).p99).padStart(8)}`,
    )
    console.log(
      `target: read p99 under load ≤ ${TARGET.loadedP99Ratio}× idle → ${fmt(ratio, 2)}× → ${ratio <= TARGET.loadedP99Ratio ? 'holds' : 'misses'}`,
    )
    console.log(`\nwhole run: ${fmt((performance.now() - began) / 1000, 0)} s`)
  } finally {
    await Promise.all(servers.map((s) => s.stop()))
    database.remove()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
