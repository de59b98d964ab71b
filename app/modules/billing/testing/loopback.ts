import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * Test-only HTTP servers on 127.0.0.1: the only place billing tests stand in for
 * anything. `serveRoutes` serves real route modules (the app answering the
 * sandbox's webhook calls to its own origin); `servePolarStandIn` plays Polar's API.
 */
export interface Loopback {
  origin: string
  close: () => Promise<void>
}

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<Loopback> {
  const server: Server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      res.statusCode = 599
      res.end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

type Action = (args: {
  request: Request
  params: Record<string, string>
  context: Record<string, unknown>
}) => Promise<unknown>

/** Serves POSTs to these paths with the route modules' actions, as Remix would (a returned Response, or 204). */
export function serveRoutes(routes: Record<string, { action?: unknown }>): Promise<Loopback> {
  return listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const route = routes[url.pathname]
    if (!route?.action || req.method !== 'POST') {
      res.statusCode = 404
      res.end()
      return
    }
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value)
    const request = new Request(url, { method: 'POST', headers, body: new Uint8Array(await bodyOf(req)) })
    let answer: unknown
    try {
      answer = await (route.action as Action)({ request, params: {}, context: { clientIp: '127.0.0.1' } })
    } catch (thrown) {
      answer = thrown
    }
    const response = answer instanceof Response ? answer : null
    res.statusCode =
      response?.status ??
      (answer && typeof answer === 'object' && 'init' in answer
        ? ((answer as { init?: { status?: number } }).init?.status ?? 200)
        : 200)
    res.end(response ? Buffer.from(await response.arrayBuffer()) : JSON.stringify(answer ?? null))
  })
}

export interface RecordedRequest {
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  body: unknown
}

/** Polar's API: records each request and answers with `reply(path, body)` as JSON. */
export async function servePolarStandIn(
  reply: (req: RecordedRequest) => { status: number; body: unknown },
): Promise<Loopback & { requests: RecordedRequest[] }> {
  const requests: RecordedRequest[] = []
  const loopback = await listen(async (req, res) => {
    const raw = (await bodyOf(req)).toString('utf8')
    const recorded: RecordedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: raw ? JSON.parse(raw) : null,
    }
    requests.push(recorded)
    const { status, body } = reply(recorded)
    res.statusCode = status
    res.setHeader('content-type', 'application/json')
    res.end(JSON.stringify(body))
  })
  return { ...loopback, requests }
}
