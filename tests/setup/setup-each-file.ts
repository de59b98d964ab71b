import { copyFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import { afterAll, afterEach, beforeEach, expect, vi } from 'vitest'

// A fresh copy of the migrated template database for this test file, set before
// any app module reads the environment.
const template = process.env.QUESTLOG_TEST_TEMPLATE_DB
if (template) {
  const file = join(template, '..', `${randomUUID()}.db`)
  copyFileSync(template, file)
  process.env.DATABASE_URL = `file:${file}`
}
process.env.NODE_ENV = 'test'
// Files the app writes under DATA_DIR (the daily backup a scheduler test runs) stay out of ./data.
const ownDataDir = process.env.DATA_DIR ? undefined : join('.cache', 'test-data', randomUUID())
if (ownDataDir) process.env.DATA_DIR = ownDataDir
delete process.env.TURSO_DATABASE_URL
delete process.env.TURSO_AUTH_TOKEN
delete process.env.TURSO_SYNC_INTERVAL

// console.error fails a test unless the test expects it (by mocking console.error itself).
let consoleError: ReturnType<typeof vi.spyOn>
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error')
})
afterEach(() => {
  const calls = consoleError.mock.calls
  consoleError.mockRestore()
  expect(calls, 'console.error was called').toEqual([])
})

afterAll(async () => {
  if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true })
  if (!(globalThis as { __questlogDatabases?: Map<string, unknown> }).__questlogDatabases?.size) return
  const { disconnectDatabase } = await import('../../app/utils/db.server')
  await disconnectDatabase()
})
