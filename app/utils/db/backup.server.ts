import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { Worker } from 'node:worker_threads'
import { createGunzip, createGzip } from 'node:zlib'
import Database from 'libsql'
import { z } from 'zod'

/**
 * Online backups of a local SQLite file or an embedded replica's file (docs/backups.md).
 *
 * The snapshot copies every page through the `sqlite_dbpage` table inside one read transaction on a
 * connection of its own: what SQLite's backup API does (which the libsql package does not
 * implement). It sees the database exactly as it was when the transaction began, WAL frames
 * included, while the app's writer carries on in WAL mode. Not `VACUUM INTO`: it rebuilds the
 * libSQL vector indexes and then copies their metadata rows as well, and the copy fails
 * `PRAGMA integrity_check` ("row not in PRIMARY KEY order for libsql_vector_meta_shadow").
 * It runs in a worker thread because the engine is synchronous: in the server it would otherwise
 * stop the event loop for the whole copy.
 * The copy is then gzipped as a stream, hashed on the way, and described by a manifest beside it.
 */

const SNAPSHOT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const { openSync, writeSync, fsyncSync, closeSync } = require('node:fs')
const Database = require(workerData.libsql)
const db = new Database(workerData.source, { timeout: 5000, readonly: true })
let fd
try {
  fd = openSync(workerData.target, 'wx')
  db.exec('BEGIN')
  const pageSize = db.prepare('PRAGMA page_size').get().page_size
  let pages = 0
  for (const row of db.prepare('SELECT "pgno", "data" FROM "sqlite_dbpage" ORDER BY "pgno"').iterate()) {
    const page = Buffer.from(row.data)
    // The header's read/write versions 2 say "WAL"; 1 makes the copy a plain file that needs no -wal/-shm beside it.
    if (row.pgno === 1) page[18] = page[19] = 1
    writeSync(fd, page, 0, pageSize, (row.pgno - 1) * pageSize)
    pages++
  }
  db.exec('COMMIT')
  fsyncSync(fd)
  parentPort.postMessage({ ok: true, pages })
} catch (error) {
  parentPort.postMessage({ ok: false, error: String((error && error.message) || error) })
} finally {
  if (fd !== undefined) closeSync(fd)
  db.close()
}
`

export const BACKUP_SUFFIX = '.db.gz'
const MANIFEST_SUFFIX = '.manifest.json'
const NAME_PATTERN = /^questlog-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.db\.gz$/

export const BackupManifest = z.object({
  format: z.literal(1),
  file: z.string(),
  createdAt: z.string().datetime(),
  source: z.string(),
  /** the last schema migration finished in the snapshot, null for a database never migrated */
  migrationHead: z.string().nullable(),
  rowCounts: z.record(z.string(), z.number().int().nonnegative()),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  databaseBytes: z.number().int().nonnegative(),
  compressedBytes: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
})
export type BackupManifest = z.infer<typeof BackupManifest>

export class BackupError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BackupError'
  }
}

/** `questlog-20261207T090500Z.db.gz`: sorts by time, and says it in UTC. */
export function backupFileName(now: Date): string {
  return `questlog-${now.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z${BACKUP_SUFFIX}`
}

export const manifestPathOf = (backupPath: string) => backupPath.slice(0, -BACKUP_SUFFIX.length) + MANIFEST_SUFFIX

/** When a backup file was made, from its name; null for a file that is not one of ours. */
export function backupTimeOf(fileName: string): Date | null {
  const m = NAME_PATTERN.exec(fileName)
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : null
}

/** Copies `source` as it is at this moment into a new file `target`, from a worker thread. */
export function snapshotInto(source: string, target: string): Promise<void> {
  const libsql = createRequire(import.meta.url).resolve('libsql')
  return new Promise((done, fail) => {
    const worker = new Worker(SNAPSHOT_WORKER, { eval: true, workerData: { source, target, libsql } })
    let answered = false
    worker.once('message', (message: { ok: boolean; error?: string }) => {
      answered = true
      if (message.ok) done()
      else fail(new BackupError(`the snapshot of ${source} failed: ${message.error}`))
    })
    worker.once('error', (error) => fail(error))
    worker.once('exit', () => {
      if (!answered) fail(new BackupError(`the snapshot of ${source} stopped without an answer`))
    })
  })
}

interface Contents {
  migrationHead: string | null
  rowCounts: Record<string, number>
  integrity: string
}

/** What a database file holds: its integrity check, migration head and rows per table. */
export function describeDatabase(path: string, { checkIntegrity = false } = {}): Contents {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    const integrity = checkIntegrity
      ? (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[])
          .map((row) => row.integrity_check)
          .join('; ')
      : 'not checked'
    const tables = db
      .prepare(
        `SELECT "name" FROM "sqlite_master" WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%' AND "sql" NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY "name"`,
      )
      .all() as { name: string }[]
    const rowCounts: Record<string, number> = {}
    for (const { name } of tables) {
      const row = db.prepare(`SELECT count(*) AS "n" FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }
      rowCounts[name] = Number(row.n)
    }
    const hasMigrations = tables.some((t) => t.name === '_prisma_migrations')
    const head = hasMigrations
      ? (db
          .prepare(
            `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL ORDER BY "migration_name" DESC LIMIT 1`,
          )
          .get() as { migration_name: string } | undefined)
      : undefined
    return { migrationHead: head?.migration_name ?? null, rowCounts, integrity }
  } finally {
    db.close()
  }
}

function hashing(hash: ReturnType<typeof createHash>) {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk)
      callback(null, chunk)
    },
  })
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(path), hashing(hash), async function* (source) {
    for await (const _ of source) void _
  })
  return hash.digest('hex')
}

/**
 * Snapshots the database file at `source` into `dir` as `questlog-<UTC time>.db.gz` with its
 * manifest. Nothing is left under the final names unless the whole backup succeeded.
 */
export async function createBackup({
  source,
  dir,
  now = new Date(),
}: {
  source: string
  dir: string
  now?: Date
}): Promise<{ path: string; manifestPath: string; manifest: BackupManifest }> {
  const started = performance.now()
  if (!existsSync(source)) throw new BackupError(`there is no database file at ${source}`)
  await mkdir(dir, { recursive: true })
  const file = backupFileName(now)
  const path = join(dir, file)
  if (existsSync(path)) throw new BackupError(`${path} exists already; a backup never overwrites another`)
  const snapshot = join(dir, `.${file}.snapshot`)
  const partial = `${path}.partial`
  try {
    await snapshotInto(source, snapshot)
    const contents = describeDatabase(snapshot)
    const hash = createHash('sha256')
    await pipeline(createReadStream(snapshot), createGzip({ level: 6 }), hashing(hash), createWriteStream(partial))
    const manifest: BackupManifest = {
      format: 1,
      file,
      createdAt: now.toISOString(),
      source,
      migrationHead: contents.migrationHead,
      rowCounts: contents.rowCounts,
      sha256: hash.digest('hex'),
      databaseBytes: (await stat(snapshot)).size,
      compressedBytes: (await stat(partial)).size,
      durationMs: Math.round(performance.now() - started),
    }
    const manifestPath = manifestPathOf(path)
    await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`)
    await rename(partial, path)
    return { path, manifestPath, manifest }
  } finally {
    await rm(snapshot, { force: true })
    await rm(partial, { force: true })
  }
}

export async function readManifest(backupPath: string): Promise<BackupManifest> {
  const manifestPath = manifestPathOf(backupPath)
  let text: string
  try {
    text = await readFile(manifestPath, 'utf8')
  } catch {
    throw new BackupError(`no manifest beside the backup (expected ${manifestPath})`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new BackupError(`${manifestPath} is not JSON`)
  }
  const parsed = BackupManifest.safeParse(json)
  if (!parsed.success)
    throw new BackupError(
      `${manifestPath} is not a backup manifest: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    )
  return parsed.data
}

async function gunzipInto(backupPath: string, target: string): Promise<void> {
  // 'wx': never replaces a file that is there.
  await pipeline(createReadStream(backupPath), createGunzip(), createWriteStream(target, { flags: 'wx' }))
}

export interface VerifyReport {
  ok: boolean
  problems: string[]
  manifest: BackupManifest
}

function compare(manifest: BackupManifest, contents: Contents): string[] {
  const problems: string[] = []
  if (contents.integrity !== 'ok') problems.push(`integrity_check: ${contents.integrity}`)
  if (contents.migrationHead !== manifest.migrationHead)
    problems.push(`migration head is ${contents.migrationHead}, the manifest says ${manifest.migrationHead}`)
  const tables = new Set([...Object.keys(manifest.rowCounts), ...Object.keys(contents.rowCounts)])
  for (const table of [...tables].sort()) {
    const expected = manifest.rowCounts[table]
    const found = contents.rowCounts[table]
    if (expected !== found)
      problems.push(`${table}: ${found ?? 'no table'} rows, the manifest says ${expected ?? 'none'}`)
  }
  return problems
}

/** Checks the checksum, then restores into `target` (which must not exist) and compares it with the manifest. */
async function restoreChecked(backupPath: string, target: string): Promise<VerifyReport> {
  const manifest = await readManifest(backupPath)
  const sha = await sha256Of(backupPath)
  if (sha !== manifest.sha256)
    return { ok: false, problems: [`sha256 is ${sha}, the manifest says ${manifest.sha256}`], manifest }
  await gunzipInto(backupPath, target)
  const problems = compare(manifest, describeDatabase(target, { checkIntegrity: true }))
  return { ok: problems.length === 0, problems, manifest }
}

/** Restores the backup to a temporary file, checks it and throws the file away. */
export async function verifyBackup(backupPath: string): Promise<VerifyReport> {
  const dir = await mkdtemp(join(tmpdir(), 'questlog-verify-'))
  try {
    return await restoreChecked(resolve(backupPath), join(dir, 'restored.db'))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * Restores the backup into `target`, a new file: an existing file is never overwritten. A backup
 * that fails its checks leaves nothing behind. Returns the DATABASE_URL that points at it.
 */
export async function restoreBackup(
  backupPath: string,
  target: string,
): Promise<VerifyReport & { databaseUrl: string }> {
  const to = resolve(target)
  if (existsSync(to)) throw new BackupError(`${to} exists already; restore into a new file`)
  for (const side of ['-wal', '-shm'])
    if (existsSync(`${to}${side}`)) throw new BackupError(`${to}${side} exists; restore into a new file`)
  await mkdir(dirname(to), { recursive: true })
  const partial = join(dirname(to), `.${basename(to)}.restoring`)
  try {
    const report = await restoreChecked(resolve(backupPath), partial)
    if (report.ok) {
      if (existsSync(to)) throw new BackupError(`${to} appeared while restoring; restore into a new file`)
      await rename(partial, to)
    }
    return { ...report, databaseUrl: `file:${to}` }
  } finally {
    await rm(partial, { force: true })
  }
}

/** Deletes our backups (and their manifests) in `dir` made more than `keepDays` days before `now`; returns how many. */
export async function pruneBackups(dir: string, now: Date, keepDays = 30): Promise<number> {
  if (!existsSync(dir)) return 0
  const cutoff = new Date(now)
  cutoff.setUTCDate(cutoff.getUTCDate() - keepDays)
  let removed = 0
  for (const name of await readdir(dir)) {
    const madeAt = backupTimeOf(name)
    if (!madeAt || madeAt >= cutoff) continue
    const path = join(dir, name)
    await rm(path, { force: true })
    await rm(manifestPathOf(path), { force: true })
    removed++
  }
  return removed
}
