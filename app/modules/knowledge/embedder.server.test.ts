import { type IncomingMessage, type Server, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseEnv } from '~/utils/env.server'
import { EmbeddingFailed, configuredEmbedder, openAiCompatibleEmbedder } from './embedder.server'

/** A loopback OpenAI-compatible /v1/embeddings server: vector i of an answer is [len(text), i, 0, …] scaled. */
let server: Server
let baseUrl: string
const seen: { auth: string | undefined; body: { model: string; input: string[]; dimensions: number } }[] = []
let mode: 'ok' | 'wrong-size' | 'error' = 'ok'

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = ''
    request.on('data', (part: Buffer) => (body += part.toString()))
    request.on('end', () => resolve(body))
  })
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const body = JSON.parse(await readBody(request)) as { model: string; input: string[]; dimensions: number }
    seen.push({ auth: request.headers.authorization, body })
    if (request.url !== '/v1/embeddings' || mode === 'error') {
      response.writeHead(mode === 'error' ? 503 : 404, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ error: { message: 'overloaded' } }))
      return
    }
    const size = mode === 'wrong-size' ? 8 : body.dimensions
    // answered out of order, as the API allows: the client must order them by index
    const data = body.input
      .map((text, index) => {
        const embedding = new Array<number>(size).fill(0)
        embedding[0] = text.length
        embedding[1] = index + 1
        return { object: 'embedding', index, embedding }
      })
      .reverse()
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ object: 'list', data, model: body.model }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('OpenAI-compatible embedder', () => {
  it('posts the texts with the model, the key and 384 dimensions; returns unit vectors in input order', async () => {
    mode = 'ok'
    const embedder = openAiCompatibleEmbedder({ baseUrl, apiKey: 'sk-test', model: 'test-embed' })
    expect(embedder.model).toEqual({ name: 'openai-compatible:test-embed', dimensions: 384 })
    const vectors = await embedder.embed(['abc', 'abcdefgh'])
    const last = seen.at(-1)!
    expect(last.auth).toBe('Bearer sk-test')
    expect(last.body).toMatchObject({ model: 'test-embed', input: ['abc', 'abcdefgh'], dimensions: 384 })
    expect(vectors).toHaveLength(2)
    expect(vectors[0]).toBeInstanceOf(Float32Array)
    expect(vectors[0]!.length).toBe(384)
    expect(vectors[0]![0]! / vectors[0]![1]!).toBeCloseTo(3) // text "abc", index 1
    expect(vectors[1]![0]! / vectors[1]![1]!).toBeCloseTo(4) // text "abcdefgh", index 2
    const norm = Math.hypot(...vectors[1]!)
    expect(norm).toBeCloseTo(1, 5)
    expect(await embedder.embed([])).toEqual([])
  })

  it('refuses vectors of the wrong size and API errors', async () => {
    const embedder = openAiCompatibleEmbedder({ baseUrl, model: 'test-embed' })
    mode = 'wrong-size'
    await expect(embedder.embed(['x'])).rejects.toThrow(/8 dimensions instead of 384/)
    mode = 'error'
    await expect(embedder.embed(['x'])).rejects.toThrow(EmbeddingFailed)
    await expect(embedder.embed(['x'])).rejects.toThrow(/503/)
    expect(seen.at(-1)!.auth).toBeUndefined()
    mode = 'ok'
  })

  it('is configured by AI_BASE_URL; without it there is no embedder (lexical fallback)', () => {
    expect(configuredEmbedder()).toBeNull() // the test environment sets no AI_BASE_URL
    const env = parseEnv({ AI_BASE_URL: 'http://127.0.0.1:9/v1/', AI_API_KEY: 'k' })
    expect(env.AI_BASE_URL).toBe('http://127.0.0.1:9/v1')
    expect(env.AI_EMBEDDING_MODEL).toBe('text-embedding-3-small')
    expect(() => parseEnv({ AI_API_KEY: 'k' })).toThrow(/AI_API_KEY/)
    expect(() => parseEnv({ AI_BASE_URL: 'ftp://x' })).toThrow(/AI_BASE_URL/)
  })
})
