import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createClient, type Client } from '@libsql/client'
import { errorMessage } from './db/errors.server'
import { openLocalFile, resolveFilePath } from './db/support.server'
import type { DatabaseConfig } from './env.server'

/**
 * Applies the committed migrations in prisma/migrations with Prisma's own
 * bookkeeping table (`_prisma_migrations`), so `prisma migrate deploy` from the
 * native CLI agrees with us about what is applied.
 *
 * Unlike Prisma's runner, each migration runs in one transaction together with
 * its bookkeeping row: a migration that fails leaves the database exactly as it
 * was and is not recorded (docs/decisions/0004-migrations-without-downloads.md).
 */

export const MIGRATIONS_DIR = resolve('prisma/migrations')
const NAME = /^\d{14}_[a-z0-9_]+$/

export interface Migration {
  name: string
  sql: string
  checksum: string
}

export interface AppliedMigration {
  name: string
  checksum: string
  finishedAt: string | null
  rolledBackAt: string | null
}

export interface MigrationStatus {
  applied: Array<AppliedMigration & { modified: boolean }>
  pending: Migration[]
  /** Recorded as started but never finished (a failed run of the native Prisma CLI). */
  failed: AppliedMigration[]
  /** Applied to the database but missing from prisma/migrations. */
  unknown: AppliedMigration[]
}

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'MigrationError'
  }
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql).digest('hex')
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      if (!NAME.test(name))
        throw new MigrationError(`Migration folder "${name}" must be named <14-digit timestamp>_<snake_case_name>`)
      const file = join(dir, name, 'migration.sql')
      if (!existsSync(file)) throw new MigrationError(`Migration "${name}" has no migration.sql`)
      const sql = readFileSync(file, 'utf8')
      assertNoTransactionControl(name, sql)
      return { name, sql, checksum: checksumOf(sql) }
    })
}

/** Each migration already runs inside our transaction; its own BEGIN/COMMIT would break that. */
function assertNoTransactionControl(name: string, sql: string) {
  const withoutComments = sql.replace(/--[^\n]*/g, '')
  if (
    /^\s*(BEGIN\s*;|BEGIN\s+(DEFERRED|IMMEDIATE|EXCLUSIVE|TRANSACTION)\b|COMMIT\b|END\s+TRANSACTION\b|ROLLBACK\b)/im.test(
      withoutComments,
    )
  ) {
    throw new MigrationError(
      `Migration "${name}" contains BEGIN/COMMIT/ROLLBACK; remove them, every migration already runs in a transaction`,
    )
  }
}

// The DDL Prisma's schema engine uses for SQLite.
const CREATE_BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`

async function readApplied(client: Client): Promise<AppliedMigration[]> {
  await client.execute(CREATE_BOOKKEEPING)
  const result = await client.execute(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at, migration_name',
  )
  return result.rows.map((row) => ({
    name: String(row.migration_name),
    checksum: String(row.checksum),
    finishedAt: row.finished_at === null ? null : String(row.finished_at),
    rolledBackAt: row.rolled_back_at === null ? null : String(row.rolled_back_at),
  }))
}

export async function migrationStatus(client: Client, migrations = readMigrations()): Promise<MigrationStatus> {
  const rows = await readApplied(client)
  const done = rows.filter((row) => row.finishedAt !== null && row.rolledBackAt === null)
  const doneNames = new Set(done.map((row) => row.name))
  const known = new Map(migrations.map((m) => [m.name, m]))
  return {
    applied: done
      .filter((row) => known.has(row.name))
      .map((row) => ({ ...row, modified: known.get(row.name)?.checksum !== row.checksum })),
    pending: migrations.filter((m) => !doneNames.has(m.name)),
    failed: rows.filter((row) => row.finishedAt === null && row.rolledBackAt === null),
    unknown: done.filter((row) => !known.has(row.name)),
  }
}

function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

/**
 * Foreign keys are switched off while a migration runs (SQLite table
 * redefinitions drop and recreate tables) and checked before commit: a
 * violation aborts the transaction. abs(-2^63) raises "integer overflow",
 * the only way to fail a plain SQL script on a condition.
 */
const FOREIGN_KEY_GUARD =
  'SELECT CASE WHEN EXISTS (SELECT 1 FROM pragma_foreign_key_check) THEN abs(-9223372036854775808) END'

function transactionScript(migration: Migration): string {
  const now = new Date().toISOString()
  return [
    'PRAGMA foreign_keys = OFF;',
    'BEGIN IMMEDIATE;',
    migration.sql.trim().replace(/;?\s*$/, ';'),
    `${FOREIGN_KEY_GUARD};`,
    `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (${[
      sqlString(randomUUID()),
      sqlString(migration.checksum),
      sqlString(now),
      sqlString(migration.name),
      'NULL',
      'NULL',
      sqlString(now),
      '1',
    ].join(', ')});`,
    'COMMIT;',
    'PRAGMA foreign_keys = ON;',
  ].join('\n')
}

export interface ApplyResult {
  applied: string[]
  alreadyApplied: number
}

/** Applies every pending migration in order; stops at the first failure, which changes nothing. */
export async function applyMigrations(
  client: Client,
  options: { migrations?: Migration[]; onApplied?: (name: string, ms: number) => void } = {},
): Promise<ApplyResult> {
  const migrations = options.migrations ?? readMigrations()
  const status = await migrationStatus(client, migrations)
  if (status.failed.length > 0) {
    const names = status.failed.map((row) => row.name).join(', ')
    throw new MigrationError(
      `The database records a failed migration (${names}) from an earlier run of the Prisma CLI. ` +
        'Inspect the database, then run `npx prisma migrate resolve --rolled-back <name>` (or --applied) before migrating again.',
    )
  }
  const applied: string[] = []
  for (const migration of status.pending) {
    const started = performance.now()
    try {
      await client.executeMultiple(transactionScript(migration))
    } catch (error) {
      await client.execute('PRAGMA foreign_keys = ON').catch(() => undefined)
      // Another instance may have applied it in the meantime; that is not a failure.
      const again = await migrationStatus(client, migrations)
      if (!again.pending.some((m) => m.name === migration.name)) continue
      const reason = errorMessage(error)
      const detail = /integer overflow/i.test(reason) ? 'it would leave rows that break a foreign key' : reason
      throw new MigrationError(
        `Migration ${migration.name} failed: ${detail}. Nothing from it was applied; the database is as it was` +
          (applied.length ? ` after ${applied.join(', ')}.` : '.'),
        { cause: error },
      )
    }
    applied.push(migration.name)
    options.onApplied?.(migration.name, performance.now() - started)
  }
  return { applied, alreadyApplied: status.applied.length }
}

/**
 * The database that migrations are applied to: the local file, or the primary
 * (never an embedded replica file: its writes would not reach the primary).
 */
export function openMigrationTarget(config: DatabaseConfig): { client: Client; description: string } {
  if (config.mode === 'local')
    return { client: openLocalFile(config.url), description: `local file ${resolveFilePath(config.url)}` }
  const url = config.mode === 'remote' ? config.url : config.primaryUrl
  return { client: createClient({ url, authToken: config.authToken }), description: `primary ${url}` }
}
