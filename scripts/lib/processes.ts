import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, resolve } from 'node:path'
import { createClient, type Client } from '@libsql/client'
import { applyMigrations } from '../../app/utils/migrations.server'

/**
 * Local processes for the replica tests and benchmarks: a real sqld (libSQL
 * server) primary on 127.0.0.1, and helpers to wait for things.
 */

export const SQLD = resolve('.cache/sqld/sqld')

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  while (Date.now() < deadline) {
    try {
      const value = await probe()
      if (value) return value
    } catch (error) {
      lastError = error
    }
    await sleep(everyMs)
  }
  throw new Error(`Timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`)
}

export class Process {
  output = ''
  exited: Promise<number | null>
  constructor(readonly child: ChildProcess) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()))
    this.exited = new Promise((r) => child.once('exit', (code) => r(code)))
  }
  get running() {
    return this.child.exitCode === null && this.child.signalCode === null
  }
  async stop(signal: NodeJS.Signals = 'SIGTERM') {
    if (!this.running) return
    this.child.kill(signal)
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000)
    await this.exited
    clearTimeout(timer)
  }
}

export class Primary {
  #process: Process | undefined
  readonly url: string
  constructor(
    readonly dbPath: string,
    readonly port: number,
    readonly jwtKeyFile?: string,
  ) {
    this.url = `http://127.0.0.1:${port}`
  }

  static async start(dir: string, options: { jwtKeyFile?: string } = {}) {
    const primary = new Primary(join(dir, 'primary.sqld'), await freePort(), options.jwtKeyFile)
    await primary.start()
    return primary
  }

  async start() {
    if (!existsSync(SQLD)) throw new Error('sqld is missing: run node scripts/fetch-sqld.mjs')
    const args = ['--db-path', this.dbPath, '--http-listen-addr', `127.0.0.1:${this.port}`, '--no-welcome']
    if (this.jwtKeyFile) args.push('--auth-jwt-key-file', this.jwtKeyFile)
    this.#process = new Process(
      spawn(SQLD, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, RUST_LOG: 'warn' } }),
    )
    await waitFor('sqld to answer /health', async () => (await fetch(`${this.url}/health`)).ok, 30_000)
  }

  /** Freezes the primary: it still accepts connections but answers nothing, like a hung server. */
  pause() {
    this.#process?.child.kill('SIGSTOP')
  }

  resume() {
    this.#process?.child.kill('SIGCONT')
  }

  /** Stops the primary abruptly, as a crash would look. */
  async stop() {
    await this.#process?.stop('SIGKILL')
  }

  client(authToken?: string): Client {
    return createClient({ url: this.url, authToken })
  }

  async migrate(authToken?: string) {
    const client = this.client(authToken)
    try {
      await applyMigrations(client)
    } finally {
      client.close()
    }
  }
}
