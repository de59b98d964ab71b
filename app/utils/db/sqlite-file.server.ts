import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import {
  type InStatement,
  type InValue,
  LibsqlBatchError,
  LibsqlError,
  type ResultSet,
  type Row,
  type TransactionMode,
} from '@libsql/client'
import Database from 'libsql'

/**
 * A local SQLite file through the same engine (`libsql`) and with the same results and
 * errors as @libsql/client's file client, plus one thing that client lacks: a prepared
 * statement is kept and reused. The client parses and plans every statement again on
 * every call; for the app's short statements that was about half of their cost, and
 * for the one statement an answer reads with, more than its execution
 * (docs/decisions/0008-local-database-speed.md).
 *
 * Everything here is synchronous, as the engine is: a statement is never in use twice.
 */
const MAX_CACHED_STATEMENTS = 500

interface Prepared {
  statement: Database.Statement
  /** null for a statement that returns no rows */
  columns: { names: string[]; types: string[] } | null
}

export class SqliteFile {
  readonly #db: Database.Database
  readonly #prepared = new Map<string, Prepared>()

  constructor(path: string, { busyTimeoutMs }: { busyTimeoutMs: number }) {
    mkdirSync(dirname(path), { recursive: true })
    this.#db = new Database(path, { timeout: busyTimeoutMs })
  }

  execute(stmt: InStatement): ResultSet {
    const { sql, args } = typeof stmt === 'string' ? { sql: stmt, args: [] } : stmt
    try {
      return this.#run(sql, args ?? [])
    } catch (error) {
      throw asLibsqlError(error)
    }
  }

  /** The statements in one transaction of `mode`; any failure rolls back all of them. */
  batch(stmts: InStatement[], mode: TransactionMode = 'deferred'): ResultSet[] {
    this.execute(BEGIN[mode])
    try {
      const results = stmts.map((stmt, i) => {
        if (!this.#db.inTransaction)
          throw new LibsqlBatchError('The transaction has been rolled back', i, 'TRANSACTION_CLOSED')
        try {
          return this.execute(stmt)
        } catch (error) {
          if (error instanceof LibsqlError && !(error instanceof LibsqlBatchError)) {
            throw new LibsqlBatchError(
              error.message,
              i,
              error.code,
              error.extendedCode,
              error.rawCode,
              error.cause instanceof Error ? error.cause : undefined,
            )
          }
          throw error
        }
      })
      this.execute('COMMIT')
      return results
    } finally {
      if (this.#db.inTransaction) this.execute('ROLLBACK')
    }
  }

  executeMultiple(sql: string): void {
    try {
      this.#db.exec(sql)
    } catch (error) {
      throw asLibsqlError(error)
    }
  }

  close(): void {
    this.#prepared.clear()
    this.#db.close()
  }

  #run(sql: string, args: InValue[] | Record<string, InValue>): ResultSet {
    const { statement, columns } = this.#prepare(sql)
    const values = Array.isArray(args) ? args.map(toSql) : namedToSql(args)
    if (!columns) {
      const info = statement.run(values)
      return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid))
    }
    const rows = (statement.all(values) as unknown[][]).map((values) => toRow(values, columns.names))
    return resultSet(columns.names, columns.types, rows, 0, undefined)
  }

  #prepare(sql: string): Prepared {
    const cached = this.#prepared.get(sql)
    if (cached) return cached
    const statement = this.#db.prepare(sql)
    statement.safeIntegers(true)
    let columns: Prepared['columns'] = null
    if (statement.reader) {
      statement.raw(true)
      const definitions = statement.columns()
      columns = { names: definitions.map((c) => c.name), types: definitions.map((c) => c.type ?? '') }
    }
    const prepared = { statement, columns }
    if (this.#prepared.size >= MAX_CACHED_STATEMENTS) this.#prepared.delete(this.#prepared.keys().next().value!)
    this.#prepared.set(sql, prepared)
    return prepared
  }
}

const BEGIN: Record<TransactionMode, string> = {
  write: 'BEGIN IMMEDIATE',
  read: 'BEGIN TRANSACTION READONLY',
  deferred: 'BEGIN DEFERRED',
}

function resultSet(
  columns: string[],
  columnTypes: string[],
  rows: Row[],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({
      columns,
      columnTypes,
      rows: rows.map((row) => Array.from(row as ArrayLike<unknown>, jsonValue)),
      rowsAffected,
      lastInsertRowid: lastInsertRowid?.toString() ?? null,
    }),
  }
}

const jsonValue = (value: unknown) =>
  typeof value === 'bigint'
    ? value.toString()
    : value instanceof ArrayBuffer
      ? Buffer.from(value).toString('base64')
      : value

/** A row as @libsql/client makes it: values by column name (enumerable) and by index, and a length. */
function toRow(values: unknown[], names: string[]): Row {
  const row: Record<string | number, unknown> = {}
  Object.defineProperty(row, 'length', { value: values.length })
  for (let i = 0; i < values.length; i++) {
    const value = fromSql(values[i])
    Object.defineProperty(row, i, { value })
    const name = names[i]!
    if (!Object.hasOwn(row, name)) row[name] = value
  }
  return row as unknown as Row
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

function fromSql(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value < MIN_SAFE || value > MAX_SAFE)
      throw new RangeError('Received integer which cannot be safely represented as a JavaScript number')
    return Number(value)
  }
  if (value instanceof Buffer) return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength)
  return value
}

function toSql(value: InValue): unknown {
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments')
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof ArrayBuffer) return Buffer.from(value)
  if (value instanceof Date) return value.valueOf()
  if (value === undefined) throw new TypeError('undefined cannot be passed as argument to the database')
  return value
}

function namedToSql(args: Record<string, InValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(args)) out['@$:'.includes(name[0]!) ? name.slice(1) : name] = toSql(value)
  return out
}

/** The engine's SqliteError as the LibsqlError the adapter and our callers expect (code, extendedCode, rawCode). */
function asLibsqlError(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error
  const rawCode = error.rawCode
  return new LibsqlError(error.message, baseCode(rawCode), error.code, rawCode, error)
}

const BASE_CODES = [
  'SQLITE_OK',
  'SQLITE_ERROR',
  'SQLITE_INTERNAL',
  'SQLITE_PERM',
  'SQLITE_ABORT',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_NOMEM',
  'SQLITE_READONLY',
  'SQLITE_INTERRUPT',
  'SQLITE_IOERR',
  'SQLITE_CORRUPT',
  'SQLITE_NOTFOUND',
  'SQLITE_FULL',
  'SQLITE_CANTOPEN',
  'SQLITE_PROTOCOL',
  'SQLITE_EMPTY',
  'SQLITE_SCHEMA',
  'SQLITE_TOOBIG',
  'SQLITE_CONSTRAINT',
  'SQLITE_MISMATCH',
  'SQLITE_MISUSE',
  'SQLITE_NOLFS',
  'SQLITE_AUTH',
  'SQLITE_FORMAT',
  'SQLITE_RANGE',
  'SQLITE_NOTADB',
  'SQLITE_NOTICE',
  'SQLITE_WARNING',
]

/** Extended codes are base | (extended << 8). */
function baseCode(rawCode: number | undefined): string {
  if (rawCode === undefined) return 'SQLITE_UNKNOWN'
  const base = rawCode & 0xff
  return BASE_CODES[base] ?? `SQLITE_UNKNOWN_${base}`
}
