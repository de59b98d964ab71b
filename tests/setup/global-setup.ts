import { mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createClient } from '@libsql/client'
import { applyMigrations } from '../../app/utils/migrations.server'

/**
 * Builds one freshly migrated SQLite file; every integration test file gets its
 * own copy of it (tests/setup/setup-each-file.ts).
 */
// One folder per run, so that two test runs side by side never share files.
export const TEST_DB_DIR = resolve('.cache/test-db', String(process.pid))
export const TEMPLATE_DB = join(TEST_DB_DIR, 'template.db')

export default async function globalSetup() {
  rmSync(TEST_DB_DIR, { recursive: true, force: true })
  mkdirSync(TEST_DB_DIR, { recursive: true })
  const client = createClient({ url: `file:${TEMPLATE_DB}` })
  try {
    await client.execute('PRAGMA journal_mode = DELETE')
    await applyMigrations(client)
  } finally {
    client.close()
  }
  process.env.QUESTLOG_TEST_TEMPLATE_DB = TEMPLATE_DB
  return () => rmSync(TEST_DB_DIR, { recursive: true, force: true })
}
