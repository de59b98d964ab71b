import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LibsqlBatchError, LibsqlError, createClient } from '@libsql/client'
import Database from 'libsql'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SqliteFile } from './sqlite-file.server'

let dir: string
let file: SqliteFile
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'questlog-sqlite-file-'))
  file = new SqliteFile(join(dir, 'nested', 'test.db'), { busyTimeoutMs: 1_000 })
  file.executeMultiple('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, data BLOB, flag INTEGER)')
})
afterEach(() => {
  file.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('a local SQLite file with statements prepared once', () => {
  it('answers what @libsql/client answers for the same statements', async () => {
    const client = createClient({ url: `file:${join(dir, 'client.db')}` })
    await client.executeMultiple(
      'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, score REAL, data BLOB, flag INTEGER)',
    )
    const statements = [
      {
        sql: 'INSERT INTO t (name, score, data, flag) VALUES (?, ?, ?, ?)',
        args: ['ada', 1.5, new Uint8Array([1, 2, 3]), true],
      },
      {
        sql: 'INSERT INTO t (name, score, flag) VALUES (:name, :score, :flag)',
        args: { name: 'bob', score: 2 / 3, flag: false },
      },
      { sql: 'UPDATE t SET score = score + 1 WHERE name = ?', args: ['ada'] },
      { sql: 'SELECT id, name, score, data, flag, score AS name FROM t ORDER BY id', args: [] },
    ]
    for (const stmt of statements) {
      const [ours, theirs] = [file.execute(stmt), await client.execute(stmt)]
      expect({ ...ours, toJSON: undefined }).toEqual({ ...theirs, toJSON: undefined })
      expect(ours.rows.map((row) => Array.from(row))).toEqual(theirs.rows.map((row) => Array.from(row)))
      expect(ours.rows.map((row) => ({ ...row }))).toEqual(theirs.rows.map((row) => ({ ...row })))
    }
    client.close()
  })

  it('gives rows by column name and by index, and blobs as ArrayBuffers', () => {
    file.execute({ sql: 'INSERT INTO t (name, data) VALUES (?, ?)', args: ['ada', new Uint8Array([7, 8]).buffer] })
    const [row] = file.execute('SELECT name, data FROM t').rows
    expect(row!.name).toBe('ada')
    expect(row![0]).toBe('ada')
    expect(row!.length).toBe(2)
    expect(new Uint8Array(row!.data as ArrayBuffer)).toEqual(new Uint8Array([7, 8]))
    expect(Object.keys(row!)).toEqual(['name', 'data'])
  })

  it('prepares a statement once however often it runs', () => {
    const prepare = vi.spyOn(Database.prototype, 'prepare')
    for (let i = 0; i < 5; i++) file.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: [`n${i}`] })
    for (let i = 0; i < 5; i++) file.execute({ sql: 'SELECT COUNT(*) AS n FROM t WHERE name <> ?', args: ['x'] })
    expect(prepare).toHaveBeenCalledTimes(2)
    prepare.mockRestore()
    expect(file.execute('SELECT COUNT(*) AS n FROM t').rows[0]!.n).toBe(5)
  })

  it('reports SQL errors as LibsqlError with the codes the Prisma adapter reads', () => {
    file.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['ada'] })
    let error: unknown
    try {
      file.execute({ sql: 'INSERT INTO t (name) VALUES (?)', args: ['ada'] })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(LibsqlError)
    expect(error).toMatchObject({ code: 'SQLITE_CONSTRAINT', extendedCode: 'SQLITE_CONSTRAINT_UNIQUE', rawCode: 2067 })
    expect((error as Error).message).toMatch(/^SQLITE_CONSTRAINT: UNIQUE constraint failed: t\.name/)
    expect(() => file.execute('SELECT nope FROM t')).toThrow(/no such column: nope/)
    expect(() => file.execute({ sql: 'SELECT ?', args: [Number.NaN] })).toThrow(RangeError)
  })

  it('runs a batch atomically: a failing statement rolls back the ones before it and names its index', () => {
    const run = () =>
      file.batch(
        [
          { sql: 'INSERT INTO t (name) VALUES (?)', args: ['ada'] },
          { sql: 'INSERT INTO t (name) VALUES (?)', args: ['ada'] },
        ],
        'write',
      )
    expect(run).toThrow(LibsqlBatchError)
    try {
      run()
    } catch (error) {
      expect((error as LibsqlBatchError).statementIndex).toBe(1)
    }
    expect(file.execute('SELECT COUNT(*) AS n FROM t').rows[0]!.n).toBe(0)
    const results = file.batch(
      [{ sql: 'INSERT INTO t (name) VALUES (?)', args: ['bob'] }, 'SELECT name FROM t'],
      'write',
    )
    expect(results[0]!.rowsAffected).toBe(1)
    expect(results[0]!.lastInsertRowid).toBe(1n)
    expect(results[1]!.rows.map((r) => r.name)).toEqual(['bob'])
  })

  it('refuses integers a JavaScript number cannot hold', () => {
    file.execute({ sql: 'INSERT INTO t (id, name) VALUES (?, ?)', args: [2n ** 60n, 'big'] })
    expect(() => file.execute('SELECT id FROM t')).toThrow(RangeError)
  })
})
