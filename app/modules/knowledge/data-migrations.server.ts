import type { DataMigrationBatch } from '~/modules/system/data-migrations.server'
import { databaseReady } from '~/utils/db.server'
import { contentHash } from './ingestion.server'

/**
 * Knowledge's batch data migrations (listed in app/modules/data-migrations.server.ts).
 *
 * Documents written before their content was hashed (the demo data, early uploads) have no
 * contentHash, so ingesting the same text again redoes the chunking and embedding the hash
 * exists to skip. sha256 has no SQL function, so the backfill reads each batch and writes the hash.
 */
export async function documentContentHashBatch(afterKey: string | null, limit: number): Promise<DataMigrationBatch> {
  const db = await databaseReady()
  const { rows } = await db.execute({
    sql: `SELECT "id", "content", "contentHash" FROM "Document" WHERE "id" > ? ORDER BY "id" LIMIT ?`,
    args: [afterKey ?? '', limit],
  })
  return {
    statements: rows
      .filter((row) => row.contentHash === null)
      .map((row) => ({
        // Only a hash still missing: a document re-ingested meanwhile keeps its own.
        sql: `UPDATE "Document" SET "contentHash" = ? WHERE "id" = ? AND "contentHash" IS NULL`,
        args: [contentHash(String(row.content)), String(row.id)],
      })),
    lastKey: rows.length ? String(rows.at(-1)!.id) : null,
    rows: rows.length,
  }
}
