import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient, type Client } from '@libsql/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  applyMigrations,
  checksumOf,
  migrationStatus,
  MigrationError,
  readMigrations,
  type Migration,
} from './migrations.server'

function migration(name: string, sql: string): Migration {
  return { name, sql, checksum: checksumOf(sql) }
}

const CREATE_PARENT = migration('20260101000000_parent', 'CREATE TABLE "Parent" ("id" TEXT NOT NULL PRIMARY KEY);')
const CREATE_CHILD = migration(
  '20260102000000_child',
  `CREATE TABLE "Child" ("id" TEXT NOT NULL PRIMARY KEY, "parentId" TEXT NOT NULL,
     CONSTRAINT "Child_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent" ("id") ON DELETE CASCADE);`,
)

async function tables(client: Client) {
  const result = await client.execute(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  )
  return result.rows.map((row) => String(row.name))
}

describe('applyMigrations', () => {
  let client: Client
  beforeEach(() => {
    client = createClient({ url: `file:${join(mkdtempSync(join(tmpdir(), 'questlog-migrate-')), 'test.db')}` })
  })
  afterEach(() => client.close())

  it('applies pending migrations in order and records them as Prisma does', async () => {
    const result = await applyMigrations(client, { migrations: [CREATE_PARENT, CREATE_CHILD] })
    expect(result.applied).toEqual([CREATE_PARENT.name, CREATE_CHILD.name])
    expect(await tables(client)).toEqual(['Child', 'Parent', '_prisma_migrations'])
    const rows = await client.execute(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    )
    expect(rows.rows.map((r) => [r.migration_name, r.checksum, r.rolled_back_at, r.applied_steps_count])).toEqual([
      [CREATE_PARENT.name, checksumOf(CREATE_PARENT.sql), null, 1],
      [CREATE_CHILD.name, checksumOf(CREATE_CHILD.sql), null, 1],
    ])
    expect(rows.rows.every((r) => typeof r.finished_at === 'string')).toBe(true)
  })

  it('is a no-op the second time', async () => {
    await applyMigrations(client, { migrations: [CREATE_PARENT] })
    const again = await applyMigrations(client, { migrations: [CREATE_PARENT] })
    expect(again).toEqual({ applied: [], alreadyApplied: 1 })
  })

  it('leaves the database exactly as it was when a migration fails, and names it', async () => {
    await applyMigrations(client, { migrations: [CREATE_PARENT] })
    await client.execute(`INSERT INTO "Parent" VALUES ('p1')`)
    const broken = migration(
      '20260103000000_broken',
      'CREATE TABLE "Half" ("id" TEXT);\nINSERT INTO "Half" VALUES (\'x\');\nALTER TABLE "Nope" ADD COLUMN "x" TEXT;',
    )
    const error = await applyMigrations(client, { migrations: [CREATE_PARENT, broken, CREATE_CHILD] }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(MigrationError)
    expect((error as Error).message).toContain('20260103000000_broken')
    expect((error as Error).message).toContain('no such table: Nope')
    expect((error as Error).message).toContain('Nothing from it was applied')
    expect(await tables(client)).toEqual(['Parent', '_prisma_migrations'])
    const status = await migrationStatus(client, [CREATE_PARENT, broken, CREATE_CHILD])
    expect(status.pending.map((m) => m.name)).toEqual([broken.name, CREATE_CHILD.name])
    expect((await client.execute('SELECT count(*) AS n FROM "Parent"')).rows[0]?.n).toBe(1)
    expect((await client.execute('PRAGMA foreign_keys')).rows[0]?.foreign_keys).toBe(1)
  })

  it('rolls back a migration that would leave rows breaking a foreign key', async () => {
    await applyMigrations(client, { migrations: [CREATE_PARENT, CREATE_CHILD] })
    const orphan = migration('20260104000000_orphan', `INSERT INTO "Child" VALUES ('c1', 'missing-parent');`)
    await expect(applyMigrations(client, { migrations: [CREATE_PARENT, CREATE_CHILD, orphan] })).rejects.toThrow(
      /foreign key/,
    )
    expect((await client.execute('SELECT count(*) AS n FROM "Child"')).rows[0]?.n).toBe(0)
  })

  it('redefines a table (foreign keys off) without cascading deletes into its children', async () => {
    await applyMigrations(client, { migrations: [CREATE_PARENT, CREATE_CHILD] })
    await client.batch([`INSERT INTO "Parent" VALUES ('p1')`, `INSERT INTO "Child" VALUES ('c1', 'p1')`], 'write')
    // The shape of Prisma's SQLite table redefinition.
    const redefine = migration(
      '20260105000000_redefine_parent',
      `PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Parent" ("id" TEXT NOT NULL PRIMARY KEY, "name" TEXT NOT NULL DEFAULT '');
INSERT INTO "new_Parent" ("id") SELECT "id" FROM "Parent";
DROP TABLE "Parent";
ALTER TABLE "new_Parent" RENAME TO "Parent";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;`,
    )
    await applyMigrations(client, { migrations: [CREATE_PARENT, CREATE_CHILD, redefine] })
    expect((await client.execute('SELECT count(*) AS n FROM "Child"')).rows[0]?.n).toBe(1)
  })

  it('reports migrations changed after they were applied, and unknown ones', async () => {
    await applyMigrations(client, { migrations: [CREATE_PARENT, CREATE_CHILD] })
    const edited = {
      ...CREATE_PARENT,
      sql: `${CREATE_PARENT.sql}\n-- edited`,
      checksum: checksumOf(`${CREATE_PARENT.sql}\n-- edited`),
    }
    const status = await migrationStatus(client, [edited])
    expect(status.applied).toEqual([expect.objectContaining({ name: CREATE_PARENT.name, modified: true })])
    expect(status.unknown.map((m) => m.name)).toEqual([CREATE_CHILD.name])
  })

  it('refuses to go on after a failed run of the native Prisma CLI', async () => {
    await applyMigrations(client, { migrations: [CREATE_PARENT] })
    await client.execute(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('x', 'c', '20260102000000_child', '2026-01-01', 0)`,
    )
    await expect(applyMigrations(client, { migrations: [CREATE_PARENT, CREATE_CHILD] })).rejects.toThrow(
      /prisma migrate resolve/,
    )
  })
})

describe('readMigrations', () => {
  it('reads folders in order and rejects BEGIN/COMMIT inside a migration', () => {
    const dir = mkdtempSync(join(tmpdir(), 'questlog-migrations-'))
    for (const [name, sql] of [
      ['20260102000000_second', 'CREATE TABLE b (id TEXT);'],
      ['20260101000000_first', 'CREATE TABLE a (id TEXT);'],
    ] as const) {
      mkdirSync(join(dir, name))
      writeFileSync(join(dir, name, 'migration.sql'), sql)
    }
    expect(readMigrations(dir).map((m) => m.name)).toEqual(['20260101000000_first', '20260102000000_second'])

    mkdirSync(join(dir, '20260103000000_tx'))
    writeFileSync(join(dir, '20260103000000_tx', 'migration.sql'), 'BEGIN;\nCREATE TABLE c (id TEXT);\nCOMMIT;')
    expect(() => readMigrations(dir)).toThrow(/BEGIN\/COMMIT/)
  })

  it('allows triggers, whose bodies use BEGIN … END', () => {
    const dir = mkdtempSync(join(tmpdir(), 'questlog-migrations-'))
    mkdirSync(join(dir, '20260101000000_trigger'))
    writeFileSync(
      join(dir, '20260101000000_trigger', 'migration.sql'),
      'CREATE TRIGGER t AFTER INSERT ON a BEGIN\n    DELETE FROM b;\nEND;',
    )
    expect(readMigrations(dir)).toHaveLength(1)
  })

  it('reads the committed migrations of this project', () => {
    const migrations = readMigrations()
    expect(migrations.length).toBeGreaterThan(0)
    expect(migrations[0]?.name).toMatch(/_init$/)
  })
})
