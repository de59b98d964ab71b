import type { InStatement } from '@libsql/client'
import { databaseReady, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { textOrNull } from '~/utils/db/row-values'

/**
 * Batch data migrations (seed 002): data changes too big or too clever for one SQL statement,
 * run in batches keyed by primary key (`WHERE id > ? ORDER BY id LIMIT n`, never OFFSET) and
 * recorded in DataMigration like schema migrations in _prisma_migrations. A batch's writes and
 * the new cursor commit in one transaction, so an interrupted run resumes after the last batch
 * that committed, and no row is handled twice; a completed migration is never run again.
 * The list of migrations is app/modules/data-migrations.server.ts; each batch comes from the
 * module that owns the rows.
 */
export interface DataMigrationBatch {
  /** the owner's writes for this batch */
  statements: InStatement[]
  /** the primary key of the last row read; null when there was none */
  lastKey: string | null
  /** rows read in this batch; fewer than the limit means this was the last one */
  rows: number
}

export interface DataMigrationDefinition {
  /** unique and never reused, e.g. "20261207_document_content_hash" */
  name: string
  description: string
  /** reads at most `limit` rows with a key after `afterKey` and says what to write */
  batch: (afterKey: string | null, limit: number) => Promise<DataMigrationBatch>
}

export interface DataMigrationProgress {
  name: string
  batches: number
  rowsDone: number
  cursor: string | null
}

export interface DataMigrationState {
  name: string
  startedAt: string | null
  completedAt: string | null
  cursor: string | null
  rowsDone: number
  batches: number
}

async function stateOf(name: string): Promise<DataMigrationState | null> {
  const db = await databaseReady()
  const { rows } = await db.execute({
    sql: `SELECT "name", "startedAt", "completedAt", "cursor", "rowsDone", "batches" FROM "DataMigration" WHERE "name" = ?`,
    args: [name],
  })
  const row = rows[0]
  if (!row) return null
  return {
    name: String(row.name),
    startedAt: textOrNull(row.startedAt),
    completedAt: textOrNull(row.completedAt),
    cursor: textOrNull(row.cursor),
    rowsDone: Number(row.rowsDone),
    batches: Number(row.batches),
  }
}

/** Each migration's record, or a blank one for those never started. */
export async function dataMigrationStatus(
  migrations: readonly DataMigrationDefinition[],
): Promise<DataMigrationState[]> {
  const states: DataMigrationState[] = []
  for (const m of migrations)
    states.push(
      (await stateOf(m.name)) ?? {
        name: m.name,
        startedAt: null,
        completedAt: null,
        cursor: null,
        rowsDone: 0,
        batches: 0,
      },
    )
  return states
}

/**
 * Runs one migration from its stored cursor to the end; returns 'already-done' without reading
 * anything when it completed before. A failing batch writes nothing and is thrown; run again to resume.
 */
export async function runDataMigration(
  migration: DataMigrationDefinition,
  { batchSize = 500, onProgress }: { batchSize?: number; onProgress?: (progress: DataMigrationProgress) => void } = {},
): Promise<{ outcome: 'completed' | 'already-done'; state: DataMigrationState }> {
  const before = await stateOf(migration.name)
  if (before?.completedAt) return { outcome: 'already-done', state: before }
  if (!before)
    await writeBatch([
      {
        sql: `INSERT INTO "DataMigration" ("name", "startedAt", "rowsDone", "batches", "updatedAt") VALUES (?, ?, 0, 0, ?) ON CONFLICT ("name") DO NOTHING`,
        args: [migration.name, toDbTimestamp(new Date()), toDbTimestamp(new Date())],
      },
    ])
  let cursor = before?.cursor ?? null
  // The cursor guard makes this run the only one that commits these batches: its counts are the table's.
  let rowsDone = before?.rowsDone ?? 0
  let batches = before?.batches ?? 0
  for (;;) {
    const batch = await migration.batch(cursor, batchSize)
    const last = batch.rows < batchSize
    const at = toDbTimestamp(new Date())
    try {
      await writeBatch([
        {
          // Guarded by the cursor this batch started from: of two runs at once, one commits the batch.
          sql: `UPDATE "DataMigration" SET "cursor" = ?, "rowsDone" = "rowsDone" + ?, "batches" = "batches" + 1, "completedAt" = ?, "updatedAt" = ? WHERE "name" = ? AND "cursor" IS ? AND "completedAt" IS NULL`,
          args: [batch.lastKey ?? cursor, batch.rows, last ? at : null, at, migration.name, cursor],
        },
        // abs(-2^63) raises "integer overflow": the way to abort the transaction when the guard matched nothing.
        'SELECT CASE WHEN changes() = 0 THEN abs(-9223372036854775808) END',
        ...batch.statements,
      ])
    } catch (error) {
      if (String(error).includes('integer overflow'))
        throw new Error(`data migration ${migration.name} is being run elsewhere; run it again once that finishes`)
      throw error
    }
    cursor = batch.lastKey ?? cursor
    rowsDone += batch.rows
    batches++
    onProgress?.({ name: migration.name, batches, rowsDone, cursor })
    if (last) return { outcome: 'completed', state: (await stateOf(migration.name))! }
  }
}
