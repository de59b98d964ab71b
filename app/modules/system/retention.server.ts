import type { InStatement } from '@libsql/client'
import { toDbTimestamp, writeBatch } from '~/utils/db.server'

const DELETE_CHUNK = 2000

/** The instant `months` calendar months before `now` (UTC), as the database stores instants. */
export function monthsBefore(now: Date, months: number): string {
  const cutoff = new Date(now)
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months)
  return toDbTimestamp(cutoff)
}

/**
 * Runs the owner's chunked DELETE (`chunk(limit)` deletes at most `limit` old rows) until a chunk
 * comes back short, so no statement holds the write lock for long while learners are answering.
 * Returns the number of rows removed. The SQL stays in the module that owns the table.
 */
export async function deleteInChunks(chunk: (limit: number) => InStatement): Promise<number> {
  let removed = 0
  for (;;) {
    const [result] = await writeBatch([chunk(DELETE_CHUNK)])
    const count = result?.rowsAffected ?? 0
    removed += count
    if (count < DELETE_CHUNK) return removed
    // Let the requests queued meanwhile have the connection before the next chunk.
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
}
