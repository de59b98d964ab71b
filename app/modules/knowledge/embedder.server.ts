import { z } from 'zod'
import { getEnv } from '~/utils/env.server'
import { EMBEDDING_COLUMN_DIMENSIONS, type EmbeddingModel } from './chunk-store.server'

/**
 * Turning chunk texts into vectors. Two sources:
 *  - an OpenAI-compatible embeddings API (POST {AI_BASE_URL}/embeddings) when AI_BASE_URL is set,
 *    asked for 384 dimensions — the size of the vector column;
 *  - otherwise none: no sentence-embedding model whose weights ship inside an npm package could be
 *    had from the registry here (docs/ingestion.md lists what was tried), so chunks are stored
 *    without a vector (model null) and retrieval ranks them by FTS5 bm25 alone — the documented
 *    lexical fallback. No random or hashed vector is ever stored as if it were semantic.
 * The model's name and dimension go with each chunk (chunk-store), so a change of model re-embeds.
 */

export interface Embedder {
  model: EmbeddingModel
  /** one vector per text, in order */
  embed(texts: string[]): Promise<Float32Array[]>
  /** texts per request */
  batchSize: number
}

export interface OpenAiEmbedderOptions {
  baseUrl: string
  apiKey?: string
  model: string
  dimensions?: number
  batchSize?: number
  timeoutMs?: number
  fetch?: typeof fetch
}

const EmbeddingsAnswer = z.object({
  data: z.array(z.object({ index: z.number().int().min(0), embedding: z.array(z.number()) })),
})

export class EmbeddingFailed extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'EmbeddingFailed'
  }
}

export function openAiCompatibleEmbedder(options: OpenAiEmbedderOptions): Embedder {
  const dimensions = options.dimensions ?? EMBEDDING_COLUMN_DIMENSIONS
  const url = `${options.baseUrl.replace(/\/+$/, '')}/embeddings`
  const doFetch = options.fetch ?? fetch
  return {
    model: { name: `openai-compatible:${options.model}`, dimensions },
    batchSize: options.batchSize ?? 64,
    async embed(texts) {
      if (texts.length === 0) return []
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`
      let response: Awaited<ReturnType<typeof doFetch>> // the embeddings service's answer, not one of ours
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers,
          body: JSON.stringify({ model: options.model, input: texts, dimensions, encoding_format: 'float' }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
        })
      } catch (error) {
        throw new EmbeddingFailed(`the embeddings API could not be reached: ${String(error)}`)
      }
      if (!response.ok) {
        const body = (await response.text().catch(() => '')).slice(0, 300)
        throw new EmbeddingFailed(`the embeddings API answered ${response.status}${body ? `: ${body}` : ''}`)
      }
      const parsed = EmbeddingsAnswer.safeParse(await response.json().catch(() => null))
      if (!parsed.success) throw new EmbeddingFailed('the embeddings API sent an answer we do not understand')
      const vectors: (Float32Array | undefined)[] = new Array(texts.length)
      for (const item of parsed.data.data) {
        if (item.index >= texts.length)
          throw new EmbeddingFailed(`the embeddings API sent an unknown index ${item.index}`)
        if (item.embedding.length !== dimensions)
          throw new EmbeddingFailed(
            `the embeddings API sent ${item.embedding.length} dimensions instead of ${dimensions} (does the model accept "dimensions"?)`,
          )
        vectors[item.index] = normalise(Float32Array.from(item.embedding))
      }
      if (vectors.some((vector) => !vector)) throw new EmbeddingFailed('the embeddings API left out some inputs')
      return vectors as Float32Array[]
    },
  }
}

/** Unit length, so cosine distance and dot product agree whatever the API returns. */
function normalise(vector: Float32Array): Float32Array {
  let sum = 0
  for (const value of vector) sum += value * value
  const norm = Math.sqrt(sum)
  if (!Number.isFinite(norm) || norm === 0) throw new EmbeddingFailed('the embeddings API sent a zero vector')
  for (let i = 0; i < vector.length; i++) vector[i] = vector[i]! / norm
  return vector
}

/** The embedder this deployment uses: the API when AI_BASE_URL is set, else null (lexical fallback). */
export function configuredEmbedder(): Embedder | null {
  const env = getEnv()
  if (!env.AI_BASE_URL) return null
  return openAiCompatibleEmbedder({ baseUrl: env.AI_BASE_URL, apiKey: env.AI_API_KEY, model: env.AI_EMBEDDING_MODEL })
}

/** How retrieval ranks this deployment's chunks, for the docs and the admin page. */
export function embeddingMode(): { mode: 'vector'; model: string } | { mode: 'lexical' } {
  const embedder = configuredEmbedder()
  return embedder ? { mode: 'vector', model: embedder.model.name } : { mode: 'lexical' }
}
