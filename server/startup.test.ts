import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { createClient } from '@libsql/client'
import { describe, expect, it, vi } from 'vitest'

// An empty database file for this test file, so that start-up has migrations to run.
const emptyDb = vi.hoisted(() => {
  const template = process.env.QUESTLOG_TEST_TEMPLATE_DB ?? '/tmp/template.db'
  const url = `file:${template.replace(/template\.db$/, `empty-${process.pid}-${Date.now()}.db`)}`
  process.env.DATABASE_URL = url
  return url
})

import { getEnv, parseEnv } from '../app/utils/env.server'
import { startUp } from './startup'

const run = promisify(execFile)

async function appliedMigrations(url: string) {
  const client = createClient({ url })
  try {
    const tables = await client.execute(`SELECT name FROM sqlite_master WHERE name = '_prisma_migrations'`)
    if (tables.rows.length === 0) return []
    return (await client.execute('SELECT migration_name FROM _prisma_migrations')).rows.map((r) =>
      String(r.migration_name),
    )
  } finally {
    client.close()
  }
}

describe('start-up', () => {
  it('runs the startup tasks only when SYNC_TOPICS_ON_START is not false, after migrating', async () => {
    const ran: string[] = []
    const tasks = [{ name: 'test-content-sync', run: async () => void ran.push('sync') }]

    await startUp({ ...getEnv(), RUN_MIGRATIONS_ON_START: false, SYNC_TOPICS_ON_START: false }, tasks)
    expect(ran).toEqual([])
    expect(await appliedMigrations(emptyDb)).toEqual([])

    await startUp({ ...getEnv(), RUN_MIGRATIONS_ON_START: true, SYNC_TOPICS_ON_START: true }, tasks)
    expect(ran).toEqual(['sync'])
    expect((await appliedMigrations(emptyDb)).length).toBeGreaterThan(0)
  })

  it('refuses to start with a contradictory environment, naming the variable', async () => {
    const error = await run(resolve('node_modules/.bin/tsx'), ['server/index.ts'], {
      env: {
        NODE_ENV: 'production',
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: 'file:x.db',
        TURSO_SYNC_INTERVAL: '30',
      },
    }).catch((e: unknown) => e as { code: number; stderr: string })
    expect(error).toMatchObject({ code: 1 })
    expect((error as { stderr: string }).stderr).toContain('Questlog cannot start')
    expect((error as { stderr: string }).stderr).toContain('TURSO_SYNC_INTERVAL: only applies to an embedded replica')
  })

  it('refuses to start when a migration fails, with the migration named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'questlog-badmig-'))
    const client = createClient({ url: `file:${join(dir, 'db.db')}` })
    // A table that the first migration also creates makes it fail.
    await client.execute('CREATE TABLE "User" (id TEXT)')
    client.close()
    const error = await run(resolve('node_modules/.bin/tsx'), ['server/index.ts'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        DATABASE_URL: `file:${join(dir, 'db.db')}`,
      },
    }).catch((e: unknown) => e as { code: number; stderr: string })
    expect(error).toMatchObject({ code: 1 })
    expect((error as { stderr: string }).stderr).toMatch(
      /Migration \d{14}_init failed: .*already exists.*Nothing from it was applied/,
    )
  })

  it('stops on a failing startup task in local mode', async () => {
    const failing = [
      {
        name: 'broken-sync',
        run: async () => Promise.reject(new Error('content/math/x/config.json: maxXp must be a number')),
      },
    ]
    await expect(
      startUp({ ...getEnv(), RUN_MIGRATIONS_ON_START: false, SYNC_TOPICS_ON_START: true }, failing),
    ).rejects.toThrow(/maxXp/)
  })

  it('parses the start-up flags', () => {
    expect(parseEnv({ RUN_MIGRATIONS_ON_START: 'false' }).RUN_MIGRATIONS_ON_START).toBe(false)
  })
})
