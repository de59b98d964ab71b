import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest'
import { openDatabaseClient, type DatabaseClient } from '../../app/utils/db/client.server'
import { DatabaseUnavailableError } from '../../app/utils/db/errors.server'
import { createPrismaClient, toDbTimestamp } from '../../app/utils/db.server'
import { setLogSink } from '../../app/utils/log.server'
import { Primary, waitFor, workDir } from './harness'

/** The replica-mode connection itself, against a real sqld, for what HTTP tests cannot reach. */
describe('replica connection', () => {
  const dir = workDir('client')
  let primary: Primary
  const clients: DatabaseClient[] = []
  let n = 0

  beforeAll(async () => {
    setLogSink(() => undefined)
    primary = await Primary.start(dir)
    await primary.migrate()
  })
  afterEach(() => primary.resume())
  afterAll(async () => {
    for (const client of clients) client.close()
    await primary.stop()
    setLogSink(null)
  })

  async function open(options: { writeTimeoutMs?: number; file?: string } = {}) {
    const client = await openDatabaseClient(
      {
        mode: 'replica',
        url: `file:${join(dir, options.file ?? `replica-${n++}.db`)}`,
        primaryUrl: primary.url,
        syncIntervalSeconds: 1,
      },
      { slowQueryMs: 10_000, probeTimeoutMs: 500, writeTimeoutMs: options.writeTimeoutMs ?? 10_000 },
    )
    clients.push(client)
    return client
  }

  const insert = (id: string, message = 'from the replica client test') => ({
    sql: 'INSERT INTO "Feedback" (id, kind, message, createdAt) VALUES (?, ?, ?, ?)',
    args: [id, 'idea', message, toDbTimestamp(new Date())],
  })
  const countById = async (client: DatabaseClient, ids: string[]) =>
    Number(
      (
        await client.execute({
          sql: `SELECT count(*) AS n FROM "Feedback" WHERE id IN (${ids.map(() => '?').join(',')})`,
          args: ids,
        })
      ).rows[0]?.n,
    )

  it('reads its own batch at once; a Prisma transaction runs on the primary and is read back too', async () => {
    const client = await open()
    await client.batch([insert('01BATCH0000000000000000001'), insert('01BATCH0000000000000000002')], 'write')
    expect(await countById(client, ['01BATCH0000000000000000001', '01BATCH0000000000000000002'])).toBe(2)

    const prisma = createPrismaClient(client)
    // Prisma opens a transaction for a nested write; it must go to the primary, not the replica.
    await prisma.$transaction([
      prisma.feedback.create({ data: { id: '01PRISMATX0000000000000001', kind: 'idea', message: 'in a transaction' } }),
      prisma.feedback.create({ data: { id: '01PRISMATX0000000000000002', kind: 'idea', message: 'in a transaction' } }),
    ])
    expect(await prisma.feedback.count({ where: { message: 'in a transaction' } })).toBe(2)
  })

  it('refuses a batch with the primary down, and none of it is written', async () => {
    const client = await open()
    await primary.stop()
    try {
      const error = await client
        .batch([insert('01DOWN00000000000000000001'), insert('01DOWN00000000000000000002')], 'write')
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(DatabaseUnavailableError)
      expect(await countById(client, ['01BATCH0000000000000000001'])).toBe(1) // reads still work
    } finally {
      await primary.start()
    }
    const direct = primary.client()
    expect(
      Number((await direct.execute(`SELECT count(*) AS n FROM "Feedback" WHERE id LIKE '01DOWN%'`)).rows[0]?.n),
    ).toBe(0)
    direct.close()
  })

  it('keeps answering reads while the primary hangs, and bounds writes in time', async () => {
    const client = await open({ writeTimeoutMs: 1_000 })
    primary.pause()
    // Periodic syncs (every second here) must not block the event loop on the hung
    // primary: if one did, this loop would stop and the test would time out.
    for (let i = 0; i < 30; i++) {
      expect(await countById(client, ['01BATCH0000000000000000001'])).toBe(1)
      await new Promise((r) => setTimeout(r, 100))
    }

    const error = await client.batch([insert('01HUNG00000000000000000001')], 'write').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabaseUnavailableError)
    expect((error as DatabaseUnavailableError).outcomeUnknown).toBe(true)
    const health = await client.health()
    expect(health.ok).toBe(true)
    expect(health.replica?.primaryReachable).toBe(false)
  })

  it('boots without a primary and without a replica file: unhealthy, no empty file, then recovers', async () => {
    await primary.stop()
    let client: DatabaseClient
    try {
      client = await open({ file: 'never-synced.db' })
      expect(existsSync(join(dir, 'never-synced.db'))).toBe(false)
      const health = await client.health()
      expect(health.ok).toBe(false)
      expect(health.replica?.state).toBe('offline-read-only')
      await expect(client.execute('SELECT 1')).rejects.toBeInstanceOf(DatabaseUnavailableError)
    } finally {
      await primary.start()
    }
    await waitFor(
      'the replica to be created once the primary is back',
      async () => (await client.health()).ok,
      20_000,
      200,
    )
    expect((await client.health()).replica?.state).toBe('syncing')
    expect(await countById(client, ['01BATCH0000000000000000001'])).toBe(1)
  })
})
