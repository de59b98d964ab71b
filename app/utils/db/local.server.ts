import type { InStatement, Transaction, TransactionMode } from '@libsql/client'
import { Mutex } from 'async-mutex'
import type { ClientOptions, DatabaseClient, DatabaseHealth } from './client.server'
import { errorMessage } from './errors.server'
import { SqliteFile } from './sqlite-file.server'
import { resolveFilePath, SlowQueryLog, sqlOf } from './support.server'
import { WalCheckpointer } from './wal-checkpointer.server'

// local: one SQLite file, its statements prepared once (sqlite-file.server.ts); in the
// server, its write-ahead log checkpointed off the event loop (wal-checkpointer.server.ts)

/**
 * With the checkpointer running, the commit that takes the log past this many pages (64 MB)
 * checkpoints the few pages the thread has not copied yet, so that the log can start over
 * even under unbroken writes (about once per 1,200 answers); should the thread stop, it is
 * SQLite's usual checkpoint.
 */
const BACKSTOP_CHECKPOINT_PAGES = 16_384
/** A log file that started over is cut back to this size. */
const LOG_FILE_LIMIT_BYTES = 64 * 1024 * 1024

/**
 * The engine answers synchronously, so without this a request's whole chain of statements
 * runs as promise continuations, and requests that arrive meanwhile are not even read until
 * every request already started has finished. Letting the event loop take a turn after each
 * call queues them for the connection in the order they came: at 8 learners answering at
 * once, p99 fell from ~100 to ~65 ms and throughput rose by a fifth (npm run bench:submit).
 */
const turnOfTheEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

export class LocalDatabaseClient implements DatabaseClient {
  readonly mode = 'local' as const
  readonly #lock = new Mutex()
  readonly #client: SqliteFile
  readonly #slow: SlowQueryLog
  readonly #path: string
  #checkpointer: WalCheckpointer | undefined
  #closed = false

  constructor(url: string, options: ClientOptions) {
    this.#path = resolveFilePath(url)
    this.#client = new SqliteFile(this.#path, { busyTimeoutMs: 5_000 })
    this.#slow = new SlowQueryLog(options.slowQueryMs)
  }

  /** WAL + synchronous=NORMAL: durable against crashes, no fsync per commit (notes/performance.md §4.1). */
  async init(): Promise<void> {
    this.#client.execute('PRAGMA journal_mode = WAL')
    this.#client.execute('PRAGMA synchronous = NORMAL')
    this.#client.execute('PRAGMA foreign_keys = ON')
    this.#client.execute(`PRAGMA journal_size_limit = ${LOG_FILE_LIMIT_BYTES}`)
  }

  checkpointInBackground(): void {
    if (this.#checkpointer) return
    this.#checkpointer = new WalCheckpointer(this.#path)
    this.#client.execute(`PRAGMA wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`)
  }

  async execute(stmt: InStatement) {
    const result = await this.#lock.runExclusive(() => this.#slow.time('execute', sqlOf(stmt), async () => this.#client.execute(stmt)))
    await turnOfTheEventLoop()
    return result
  }

  async batch(stmts: InStatement[], mode: TransactionMode = 'write') {
    const result = await this.#lock.runExclusive(() =>
      this.#slow.time('batch', stmts.map(sqlOf).join('; '), async () => this.#client.batch(stmts, mode)),
    )
    await turnOfTheEventLoop()
    return result
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
    }
    await this.#checkpointer?.stop()
  }
}
