import type { InStatement, ResultSet, Transaction, TransactionMode } from '@libsql/client'
import type { DatabaseConfig } from '../env.server'

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
  /**
   * Replica mode: sync from the primary now, for a row another instance has just
   * written (true once synced). Other modes always read the primary's data: false.
   */
  catchUp(): Promise<boolean>
  /**
   * Local mode, for a long-running process: SQLite's write-ahead log is checkpointed
   * from a worker thread instead of inside a request's COMMIT.
   */
  checkpointInBackground?(options?: { logLimitBytes?: number }): void
  close(): void | Promise<void>
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

export interface ClientOptions {
  slowQueryMs: number
  /** Upper bound for one write to a remote primary (the answer may then be unknown). */
  writeTimeoutMs?: number
  /** How often to look for the primary again after booting without it. */
  reconnectIntervalMs?: number
  /** Timeout for the primary probe used by health checks and reconnects. */
  probeTimeoutMs?: number
}
