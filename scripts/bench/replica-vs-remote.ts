/**
 * npm run bench:replica — read latency through an embedded replica versus reading
 * the primary remotely, same query, same data, same run, sqld on loopback. Also
 * a one-statement write in both modes (a replica write goes to the primary and
 * then syncs, so it should cost about a remote write plus a sync), and the same
 * page served over HTTP by two production servers, one per mode (needs
 * `npm run build`).
 *
 * Rounds alternate the two modes so that drift on this shared 2-core machine
 * affects both alike; the ratios are what to compare between runs.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabaseClient, type DatabaseClient } from '../../app/utils/db/client.server'
import { createPrismaClient, toDbTimestamp } from '../../app/utils/db.server'
import { existsSync } from 'node:fs'
import { AppServer } from '../lib/app-server'
import { Primary } from '../lib/processes'
import { sampleSet, time } from './lib'

const ROWS = 2_000
const READS_PER_ROUND = 500
const WRITES_PER_ROUND = 50
const ROUNDS = 4
const PAGES_PER_ROUND = 100

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'questlog-bench-'))
  const primary = await Primary.start(dir)
  try {
    await primary.migrate()
    const seed = primary.client()
    const ids = Array.from({ length: ROWS }, (_, i) => `01BENCH${String(i).padStart(19, '0')}`)
    const now = toDbTimestamp(new Date())
    for (let i = 0; i < ROWS; i += 500) {
      await seed.batch(
        ids.slice(i, i + 500).map((id, j) => ({
          sql: 'INSERT INTO "Feedback" (id, kind, message, createdAt) VALUES (?, ?, ?, ?)',
          args: [id, 'idea', `Benchmark message ${i + j} `.repeat(4), now],
        })),
        'write',
      )
    }
    seed.close()

    const options = { slowQueryMs: 10_000 }
    const replica = await openDatabaseClient(
      { mode: 'replica', url: `file:${join(dir, 'replica.db')}`, primaryUrl: primary.url, syncIntervalSeconds: 60 },
      options,
    )
    const remote = await openDatabaseClient({ mode: 'remote', url: primary.url }, options)
    const modes: Array<{ name: string; client: DatabaseClient }> = [
      { name: 'replica', client: replica },
      { name: 'remote', client: remote },
    ]
    const prismaOf = new Map(modes.map((m) => [m.name, createPrismaClient(m.client)]))
    const { sample, print, mean, samples } = sampleSet()
    const pick = (i: number) => ids[(i * 7919) % ids.length] as string

    // Warm-up: compile Prisma's query plans and open connections in both modes.
    for (const mode of modes) {
      const prisma = prismaOf.get(mode.name)!
      for (let i = 0; i < 50; i++)
        await prisma.feedback.findUnique({ where: { id: pick(i) }, select: { id: true, message: true } })
    }

    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of round % 2 === 0 ? modes : [...modes].reverse()) {
        const prisma = prismaOf.get(mode.name)!
        await time(sample(`prisma findUnique · ${mode.name}`), READS_PER_ROUND, (i) =>
          prisma.feedback.findUnique({
            where: { id: pick(i + round) },
            select: { id: true, kind: true, message: true, createdAt: true },
          }),
        )
        await time(sample(`raw point read · ${mode.name}`), READS_PER_ROUND, (i) =>
          mode.client.execute({
            sql: 'SELECT id, kind, message, createdAt FROM "Feedback" WHERE id = ?',
            args: [pick(i + round)],
          }),
        )
        await time(sample(`write (1 INSERT batch) · ${mode.name}`), WRITES_PER_ROUND, (i) =>
          mode.client.batch(
            [
              {
                sql: 'INSERT INTO "Feedback" (id, kind, message, createdAt) VALUES (?, ?, ?, ?)',
                args: [
                  `01W${mode.name.slice(0, 3).toUpperCase()}${String(round * 1000 + i).padStart(20, '0')}`,
                  'idea',
                  'bench write',
                  toDbTimestamp(new Date()),
                ],
              },
            ],
            'write',
          ),
        )
      }
    }

    for (const prisma of prismaOf.values()) await prisma.$disconnect()
    replica.close()
    remote.close()

    if (existsSync('build/server/index.js')) {
      // The feedback receipt page: one Prisma read plus a server render.
      const env = {
        RUN_MIGRATIONS_ON_START: 'false',
        SYNC_TOPICS_ON_START: 'false',
        SLOW_QUERY_MS: '100000',
        TURSO_DATABASE_URL: primary.url,
      }
      const servers = [
        {
          name: 'replica',
          app: await AppServer.start({
            name: 'replica',
            env: { ...env, DATABASE_URL: `file:${join(dir, 'http-replica.db')}` },
          }),
        },
        { name: 'remote', app: await AppServer.start({ name: 'remote', env }) },
      ]
      const page = sample('HTTP GET receipt page · replica')
      const remotePage = sample('HTTP GET receipt page · remote')
      try {
        for (const { app } of servers)
          for (let i = 0; i < 20; i++) await (await app.fetch(`/feedback/${pick(i)}`)).text()
        for (let round = 0; round < ROUNDS; round++) {
          for (const { name, app } of round % 2 === 0 ? servers : [...servers].reverse()) {
            await time(name === 'replica' ? page : remotePage, PAGES_PER_ROUND, async (i) => {
              const response = await app.fetch(`/feedback/${pick(i + round)}`)
              await response.text()
              if (response.status !== 200) throw new Error(`${name}: ${response.status}`)
            })
          }
        }
      } finally {
        await Promise.all(servers.map(({ app }) => app.stop()))
      }
    } else {
      console.log('(no production build: skipping the HTTP comparison; run npm run build)')
    }

    console.log(`\nsqld ${primary.url} on loopback · ${ROWS} rows · ${ROUNDS} alternating rounds\n`)
    print()
    const ratio = (what: string) => mean(`${what} · remote`) / mean(`${what} · replica`)
    console.log('\nremote ÷ replica (mean latency; > 1 means the replica is faster):')
    console.log(`  prisma findUnique        ${ratio('prisma findUnique').toFixed(1)}×`)
    console.log(`  raw point read           ${ratio('raw point read').toFixed(1)}×`)
    console.log(
      `  write (1 INSERT batch)   ${ratio('write (1 INSERT batch)').toFixed(2)}×  (replica write = remote write + sync)`,
    )
    if (samples.has('HTTP GET receipt page · replica'))
      console.log(`  HTTP GET receipt page    ${ratio('HTTP GET receipt page').toFixed(1)}×`)
  } finally {
    await primary.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
