import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { getEnv } from '../app/utils/env.server'
import { describeFatalError } from '../app/utils/fatal-errors.server'
import { log } from '../app/utils/log.server'
import { pageStarted } from '../app/utils/page-priority.server'
import { withRequestScope } from '../app/utils/request-scope.server'
import { isCrossSiteMutation } from '../app/utils/same-origin.server'
import { baseSecurityHeaders } from '../app/utils/security-headers.server'

/**
 * The production and development server: Express with Remix's request handler
 * (docs/decisions/0001-express-server.md).
 */
async function main() {
  const env = getEnv() // first: a bad environment stops us before anything connects
  const { startUp } = await import('./startup')
  const { disconnectDatabase } = await import('../app/utils/db.server')
  const { startScheduler, stopScheduler } = await import('../app/modules/scheduled-jobs.server')
  await startUp(env)

  const viteDevServer =
    env.NODE_ENV === 'production'
      ? undefined
      : await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))

  const app = express()
  app.disable('x-powered-by')
  app.use(compression())

  const headers = baseSecurityHeaders({ production: env.NODE_ENV === 'production' })
  app.use((req, res, next) => {
    res.set(headers)
    const crossSite = isCrossSiteMutation({
      method: req.method,
      path: req.path,
      host: req.headers.host,
      origin: req.headers.origin,
      secFetchSite: req.get('sec-fetch-site'),
    })
    if (crossSite) {
      res.status(403).type('text/plain').send('Forbidden: this change must be made from a Questlog page.')
      return
    }
    next()
  })

  if (viteDevServer) {
    app.use(viteDevServer.middlewares)
  } else {
    app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
    app.use(express.static('build/client', { maxAge: '1h' }))
  }
  const buildPath = './build/server/index.js'
  const build = viteDevServer
    ? () => viteDevServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
    : ((await import(/* @vite-ignore */ new URL(`../${buildPath}`, import.meta.url).href)) as ServerBuild)
  // Loaders of one request share what they compute once (app/utils/request-scope.server.ts);
  // a GET is someone waiting for a page, which goes first when the process is busy (page-priority.server.ts).
  app.use((req, res, next) => {
    const page = req.method === 'GET' || req.method === 'HEAD'
    if (page) res.once('close', pageStarted())
    withRequestScope(next, { page })
  })
  app.all(
    '*',
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (req) => ({ clientIp: clientIpOf(req, env.CLIENT_IP_HEADER) }),
    }),
  )

  const server = app.listen(env.PORT, env.HOST, () => {
    log.info('Questlog is listening', { url: `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}` })
    // Clean-ups, plan refreshes and e-mail delivery: every module's jobs (app/modules/scheduled-jobs.server.ts).
    startScheduler()
  })

  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info('shutting down', { signal })
    const jobsStopped = stopScheduler()
    server.close(() => {
      void jobsStopped.then(disconnectDatabase).finally(() => process.exit(0))
    })
    setTimeout(() => process.exit(0), 10_000).unref()
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

/**
 * The address rate limits and the audit log use: the platform proxy's header when one is
 * configured (Fly sets fly-client-ip and clients cannot forge it), else the socket's peer.
 * X-Forwarded-For is never trusted on its own: any client can write it.
 */
function clientIpOf(req: express.Request, header: string | undefined): string {
  const fromProxy = header ? req.get(header)?.split(',')[0]?.trim() : undefined
  return fromProxy || req.socket.remoteAddress || 'unknown'
}

main().catch((error: unknown) => {
  const reason = describeFatalError(error)
  if (reason) console.error(`\nQuestlog cannot start.\n${reason}\n`)
  else console.error('Questlog cannot start:', error)
  process.exit(1)
})
