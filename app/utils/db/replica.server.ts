import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { createClient, type Client, type InStatement, type Transaction, type TransactionMode } from '@libsql/client'
import { Mutex } from 'async-mutex'
import type { DatabaseConfig } from '../env.server'
import { log } from '../log.server'
import type { ClientOptions, DatabaseClient, DatabaseHealth, ReplicaStatus } from './types'
import { DatabaseUnavailableError, errorMessage, isAuthError, isConnectivityError, withTimeout } from './errors.server'
import { asWrite, isReadOnlyStatement, resolveFilePath, SlowQueryLog, sqlOf } from './support.server'

// replica: an embedded replica for reads, the primary for writes (docs/decisions/0003)

type ReplicaConfig = Extract<DatabaseConfig, { mode: 'replica' }>

export class ReplicaDatabaseClient implements DatabaseClient {
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
    await this.catchUp()
  }

  /** Syncs now if the primary answers; false when it could not (offline, closed, unreachable). */
  async catchUp(): Promise<boolean> {
    if (this.#state !== 'syncing' || this.#closed) return false
    if (!(await this.#probePrimary())) return false
    await this.requestSync()
    return true
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
    if (!reader)
      throw new DatabaseUnavailableError('The replica has not been created yet and the primary is unreachable')
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
    if (isReadOnlyStatement(sql))
      return this.#read((reader) => this.#slow.time('read', sql, () => reader.execute(stmt)))
    return this.#write(() => this.#slow.time('write', sql, () => this.#primary.execute(stmt)))
  }

  batch(stmts: InStatement[], mode: TransactionMode = 'write') {
    return this.#write(() =>
      this.#slow.time('batch', stmts.map(sqlOf).join('; '), () => this.#primary.batch(stmts, mode)),
    )
  }

  executeMultiple(sql: string) {
    return this.#write(() => this.#primary.executeMultiple(sql))
  }

  async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
    const tx = await asWrite(() =>
      withTimeout(this.#primary.transaction(mode), this.#options.writeTimeoutMs, 'the primary'),
    )
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
