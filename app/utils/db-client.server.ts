import { existsSync, mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { createClient, type Client, type InStatement, type ResultSet, type Transaction, type TransactionMode } from '@libsql/client'
import { Mutex } from 'async-mutex'
import type { DatabaseConfig } from './env.server'
import { log } from './log.server'

/**
 * The one libSQL connection of the process, in one of three modes.
 *
 * Prisma's libSQL adapter and our raw write batches both talk to this object, so
 * everything that must be serialised is serialised in one place:
 *  - local: one SQLite connection; a mutex orders Prisma's transactions and our
 *    batches (transactions are run on that same connection, so per-connection
 *    PRAGMAs such as synchronous=NORMAL are never lost).
 *  - remote: the HTTP (Hrana) client of the primary; every call is independent.
 *  - replica: reads go to the embedded replica file; every write, batch and
 *    transaction goes straight to the primary over HTTP (one round trip for a
 *    batch, no write delegation), then the replica is synced before the call
 *    returns so the writing instance reads its own writes. See
 *    docs/decisions/0003-replica-writes-go-to-the-primary.md.
 */
export interface DatabaseClient {
  readonly mode: DatabaseConfig['mode']
  execute(stmt: InStatement): Promise<ResultSet>
  batch(stmts: InStatement[], mode?: TransactionMode): Promise<ResultSet[]>
  transaction(mode?: TransactionMode): Promise<Transaction>
  executeMultiple(sql: string): Promise<void>
  health(): Promise<DatabaseHealth>
  close(): void
}

export interface ReplicaStatus {
  /** Whether the replica file is served by a syncing replica or, while the primary was down at boot, read-only. */
  state: 'syncing' | 'offline-read-only'
  lastSyncAt: string | null
  frameNo: number | null
  lastSyncError: string | null
  primaryReachable: boolean
}

export interface DatabaseHealth {
  mode: DatabaseConfig['mode']
  ok: boolean
  error?: string
  replica?: ReplicaStatus
}

/**
 * The database could not be reached. `outcomeUnknown` is set when a request was
 * sent but not answered in time: a write may then have been applied or not.
 */
export class DatabaseUnavailableError extends Error {
  readonly outcomeUnknown: boolean
  constructor(message: string, options?: { cause?: unknown; outcomeUnknown?: boolean }) {
    super(message, options)
    this.name = 'DatabaseUnavailableError'
    this.outcomeUnknown = options?.outcomeUnknown ?? false
  }
}

export interface ClientOptions {
  slowQueryMs: number
  /** Upper bound for one write to a remote primary (the answer may then be unknown). */
  writeTimeoutMs?: number
  /** How often to look for the primary again after booting without it. */
  reconnectIntervalMs?: number
  /** Timeout for the primary probe used by health checks and reconnects. */
  probeTimeoutMs?: number
}

const READ_ONLY_SQL = /^\s*(?:(?:--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)\s*)*(select|explain|values)\b/i
const CTE_SQL = /^\s*with\b/i
const WRITE_KEYWORD = /\b(insert|update|delete|replace|create|drop|alter)\b/i
const PRAGMA_READ = /^\s*pragma\s+[\w."]+\s*;?\s*$/i

/** True when a statement only reads, so a replica may answer it. Anything uncertain counts as a write. */
export function isReadOnlyStatement(sql: string): boolean {
  if (READ_ONLY_SQL.test(sql)) return true
  if (CTE_SQL.test(sql)) return !WRITE_KEYWORD.test(sql)
  return PRAGMA_READ.test(sql)
}

function sqlOf(stmt: InStatement): string {
  return typeof stmt === 'string' ? stmt : stmt.sql
}

const CONNECTIVITY_PATTERNS = [
  /fetch failed/i,
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|socket hang up/i,
  /error trying to connect|connection refused|connection reset/i,
  /WriteDelegation|PrimaryHandshakeTimeout|Timed out while opening database connection/i,
  /timed out|did not answer within/i,
]

/** True when the error, or any error in its `cause` chain, satisfies the test. */
export function anyCause(error: unknown, test: (e: unknown, message: string) => boolean): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth++) {
    const message = e instanceof Error ? `${e.message} ${(e as { code?: unknown }).code ?? ''}` : String(e)
    if (test(e, message)) return true
    e = e instanceof Error ? e.cause : undefined
  }
  return false
}

/** True for errors that mean "could not reach the database", as opposed to a SQL error. */
export function isConnectivityError(error: unknown): boolean {
  return anyCause(error, (e, message) => e instanceof DatabaseUnavailableError || CONNECTIVITY_PATTERNS.some((p) => p.test(message)))
}

/** True when the primary refused our credentials: a configuration error, not an outage. */
export function isAuthError(error: unknown): boolean {
  return anyCause(error, (_e, message) => /unauthori[sz]ed|\b401\b|invalid.*(token|jwt)|jwt|authentication/i.test(message))
}

/** A request was sent but not answered in time: a write may or may not have been applied. */
export function isOutcomeUnknown(error: unknown): boolean {
  return anyCause(error, (e, message) => (e instanceof DatabaseUnavailableError && e.outcomeUnknown) || /did not answer within/.test(message))
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`${what} did not answer within ${ms} ms`, { outcomeUnknown: true })), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

class SlowQueryLog {
  constructor(private readonly thresholdMs: number) {}

  async time<T>(what: string, sql: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now()
    try {
      return await run()
    } finally {
      const ms = performance.now() - started
      if (ms > this.thresholdMs) {
        log.warn('slow query', { ms: Math.round(ms * 10) / 10, kind: what, sql: sql.replace(/\s+/g, ' ').slice(0, 300) })
      }
    }
  }
}

/** Wraps writer errors so callers can tell an outage (503) from a SQL error. */
async function asWrite<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (isConnectivityError(error) && !(error instanceof DatabaseUnavailableError)) {
      throw new DatabaseUnavailableError(`The database primary could not be reached: ${errorMessage(error)}`, { cause: error })
    }
    throw error
  }
}

export function resolveFilePath(fileUrl: string): string {
  return resolve(fileUrl.replace(/^file:(\/\/)?/, ''))
}

function openLocalFile(url: string): Client {
  const path = resolveFilePath(url)
  mkdirSync(dirname(path), { recursive: true })
  return createClient({ url: `file:${path}`, timeout: 5_000 })
}

// ---------------------------------------------------------------------------
// local: one SQLite file

class LocalDatabaseClient implements DatabaseClient {
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

// ---------------------------------------------------------------------------
// remote: a libSQL server / Turso over HTTP

class RemoteDatabaseClient implements DatabaseClient {
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
    return this.#call(() => this.#slow.time('batch', stmts.map(sqlOf).join('; '), () => this.#client.batch(stmts, mode)))
  }

  executeMultiple(sql: string) {
    return this.#call(() => this.#client.executeMultiple(sql))
  }

  transaction(mode: TransactionMode = 'write') {
    return this.#call(() => this.#client.transaction(mode))
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

// ---------------------------------------------------------------------------
// replica: an embedded replica for reads, the primary for writes

type ReplicaConfig = Extract<DatabaseConfig, { mode: 'replica' }>

class ReplicaDatabaseClient implements DatabaseClient {
  readonly mode = 'replica' as const
  readonly #config: ReplicaConfig
  readonly #options: Required<ClientOptions>
  readonly #slow: SlowQueryLog
  /** Direct HTTP client of the primary: all writes, batches and transactions. */
  readonly #primary: Client
  /** The replica, or (primary down at boot) the replica file opened read-only, or none yet. */
  #reader: Client | null = null
  #state: ReplicaStatus['state'] = 'syncing'
  /** Held while the reader is being replaced, so no read sees a closed client. */
  readonly #swap = new Mutex()
  #lastSyncAt: Date | null = null
  #frameNo: number | null = null
  #lastSyncError: string | null = null
  #primaryReachable = true
  #running: Promise<void> | null = null
  #queued: Promise<void> | null = null
  #timers: NodeJS.Timeout[] = []
  #closed = false

  constructor(config: ReplicaConfig, options: ClientOptions) {
    this.#config = config
    this.#options = { reconnectIntervalMs: 2_000, probeTimeoutMs: 2_000, writeTimeoutMs: 10_000, ...options }
    this.#slow = new SlowQueryLog(options.slowQueryMs)
    this.#primary = createClient({ url: config.primaryUrl, authToken: config.authToken })
  }

  /*
   * libSQL's replica does its network I/O inside *synchronous* native calls:
   * creating the replica (it asks the primary first) and sync(). Against a primary
   * that accepts connections but never answers, either call would block the
   * event loop for as long as that lasts. So neither is ever made until the
   * primary has just answered an asynchronous probe (or a write).
   */

  /**
   * Opens the replica. If the primary does not answer, the replica file (when it
   * exists) is served read-only and the primary is looked for in the background.
   */
  async init(): Promise<void> {
    const path = resolveFilePath(this.#config.url)
    mkdirSync(dirname(path), { recursive: true })
    let probeError: unknown
    try {
      await withTimeout(this.#primary.execute('SELECT 1'), this.#options.probeTimeoutMs, 'primary probe')
    } catch (error) {
      // A refused token must stop the app with a clear message; the replica
      // itself would only report it later, as a replication handshake timeout.
      if (isAuthError(error)) throw error
      probeError = error
    }
    if (probeError === undefined) {
      try {
        this.#reader = this.#openReplica()
        this.#state = 'syncing'
        await this.requestSync()
      } catch (error) {
        if (isAuthError(error) || !isConnectivityError(error)) throw error
        probeError = error
      }
    }
    if (probeError !== undefined) this.#startOffline(path, probeError)
    this.#every(this.#config.syncIntervalSeconds * 1000, () => void this.#periodicSync())
  }

  #startOffline(path: string, error: unknown) {
    this.#primaryReachable = false
    this.#lastSyncError = errorMessage(error)
    this.#state = 'offline-read-only'
    // Only an existing replica file is worth serving; never create an empty one here.
    this.#reader = existsSync(path) ? createClient({ url: `file:${path}` }) : null
    log.warn('primary unreachable at boot; serving reads from the replica file until it returns', {
      primary: this.#config.primaryUrl,
      replicaFile: this.#reader ? 'present' : 'missing',
      error: errorMessage(error),
    })
    this.#every(this.#options.reconnectIntervalMs, () => void this.#tryReconnect())
  }

  #openReplica(): Client {
    // syncInterval is left unset: libSQL's own periodic sync would block the event
    // loop whenever the primary hangs. We sync ourselves (see #periodicSync).
    return createClient({
      url: `file:${resolveFilePath(this.#config.url)}`,
      syncUrl: this.#config.primaryUrl,
      authToken: this.#config.authToken,
    })
  }

  #every(ms: number, fn: () => void) {
    const timer = setInterval(fn, ms)
    timer.unref()
    this.#timers.push(timer)
  }

  async #periodicSync() {
    if (this.#state !== 'syncing' || this.#closed) return
    if (await this.#probePrimary()) await this.requestSync()
  }

  async #tryReconnect() {
    if (this.#state !== 'offline-read-only' || this.#closed || this.#swap.isLocked()) return
    if (!(await this.#probePrimary())) return
    const reconnected = await this.#swap.runExclusive(() => {
      if (this.#state !== 'offline-read-only') return false
      const path = resolveFilePath(this.#config.url)
      // Never two clients on one replica file: close the read-only one first.
      this.#reader?.close()
      try {
        this.#reader = this.#openReplica()
        this.#state = 'syncing'
        log.info('primary is back; replica reconnected', { primary: this.#config.primaryUrl })
        return true
      } catch (error) {
        this.#reader = existsSync(path) ? createClient({ url: `file:${path}` }) : null
        this.#lastSyncError = errorMessage(error)
        return false
      }
    })
    if (reconnected) await this.requestSync()
  }

  async #probePrimary(): Promise<boolean> {
    try {
      await withTimeout(this.#primary.execute('SELECT 1'), this.#options.probeTimeoutMs, 'primary probe')
      this.#primaryReachable = true
    } catch (error) {
      this.#primaryReachable = false
      this.#lastSyncError = `primary probe failed: ${errorMessage(error)}`
    }
    return this.#primaryReachable
  }

  async #read<T>(run: (reader: Client) => Promise<T>): Promise<T> {
    if (this.#swap.isLocked()) await this.#swap.waitForUnlock()
    const reader = this.#reader
    if (!reader) throw new DatabaseUnavailableError('The replica has not been created yet and the primary is unreachable')
    return run(reader)
  }

  /**
   * Brings the replica up to date. Concurrent callers share syncs: a caller is
   * answered by a sync that started after it asked, so a writer that awaits this
   * reads its own write. Callers must know the primary is answering (see above).
   * Never throws; failures are recorded for /healthcheck.
   */
  requestSync(): Promise<void> {
    if (!this.#running) {
      this.#running = this.#syncOnce().finally(() => {
        this.#running = null
      })
      return this.#running
    }
    this.#queued ??= this.#running.then(() => {
      this.#queued = null
      return this.requestSync()
    })
    return this.#queued
  }

  async #syncOnce(): Promise<void> {
    const reader = this.#reader
    if (!reader || this.#state !== 'syncing' || this.#closed) return
    try {
      const result = await reader.sync()
      this.#lastSyncAt = new Date()
      this.#frameNo = result?.frame_no ?? this.#frameNo
      this.#lastSyncError = null
      this.#primaryReachable = true
    } catch (error) {
      this.#lastSyncError = errorMessage(error)
      this.#primaryReachable = false
      log.warn('replica sync failed', { error: this.#lastSyncError })
    }
  }

  execute(stmt: InStatement) {
    const sql = sqlOf(stmt)
    if (isReadOnlyStatement(sql)) return this.#read((reader) => this.#slow.time('read', sql, () => reader.execute(stmt)))
    return this.#write(() => this.#slow.time('write', sql, () => this.#primary.execute(stmt)))
  }

  batch(stmts: InStatement[], mode: TransactionMode = 'write') {
    return this.#write(() => this.#slow.time('batch', stmts.map(sqlOf).join('; '), () => this.#primary.batch(stmts, mode)))
  }

  executeMultiple(sql: string) {
    return this.#write(() => this.#primary.executeMultiple(sql))
  }

  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    const tx = await asWrite(() => withTimeout(this.#primary.transaction(mode), this.#options.writeTimeoutMs, 'the primary'))
    const commit = tx.commit.bind(tx)
    tx.commit = () => this.#write(commit)
    return tx
  }

  /** A write to the primary, bounded in time, then a sync so this instance reads it. */
  async #write<T>(run: () => Promise<T>): Promise<T> {
    const result = await asWrite(() => withTimeout(run(), this.#options.writeTimeoutMs, 'the primary'))
    this.#primaryReachable = true
    if (this.#state === 'syncing') await this.requestSync()
    return result
  }

  async health(): Promise<DatabaseHealth> {
    const [readable, primaryReachable] = await Promise.all([
      this.#read((reader) => reader.execute('SELECT 1')).then(
        () => null,
        (error: unknown) => errorMessage(error),
      ),
      this.#probePrimary(),
    ])
    return {
      mode: this.mode,
      ok: readable === null,
      ...(readable === null ? {} : { error: readable }),
      replica: {
        state: this.#state,
        lastSyncAt: this.#lastSyncAt?.toISOString() ?? null,
        frameNo: this.#frameNo,
        lastSyncError: this.#lastSyncError,
        primaryReachable,
      },
    }
  }

  close() {
    this.#closed = true
    for (const timer of this.#timers) clearInterval(timer)
    this.#reader?.close()
    this.#primary.close()
  }
}

export async function openDatabaseClient(config: DatabaseConfig, options: ClientOptions): Promise<DatabaseClient> {
  switch (config.mode) {
    case 'local': {
      const client = new LocalDatabaseClient(config.url, options)
      await client.init()
      return client
    }
    case 'remote': {
      const client = new RemoteDatabaseClient(config.url, config.authToken, options)
      await client.init()
      return client
    }
    case 'replica': {
      const client = new ReplicaDatabaseClient(config, options)
      await client.init()
      return client
    }
  }
}
