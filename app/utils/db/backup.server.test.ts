import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import Database from 'libsql'
import { afterAll, describe, expect, it } from 'vitest'
import { createUser } from '#tests/support/accounts'
import { runDailyBackup } from '~/modules/system/backup-job.server'
import { readMigrations } from '~/utils/migrations.server'
import { toDbTimestamp } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import {
  BackupError,
  backupFileName,
  createBackup,
  manifestPathOf,
  pruneBackups,
  restoreBackup,
  verifyBackup,
} from './backup.server'
import { resolveFilePath } from './support.server'

const source = () => resolveFilePath(getEnv().database.url)
const scratch = mkdtempSync(join(tmpdir(), 'questlog-backup-test-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/**
 * Another connection to the same file, inserting one row per transaction as fast as it can and
 * telling the test the number of each row once its COMMIT has returned (acknowledged).
 */
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.libsql)
const db = new Database(workerData.path, { timeout: 5000 })
db.exec('PRAGMA journal_mode = WAL')
const insert = db.prepare('INSERT INTO "UserBehaviorLog" ("id", "userId", "actionType", "createdAt") VALUES (?, ?, ?, ?)')
let stop = false
parentPort.on('message', () => { stop = true })
let n = 0
function burst() {
  for (let i = 0; i < 20 && !stop; i++) {
    n++
    insert.run('w' + String(n).padStart(8, '0'), workerData.userId, 'backup.test', workerData.at)
    parentPort.postMessage(n)
  }
  if (stop) { db.close(); parentPort.close() } else setImmediate(burst)
}
burst()
`

function startWriter(userId: string) {
  const libsql = createRequire(import.meta.url).resolve('libsql')
  const worker = new Worker(WRITER, {
    eval: true,
    workerData: { path: source(), libsql, userId, at: toDbTimestamp(new Date()) },
  })
  const state = { acknowledged: 0 }
  worker.on('message', (n: number) => (state.acknowledged = n))
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return {
    state,
    until: async (n: number) => {
      while (state.acknowledged < n) await new Promise((resolve) => setTimeout(resolve, 5))
    },
    stop: async () => {
      worker.postMessage('stop')
      await exited
    },
  }
}

function writtenRows(path: string): number[] {
  const db = new Database(path, { readonly: true })
  try {
    return (
      db.prepare(`SELECT "id" FROM "UserBehaviorLog" WHERE "actionType" = 'backup.test' ORDER BY "id"`).all() as {
        id: string
      }[]
    ).map((row) => Number(row.id.slice(1)))
  } finally {
    db.close()
  }
}

describe('backups', () => {
  it('snapshots while another connection writes: every row acknowledged before the backup began is restored, intact', async () => {
    const user = await createUser()
    const writer = startWriter(user.id)
    await writer.until(300)
    const acknowledgedBefore = writer.state.acknowledged
    const dir = join(scratch, 'during-writes')
    const { path, manifest } = await createBackup({ source: source(), dir })
    await writer.until(acknowledgedBefore + 50) // still writing after the backup: it never stopped the writer
    await writer.stop()

    expect(manifest.migrationHead).toBe(readMigrations().at(-1)?.name)
    expect(manifest.compressedBytes).toBeGreaterThan(0)
    expect(manifest.compressedBytes).toBeLessThan(manifest.databaseBytes)
    const target = join(scratch, 'restored', 'questlog.db')
    const restored = await restoreBackup(path, target)
    expect(restored.problems).toEqual([])
    expect(restored.ok).toBe(true)
    expect(restored.databaseUrl).toBe(`file:${target}`)

    const rows = writtenRows(target)
    // One point in time: the rows present are exactly 1..k with no gap, and k covers every acknowledged one.
    expect(rows.length).toBeGreaterThanOrEqual(acknowledgedBefore)
    expect(rows).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1))
    expect(manifest.rowCounts.UserBehaviorLog).toBe(rows.length)
    expect(writtenRows(source()).length).toBeGreaterThan(rows.length)
  })

  it('verifies a backup by restoring it, and names what does not match the manifest', async () => {
    const dir = join(scratch, 'verify')
    const { path, manifestPath, manifest } = await createBackup({ source: source(), dir })
    expect(await verifyBackup(path)).toMatchObject({ ok: true, problems: [] })

    writeFileSync(
      manifestPath,
      JSON.stringify({ ...manifest, rowCounts: { ...manifest.rowCounts, User: (manifest.rowCounts.User ?? 0) + 1 } }),
    )
    const counted = await verifyBackup(path)
    expect(counted.ok).toBe(false)
    expect(counted.problems).toEqual([expect.stringMatching(/^User: \d+ rows, the manifest says \d+$/)])

    writeFileSync(manifestPath, JSON.stringify({ ...manifest, migrationHead: 'a_later_migration' }))
    expect((await verifyBackup(path)).problems).toEqual([
      expect.stringMatching(/^migration head is .*a_later_migration$/),
    ])

    writeFileSync(manifestPath, JSON.stringify(manifest))
    const bytes = readFileSync(path)
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 20) ^ 0xff, bytes.length - 20)
    writeFileSync(path, bytes)
    const tampered = await verifyBackup(path)
    expect(tampered.ok).toBe(false)
    expect(tampered.problems).toEqual([expect.stringMatching(/^sha256 is [0-9a-f]{64}, the manifest says/)])

    // A manifest that is not one is refused by name.
    writeFileSync(manifestPath, JSON.stringify({ format: 1 }))
    await expect(verifyBackup(path)).rejects.toThrow(/is not a backup manifest: file: /)
  })

  it('restores only into a new file, and leaves nothing behind when the checks fail', async () => {
    const dir = join(scratch, 'restore')
    const { path, manifestPath, manifest } = await createBackup({ source: source(), dir })
    const existing = join(scratch, 'existing.db')
    writeFileSync(existing, 'keep me')
    await expect(restoreBackup(path, existing)).rejects.toThrow(BackupError)
    expect(readFileSync(existing, 'utf8')).toBe('keep me')

    writeFileSync(manifestPath, JSON.stringify({ ...manifest, rowCounts: {} }))
    const target = join(scratch, 'never.db')
    const report = await restoreBackup(path, target)
    expect(report.ok).toBe(false)
    expect(existsSync(target)).toBe(false)
    expect(readdirSync(scratch).filter((name) => name.includes('never'))).toEqual([])
  })

  it('the daily job writes into DATA_DIR/backups and keeps 30 days', async () => {
    const dir = join(scratch, 'daily')
    const now = new Date('2026-12-07T03:00:00Z')
    const day = (n: number) => new Date(now.getTime() - n * 24 * 60 * 60 * 1000)
    for (const age of [31, 30.5, 29, 1]) {
      const name = backupFileName(day(age))
      await createBackup({ source: source(), dir, now: day(age) })
      expect(existsSync(join(dir, name))).toBe(true)
    }
    writeFileSync(join(dir, 'notes.txt'), 'not a backup')
    expect(await runDailyBackup(now, dir)).toBe(1)
    const left = readdirSync(dir).sort()
    expect(left).toEqual(
      [
        backupFileName(day(29)),
        manifestPathOf(backupFileName(day(29))),
        backupFileName(day(1)),
        manifestPathOf(backupFileName(day(1))),
        backupFileName(now),
        manifestPathOf(backupFileName(now)),
        'notes.txt',
      ].sort(),
    )
    // exactly 30 days old is kept; a second older, it goes
    await createBackup({ source: source(), dir: join(scratch, 'edge'), now: day(30) })
    expect(await pruneBackups(join(scratch, 'edge'), now, 30)).toBe(0)
    expect(await pruneBackups(join(scratch, 'edge'), new Date(now.getTime() + 1000), 30)).toBe(1)
  })
})
