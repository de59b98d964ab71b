import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { log } from '../log.server'

/**
 * Checkpoints a local SQLite file's write-ahead log from a worker thread, on a
 * connection of its own, for the long-running server.
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that takes the log past 1,000
 * pages: that commit copies the pages into the database and waits for the disk. On
 * the one connection every request shares, it stalled that request and everything
 * queued behind it by 20–30 ms about once every 60 answers, most of the p99 of
 * answering (issue 4, item 9). A PASSIVE checkpoint never blocks the writer.
 *
 * Under unbroken writes a background checkpoint rarely finds the log fully copied, and
 * only then may the log start over; past a limit the app connection empties it itself
 * (LocalDatabaseClient #keepLogBounded).
 * See docs/decisions/0008-local-database-speed.md.
 */
const CHECKPOINT_EVERY_MS = 250

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.libsql)
const db = new Database(workerData.path, { timeout: 5000 })
db.exec('PRAGMA synchronous = NORMAL')
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)')
const timer = setInterval(() => {
  try {
    checkpoint.all()
  } catch (error) {
    parentPort.postMessage(String((error && error.message) || error))
  }
}, workerData.everyMs)
parentPort.on('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

export class WalCheckpointer {
  readonly #worker: Worker
  readonly #exited: Promise<void>
  #stopping = false

  constructor(path: string, { everyMs = CHECKPOINT_EVERY_MS } = {}) {
    const libsql = createRequire(import.meta.url).resolve('libsql')
    this.#worker = new Worker(WORKER, { eval: true, workerData: { path, libsql, everyMs } })
    this.#exited = new Promise((resolve) => this.#worker.once('exit', () => resolve()))
    this.#worker.on('message', (error: string) => log.warn('WAL checkpoint failed', { error }))
    this.#worker.on('error', (error) => log.warn('the WAL checkpointer stopped', { error: String(error) }))
  }

  /** Lets a checkpoint in progress finish, then closes the worker's connection (terminating it mid-call would crash the engine). */
  stop(): Promise<void> {
    if (!this.#stopping) {
      this.#stopping = true
      this.#worker.postMessage('stop')
    }
    return this.#exited
  }
}
