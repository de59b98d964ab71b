import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { freePort, Process, waitFor } from './processes'

/** The production server as a separate process on 127.0.0.1, for replica tests and benchmarks. */

export interface AppOptions {
  name: string
  env: Record<string, string>
  /** Node flags after tsx's `--import` (a module hook registered after tsx sees the files tsx resolves). */
  nodeArgs?: string[]
  /** the checkout whose build to start (another revision's worktree); this one by default */
  cwd?: string
}

export class AppServer {
  readonly url: string
  constructor(
    readonly process: Process,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`
  }

  /** Starts the production build (`npm run build` must have run). */
  static async start({ env, nodeArgs = [], cwd = process.cwd() }: AppOptions, { waitUntilReady = true } = {}) {
    if (!existsSync(resolve(cwd, 'build/server/index.js')))
      throw new Error('No production build: run npm run build first')
    const port = await freePort()
    const child = spawn(
      process.execPath,
      [
        ...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []),
        '--import',
        'tsx',
        ...nodeArgs,
        'server/index.ts',
      ],
      {
        cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: 'production',
          HOST: '127.0.0.1',
          PORT: String(port),
          SLOW_QUERY_MS: '1000',
          ...env,
        },
      },
    )
    const app = new AppServer(new Process(child), port)
    if (waitUntilReady) {
      await waitFor(
        `app on port ${port} to be ready`,
        async () => {
          if (!app.process.running) throw new Error(`app exited early:\n${app.process.output}`)
          return (await fetch(`${app.url}/healthcheck`)).status === 200
        },
        60_000,
      )
    }
    return app
  }

  fetch(path: string, init?: RequestInit) {
    return fetch(`${this.url}${path}`, { redirect: 'manual', ...init })
  }

  async health() {
    const response = await this.fetch('/healthcheck')
    return { status: response.status, body: (await response.json()) as HealthBody }
  }

  /** Submits the feedback form as a browser without JavaScript would. */
  submitFeedback(message: string) {
    return this.fetch('/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.url },
      body: new URLSearchParams({ kind: 'idea', message, email: '' }).toString(),
    })
  }

  stop() {
    return this.process.stop()
  }
}

export interface HealthBody {
  status: string
  database: {
    mode: string
    ok: boolean
    replica?: {
      state: string
      lastSyncAt: string | null
      frameNo: number | null
      primaryReachable: boolean
      lastSyncError: string | null
    }
  }
}

export function feedbackIdFrom(response: Response): string {
  const location = response.headers.get('location') ?? ''
  const match = /\/feedback\/([0-9A-Z]{26})$/i.exec(location)
  if (!match?.[1]) throw new Error(`expected a redirect to /feedback/<id>, got ${response.status} ${location}`)
  return match[1]
}
