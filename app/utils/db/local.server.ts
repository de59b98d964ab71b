import type { Client, InStatement, ResultSet, Transaction, TransactionMode } from '@libsql/client'
import { Mutex } from 'async-mutex'
import type { ClientOptions, DatabaseClient, DatabaseHealth } from './client.server'
import { errorMessage } from './errors.server'
import { openLocalFile, SlowQueryLog, sqlOf } from './support.server'

// local: one SQLite file

export class LocalDatabaseClient implements DatabaseClient {
  readonly mode = 'local' as const
  readonly #lock = new Mutex()
  readonly #client: Client
  readonly #slow: SlowQueryLog

  constructor(url: string, options: ClientOptions) {
    this.#client = openLocalFile(url)
    this.#slow = new SlowQueryLog(options.slowQueryMs)
  }

  /** WAL + synchronous=NORMAL: durable against crashes, no fsync per commit (notes/performance.md §4.1). */
  async init(): Promise<void> {
    await this.#client.execute('PRAGMA journal_mode = WAL')
    await this.#client.execute('PRAGMA synchronous = NORMAL')
    await this.#client.execute('PRAGMA foreign_keys = ON')
  }

  execute(stmt: InStatement) {
    return this.#lock.runExclusive(() => this.#slow.time('execute', sqlOf(stmt), () => this.#client.execute(stmt)))
  }

  batch(stmts: InStatement[], mode: TransactionMode = 'write') {
    return this.#lock.runExclusive(() =>
      this.#slow.time('batch', stmts.map(sqlOf).join('; '), () => this.#client.batch(stmts, mode)),
    )
  }

  executeMultiple(sql: string) {
    return this.#lock.runExclusive(() => this.#client.executeMultiple(sql))
  }

  /**
   * A transaction on the one connection, holding the lock until it ends.
   * (@libsql/client's own transaction() hands the connection away and opens a
   * new one, which would lose the PRAGMAs above and let a second writer in.)
   */
  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    const release = await this.#lock.acquire()
    const client = this.#client
    try {
      await client.execute(mode === 'read' ? 'BEGIN DEFERRED' : mode === 'write' ? 'BEGIN IMMEDIATE' : 'BEGIN DEFERRED')
    } catch (error) {
      release()
      throw error
    }
    let closed = false
    const end = async (sql: 'COMMIT' | 'ROLLBACK') => {
      if (closed) return
      try {
        await client.execute(sql)
      } finally {
        closed = true
        release()
      }
    }
    return {
      execute: (stmt) => client.execute(stmt),
      batch: async (stmts) => {
        const results: ResultSet[] = []
        for (const stmt of stmts) results.push(await client.execute(stmt))
        return results
      },
      executeMultiple: (sql) => client.executeMultiple(sql),
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

  close() {
    this.#client.close()
  }
}
