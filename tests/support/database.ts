import { databaseReady } from '~/utils/db.server'

/**
 * Every row of every table, for "nothing was written" checks: take one before
 * the requests, one after, and compare them. Cheap on a test database.
 */
export async function databaseSnapshot(): Promise<Record<string, unknown[]>> {
  const db = await databaseReady()
  const tables = await db.execute(
    `SELECT "name" FROM "sqlite_master" WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%' AND "name" NOT LIKE '_prisma_%' ORDER BY "name"`,
  )
  const snapshot: Record<string, unknown[]> = {}
  for (const { name } of tables.rows) {
    const result = await db.execute(`SELECT * FROM "${String(name)}"`)
    // Sorted by content: some tables have no rowid, and the order of a plain SELECT is not guaranteed.
    snapshot[String(name)] = result.rows
      .map((row) => Object.fromEntries(result.columns.map((column, i) => [column, comparable(row[i])])))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
  }
  return snapshot
}

function comparable(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString('hex')
  return value
}
