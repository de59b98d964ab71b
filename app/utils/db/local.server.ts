import type { InStatement, Transaction, TransactionMode } from '@libsql/client'
import { statSync } from 'node:fs'
import { Mutex } from 'async-mutex'
import type { ClientOptions, DatabaseClient, DatabaseHealth } from './types'
import { errorMessage } from './errors.server'
import { SqliteFile } from './sqlite-file.server'
import { isReadOnlyStatement, resolveFilePath, SlowQueryLog, sqlOf } from './support.server'
import { WalCheckpointer } from './wal-checkpointer.server'
import { giveWayToPages } from '../page-priority.server'

// local: one SQLite file, its statements prepared once (sqlite-file.server.ts); in the
// server, its write-ahead log checkpointed off the event loop (wal-checkpointer.server.ts)

/** A log file that started over is cut back to this size. */
const LOG_FILE_KEPT_BYTES = 16 * 1024 * 1024
/**
 * Under unbroken writes the checkpoint thread never finds the log fully copied, and only
 * then may the log start over. So once the log file has grown past this size, this
 * connection checkpoints the pages the thread has not copied yet, between two statements,
 * and empties the log: a pause of a disk flush or two, about once per 5,000 answers of
 * unbroken load. Set high so that it stays rare: load with pauses lets the log start over
 * on its own.
 */
const LOG_LIMIT_BYTES = 256 * 1024 * 1024
/** How often (in statements and batches) to look at the log file's size. */
const LOOK_AT_LOG_EVERY = 256

/**
 * The engine answers synchronously, so without this a request's whole chain of statements
 * runs as promise continuations, and requests that arrive meanwhile are not even read until
 * every request already started has finished. Letting the event loop take a turn after each
 * call queues them for the connection in the order they came: at 8 learners answering at
 * once, p99 fell from ~100 to ~65 ms and throughput rose by a fifth (npm run bench:submit).
 * At that turn, work that is not a page lets pages in progress go first (page-priority.server.ts).
 */
const turnOfTheEventLoop = async () => {
  await new Promise<void>((resolve) => setImmediate(resolve))
  await giveWayToPages()
}

/** PRAGMAs stay on the writer: most of them are settings of the connection they run on. */
const isRead = (stmt: InStatement) => {
  const sql = sqlOf(stmt)
  return isReadOnlyStatement(sql) && !/\bpragma\b/i.test(sql)
}

export class LocalDatabaseClient implements DatabaseClient {
  readonly mode = 'local' as const
  readonly #lock = new Mutex()
  readonly #client: SqliteFile
  readonly #reader: SqliteFile
  readonly #slow: SlowQueryLog
  readonly #path: string
  #checkpointer: WalCheckpointer | undefined
  #logLimitBytes = LOG_LIMIT_BYTES
  #calls = 0
  #logTooLong = false
  #closed = false

  constructor(url: string, options: ClientOptions) {
    this.#path = resolveFilePath(url)
    this.#client = new SqliteFile(this.#path, { busyTimeoutMs: 5_000 })
    this.#reader = new SqliteFile(this.#path, { busyTimeoutMs: 5_000 })
    this.#slow = new SlowQueryLog(options.slowQueryMs)
  }

  /** WAL + synchronous=NORMAL: durable against crashes, no fsync per commit (notes/performance.md §4.1). */
  async init(): Promise<void> {
    this.#client.execute('PRAGMA journal_mode = WAL')
    this.#client.execute('PRAGMA synchronous = NORMAL')
    this.#client.execute('PRAGMA foreign_keys = ON')
    this.#client.execute(`PRAGMA journal_size_limit = ${LOG_FILE_KEPT_BYTES}`)
    this.#reader.execute('PRAGMA query_only = ON')
  }

  /** SQLite's own checkpoint, inside the COMMIT that crosses 1,000 pages, is replaced by the thread and #keepLogBounded. */
  checkpointInBackground({ logLimitBytes = LOG_LIMIT_BYTES }: { logLimitBytes?: number } = {}): void {
    if (this.#checkpointer) return
    this.#checkpointer = new WalCheckpointer(this.#path)
    this.#logLimitBytes = logLimitBytes
    this.#client.execute('PRAGMA wal_autocheckpoint = 0')
  }

  async execute(stmt: InStatement) {
    if (isRead(stmt)) return this.#read(stmt)
    const result = await this.#lock.runExclusive(() =>
      this.#slow.time('execute', sqlOf(stmt), async () => {
        const result = this.#client.execute(stmt)
        this.#keepLogBounded()
        return result
      }),
    )
    await turnOfTheEventLoop()
    return result
  }

  /**
   * A read outside a transaction needs neither the lock nor the writer's connection: in WAL mode
   * a second connection reads the last commit while a write is under way. Without this, a page's
   * twenty reads each waited in line behind every answer being written (bench:pages, read under
   * write load). The engine is synchronous, so the read finishes before anything else runs, and
   * it sees every write this process has committed.
   */
  async #read(stmt: InStatement) {
    const result = await this.#slow.time('execute', sqlOf(stmt), async () => this.#reader.execute(stmt))
    await turnOfTheEventLoop()
    return result
  }

  async batch(stmts: InStatement[], mode: TransactionMode = 'write') {
    const result = await this.#lock.runExclusive(() =>
      this.#slow.time('batch', stmts.map(sqlOf).join('; '), async () => {
        const results = this.#client.batch(stmts, mode)
        this.#keepLogBounded()
        return results
      }),
    )
    await turnOfTheEventLoop()
    return result
  }

  /** Called holding the lock, so no transaction of ours is open. */
  #keepLogBounded(): void {
    if (!this.#checkpointer) return
    if (!this.#logTooLong) {
      if (++this.#calls % LOOK_AT_LOG_EVERY !== 0) return
      this.#logTooLong = (statSync(`${this.#path}-wal`, { throwIfNoEntry: false })?.size ?? 0) > this.#logLimitBytes
      if (!this.#logTooLong) return
    }
    // Copies the rest and empties the log; while the thread is checkpointing it answers "busy"
    // at once, and the next statement tries again.
    const [busy] = Array.from(this.#client.execute('PRAGMA wal_checkpoint(TRUNCATE)').rows[0] ?? [1])
    this.#logTooLong = busy !== 0
  }

  executeMultiple(sql: string) {
    return this.#lock.runExclusive(async () => this.#client.executeMultiple(sql))
  }

  /**
   * A transaction on the one connection, holding the lock until it ends (a second
   * connection would lose the PRAGMAs above and let a second writer in).
   */
  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    const release = await this.#lock.acquire()
    const client = this.#client
    try {
      client.execute(mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN DEFERRED')
    } catch (error) {
      release()
      throw error
    }
    let closed = false
    const end = async (sql: 'COMMIT' | 'ROLLBACK') => {
      if (closed) return
      try {
        client.execute(sql)
      } finally {
        closed = true
        release()
      }
    }
    return {
      execute: async (stmt) => client.execute(stmt),
      batch: async (stmts) => stmts.map((stmt) => client.execute(stmt)),
      executeMultiple: async (sql) => client.executeMultiple(sql),
      commit: () => end('COMMIT'),
      rollback: () => end('ROLLBACK'),
      close: () => {
        if (!closed) void end('ROLLBACK').catch(() => undefined)
      },
      get closed() {
        return closed
      },
    }
  }

  async catchUp(): Promise<boolean> {
    return false
  }

  async health(): Promise<DatabaseHealth> {
    try {
      await this.execute('SELECT 1')
      return { mode: this.mode, ok: true }
    } catch (error) {
      return { mode: this.mode, ok: false, error: errorMessage(error) }
    }
  }

  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true
      this.#client.close()
      this.#reader.close()
    }
    await this.#checkpointer?.stop()
  }
}
