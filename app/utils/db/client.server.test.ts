import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabaseClient, type DatabaseClient } from './client.server'
import { DatabaseUnavailableError, isAuthError, isConnectivityError } from './errors.server'
import { createPrismaClient } from '../db.server'
import { isReadOnlyStatement } from './support.server'
import { setLogSink } from '../log.server'

describe('isReadOnlyStatement: which statements a replica may answer', () => {
  it.each([
    ['SELECT 1', true],
    ['  select "id" from "User" where "id" = ?', true],
    ['-- comment\nSELECT 1', true],
    ['/* c */ SELECT 1', true],
    ['EXPLAIN QUERY PLAN SELECT * FROM "User"', true],
    ['WITH x AS (SELECT 1) SELECT * FROM x', true],
    ['PRAGMA foreign_keys', true],
    ['INSERT INTO "User" (id) VALUES (?) RETURNING id', false],
    ['UPDATE "User" SET name = ?', false],
    ['DELETE FROM "Session"', false],
    ['WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x', false],
    ['PRAGMA foreign_keys = OFF', false],
    ['CREATE TABLE t (id TEXT)', false],
    ['BEGIN', false],
  ])('%s → %s', (sql, expected) => {
    expect(isReadOnlyStatement(sql)).toBe(expected)
  })
})

describe('error classification', () => {
  it('tells an unreachable database from a SQL error and a refused token', () => {
    expect(
      isConnectivityError(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:8080') })),
    ).toBe(true)
    expect(
      isConnectivityError(
        new Error('WriteDelegation(status: Internal, message: "Timed out while opening database connection")'),
      ),
    ).toBe(true)
    expect(isConnectivityError(new DatabaseUnavailableError('down'))).toBe(true)
    expect(isConnectivityError(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: User.email'))).toBe(false)
    expect(isAuthError(new Error('SERVER_ERROR: Server returned HTTP status 401'))).toBe(true)
    expect(isAuthError(new Error('sync error: Unauthorized'))).toBe(true)
    expect(isAuthError(new Error('no such table: User'))).toBe(false)
  })
})

describe('local mode: one writer connection shared by Prisma and batches, reads beside it', () => {
  let client: DatabaseClient
  const logs: string[] = []
  let file: string
  afterEach(async () => {
    await client?.close()
    setLogSink(null)
    logs.length = 0
  })

  async function open(slowQueryMs = 1_000) {
    file = join(mkdtempSync(join(tmpdir(), 'questlog-db-')), 'test.db')
    const url = `file:${file}`
    client = await openDatabaseClient({ mode: 'local', url }, { slowQueryMs })
    await client.executeMultiple('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE);')
    return client
  }

  const pragma = async (name: string) => Object.values((await client.execute(`PRAGMA ${name}`)).rows[0] ?? {})[0]

  it('runs in WAL mode with synchronous=NORMAL and foreign keys on, also after a transaction', async () => {
    await open()
    const tx = await client.transaction('write')
    await tx.execute("INSERT INTO t (v) VALUES ('a')")
    await tx.commit()
    expect(await pragma('journal_mode')).toBe('wal')
    expect(await pragma('synchronous')).toBe(1) // NORMAL
    expect(await pragma('foreign_keys')).toBe(1)
  })

  it('applies a batch atomically: a failing statement undoes the ones before it', async () => {
    await open()
    await expect(
      client.batch(["INSERT INTO t (v) VALUES ('x')", "INSERT INTO t (v) VALUES ('x')"], 'write'),
    ).rejects.toThrow(/UNIQUE/)
    expect((await client.execute('SELECT count(*) AS n FROM t')).rows[0]?.n).toBe(0)
  })

  it('orders a batch after an open transaction instead of colliding with it', async () => {
    await open()
    const tx = await client.transaction('write')
    await tx.execute("INSERT INTO t (v) VALUES ('in-tx')")
    let batchDone = false
    const batch = client.batch(["INSERT INTO t (v) VALUES ('batch')"], 'write').then(() => (batchDone = true))
    await new Promise((r) => setTimeout(r, 50))
    expect(batchDone).toBe(false) // waits for the transaction
    await tx.commit()
    await batch
    const rows = await client.execute('SELECT v FROM t ORDER BY id')
    expect(rows.rows.map((r) => r.v)).toEqual(['in-tx', 'batch'])
  })

  it('answers a read while a write transaction is open, with the last commit, and sees the commit after it', async () => {
    await open()
    await client.execute("INSERT INTO t (v) VALUES ('committed')")
    const tx = await client.transaction('write')
    await tx.execute("INSERT INTO t (v) VALUES ('open')")
    const during = await client.execute('SELECT v FROM t ORDER BY id') // would wait for the lock on the writer
    expect(during.rows.map((r) => r.v)).toEqual(['committed'])
    await tx.commit()
    const after = await client.execute('SELECT v FROM t ORDER BY id')
    expect(after.rows.map((r) => r.v)).toEqual(['committed', 'open'])
  })

  it('lets Prisma and raw batches run concurrently on the one connection', async () => {
    await open()
    const prisma = createPrismaClient(client)
    const work = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? prisma.$executeRawUnsafe(`INSERT INTO t (v) VALUES ('prisma-${i}')`)
        : client.batch(
            [`INSERT INTO t (v) VALUES ('batch-${i}')`, `UPDATE t SET v = v || '!' WHERE v = 'batch-${i}'`],
            'write',
          ),
    )
    await Promise.all(work)
    expect((await client.execute("SELECT count(*) AS n FROM t WHERE v LIKE 'batch-%!'")).rows[0]?.n).toBe(10)
    expect((await client.execute("SELECT count(*) AS n FROM t WHERE v LIKE 'prisma-%'")).rows[0]?.n).toBe(10)
    await prisma.$disconnect()
  })

  it('logs queries slower than the threshold with their duration, without their arguments', async () => {
    setLogSink((_level, line) => logs.push(line))
    await open(0)
    await client.execute({ sql: 'SELECT v FROM t WHERE v = ?', args: ['secret-value'] })
    const line = logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'slow query')
    expect(line).toMatchObject({ level: 'warn', kind: 'execute', sql: 'SELECT v FROM t WHERE v = ?' })
    expect(line?.ms).toEqual(expect.any(Number))
    expect(logs.join('\n')).not.toContain('secret-value')
  })

  it('does not log fast queries', async () => {
    setLogSink((_level, line) => logs.push(line))
    await open(10_000)
    await client.execute('SELECT 1')
    expect(logs.filter((l) => l.includes('slow query'))).toEqual([])
  })

  it('in the server, checkpoints off the event loop and still keeps the log bounded under unbroken writes', async () => {
    await open()
    const limit = 8 * 1024 * 1024
    client.checkpointInBackground?.({ logLimitBytes: limit })
    expect(await pragma('wal_autocheckpoint')).toBe(0) // not inside a request's COMMIT
    // 60 MB of rows in one unbroken run, against a limit of 8 MB.
    const row = 'x'.repeat(10_000)
    let largest = 0
    for (let i = 0; i < 6_000; i++) {
      await client.execute({ sql: 'INSERT INTO t (v) VALUES (?)', args: [`${i}${row}`] })
      largest = Math.max(largest, statSync(`${file}-wal`).size)
    }
    // Past the limit the log is emptied as soon as the thread's checkpoint in progress ends;
    // what is written meanwhile (and before the size is next looked at) comes on top.
    expect(largest).toBeLessThan(4 * limit)
    expect((await client.execute('SELECT count(*) AS n FROM t')).rows[0]?.n).toBe(6_000)
  })

  it('reports health', async () => {
    await open()
    expect(await client.health()).toEqual({ mode: 'local', ok: true })
  })
})
