import { createClient, type Client, type InStatement, type TransactionMode } from '@libsql/client'
import { log } from '../log.server'
import type { ClientOptions, DatabaseClient, DatabaseHealth } from './types'
import { errorMessage, isAuthError, withTimeout } from './errors.server'
import { asWrite, SlowQueryLog, sqlOf } from './support.server'

// remote: a libSQL server / Turso over HTTP

export class RemoteDatabaseClient implements DatabaseClient {
  readonly mode = 'remote' as const
  readonly #client: Client
  readonly #slow: SlowQueryLog
  readonly #timeoutMs: number

  constructor(url: string, authToken: string | undefined, options: ClientOptions) {
    this.#client = createClient({ url, authToken })
    this.#slow = new SlowQueryLog(options.slowQueryMs)
    this.#timeoutMs = options.writeTimeoutMs ?? 10_000
  }

  /** Fails fast on a refused token; an unreachable server is only logged (it may come back). */
  async init(): Promise<void> {
    try {
      await withTimeout(this.#client.execute('SELECT 1'), 5_000, 'the database server')
    } catch (error) {
      if (isAuthError(error)) throw error
      log.warn('database server unreachable at boot', { error: errorMessage(error) })
    }
  }

  /** Every call is a network request: bound it, and report an outage as such. */
  #call<T>(run: () => Promise<T>): Promise<T> {
    return asWrite(() => withTimeout(run(), this.#timeoutMs, 'the database server'))
  }

  execute(stmt: InStatement) {
    return this.#call(() => this.#slow.time('execute', sqlOf(stmt), () => this.#client.execute(stmt)))
  }

  batch(stmts: InStatement[], mode: TransactionMode = 'write') {
    return this.#call(() =>
      this.#slow.time('batch', stmts.map(sqlOf).join('; '), () => this.#client.batch(stmts, mode)),
    )
  }

  executeMultiple(sql: string) {
    return this.#call(() => this.#client.executeMultiple(sql))
  }

  transaction(mode: TransactionMode = 'write') {
    return this.#call(() => this.#client.transaction(mode))
  }

  async catchUp(): Promise<boolean> {
    return false
  }

  async health(): Promise<DatabaseHealth> {
    try {
      await withTimeout(this.#client.execute('SELECT 1'), 5_000, 'health probe')
      return { mode: this.mode, ok: true }
    } catch (error) {
      return { mode: this.mode, ok: false, error: errorMessage(error) }
    }
  }

  close() {
    this.#client.close()
  }
}
