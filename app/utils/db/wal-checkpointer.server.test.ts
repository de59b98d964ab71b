import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { SqliteFile } from './sqlite-file.server'
import { WalCheckpointer } from './wal-checkpointer.server'

let dir: string
let path: string
let db: SqliteFile
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'questlog-wal-'))
  path = join(dir, 'test.db')
  db = new SqliteFile(path, { busyTimeoutMs: 2_000 })
  db.execute('PRAGMA journal_mode = WAL')
  // As in the server: SQLite's own checkpoint out of the way.
  db.execute('PRAGMA wal_autocheckpoint = 0')
  db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)')
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const PAGE = 4096
const fileSize = (file: string) => statSync(file).size
/** Rows of ~3 KB: about one page each. */
function writePages(n: number) {
  for (let i = 0; i < n; i++) db.execute({ sql: 'INSERT INTO t (body) VALUES (?)', args: ['x'.repeat(3000)] })
}
async function eventually(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 50))
  expect(check()).toBe(true)
}

describe('checkpointing the write-ahead log from a worker thread', () => {
  it('copies the log into the database while the app connection only writes', async () => {
    writePages(200)
    // Nobody has checkpointed: the rows are only in the log, the database file is a few pages.
    expect(fileSize(path)).toBeLessThan(10 * PAGE)
    const checkpointer = new WalCheckpointer(path, { everyMs: 20 })
    await eventually(() => fileSize(path) > 150 * PAGE)
    await checkpointer.stop()
  })

  it('stops cleanly, letting a checkpoint in progress finish, and stop can be asked twice', async () => {
    const checkpointer = new WalCheckpointer(path, { everyMs: 1 })
    writePages(100)
    await Promise.all([checkpointer.stop(), checkpointer.stop()])
    writePages(1)
    expect(db.execute('SELECT COUNT(*) AS n FROM t').rows[0]!.n).toBe(101)
  })
})
