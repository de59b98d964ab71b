import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll } from 'vitest'
import { type ChatClient, openAiCompatibleChat } from '../chat-client.server'

/**
 * A loopback OpenAI-compatible `/v1/chat/completions` server for a test file, started before its
 * tests and closed after them. Each request body goes to `record`; `next` gives the scripted
 * answer for it, and with none left the server answers 500 "the model is on fire". The returned
 * client talks to it.
 */
export type Scripted<Body> = (body: Body, response: ServerResponse) => void

export function loopbackChat<Body>(handler: { next: () => Scripted<Body> | undefined; record: (body: Body) => void }) {
  let server: Server
  let client: ChatClient | undefined
  beforeAll(async () => {
    server = createServer(async (request, response) => {
      const body = JSON.parse(await readBody(request)) as Body
      handler.record(body)
      const next = request.url === '/v1/chat/completions' ? handler.next() : undefined
      if (!next) {
        response.writeHead(500, { 'content-type': 'application/json' })
        response.end(JSON.stringify({ error: { message: 'the model is on fire' } }))
        return
      }
      next(body, response)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    client = openAiCompatibleChat({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` })
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const chat: ChatClient = {
    complete: (request, options) => {
      if (!client) throw new Error('the loopback chat server is not started yet')
      return client.complete(request, options)
    },
  }
  return chat
}

/** A scripted chat completion answering `message` with `usage`. */
export const reply =
  <Body>(message: object, usage = { prompt_tokens: 100, completion_tokens: 20 }): Scripted<Body> =>
  (_, response) => {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ id: 'x', object: 'chat.completion', choices: [{ index: 0, message }], usage }))
  }

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = ''
    request.on('data', (part: Buffer) => (body += part.toString()))
    request.on('end', () => resolve(body))
  })
