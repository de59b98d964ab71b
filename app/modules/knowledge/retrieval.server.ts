import type { InValue } from '@libsql/client'
import { databaseReady } from '~/utils/db.server'
import { numberOrNull, parsedJson, textOrNull } from '~/utils/db/row-values'
import { type EmbeddingModel, checkEmbeddingModel, vectorBlob } from './chunk-store.server'
import { READABLE_DOCUMENT } from './read-scope'
import {
  type RetrievalSide,
  ftsMatchExpression,
  needsAnotherVectorPass,
  passageLimit,
  reciprocalRankFusion,
  vectorPassK,
} from './retrieval-rules'

/**
 * Hybrid retrieval over document chunks (issue 14, item 3): the DiskANN vector index
 * (vector_top_k) and the FTS5 table (bm25) each rank chunks, reciprocal rank fusion merges the two
 * rankings. Every side is scoped to what the asking user may read. docs/retrieval.md.
 */

export interface PassageLocation {
  heading: string | null
  section: string | null
  page: number | null
  charStart: number | null
  charEnd: number | null
  chunkIndex: number
}

export interface RetrievedPassage {
  chunkId: string
  documentId: string
  documentTitle: string
  source: string | null
  content: string
  location: PassageLocation
  /** the reciprocal-rank-fusion score (higher is better) */
  score: number
  via: RetrievalSide[]
}

export interface PassageQuery {
  text: string
  embedding: Float32Array | null
  model: EmbeddingModel | null
}

const VECTOR_INDEX = 'DocumentChunkEmbedding_vector_idx'

/**
 * The vector side: the k nearest chunks of the whole index, with a flag for those in scope and made
 * by the query's model (the index holds every team's chunks and every model's vectors). All k rows
 * come back so that the caller knows whether the index had more to give; the distance is computed
 * again only for the ones kept.
 */
const VECTOR_SQL = `
SELECT e."chunkId" AS "chunkId",
       CASE WHEN d."id" IS NOT NULL THEN vector_distance_cos(e."embedding", vector32(?)) END AS "distance"
FROM vector_top_k('${VECTOR_INDEX}', vector32(?), ?) AS v
JOIN "DocumentChunkEmbedding" e ON e."rowid" = v."id"
JOIN "DocumentChunk" c ON c."id" = e."chunkId"
LEFT JOIN "Document" d ON d."id" = c."documentId" AND ${READABLE_DOCUMENT}
  AND json_extract(c."metadata", '$.model') = ? AND json_extract(c."metadata", '$.dimensions') = ?`

/** The text side: bm25 over the chunks in scope (bm25() is lower for better matches). */
const TEXT_SQL = `
SELECT f."chunkId" AS "chunkId"
FROM "DocumentChunkFts" f
JOIN "DocumentChunk" c ON c."id" = f."chunkId"
JOIN "Document" d ON d."id" = c."documentId"
WHERE "DocumentChunkFts" MATCH ? AND ${READABLE_DOCUMENT}
ORDER BY bm25("DocumentChunkFts"), c."id"
LIMIT ?`

async function vectorRanking(userId: string, embedding: Float32Array, model: EmbeddingModel, limit: number) {
  const db = await databaseReady()
  const blob = vectorBlob(embedding)
  let best: string[] = []
  for (let pass = 0; ; pass++) {
    const k = vectorPassK(limit, pass)
    if (k === null) return best
    const result = await db.execute({
      sql: VECTOR_SQL,
      args: [blob, blob, k, userId, model.name, model.dimensions],
    })
    const kept = result.rows
      .filter((row) => row.distance !== null)
      .map((row) => ({ id: String(row.chunkId), distance: Number(row.distance) }))
      .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : 1))
      .map((row) => row.id)
    best = kept.slice(0, limit)
    if (!needsAnotherVectorPass({ limit, fetched: result.rows.length, k, kept: kept.length })) return best
  }
}

async function textRanking(userId: string, text: string, limit: number): Promise<string[]> {
  const match = ftsMatchExpression(text)
  if (match === null) return []
  const db = await databaseReady()
  const result = await db.execute({ sql: TEXT_SQL, args: [match, userId, limit] })
  return result.rows.map((row) => String(row.chunkId))
}

async function passagesByChunkId(userId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, Omit<RetrievedPassage, 'score' | 'via'>>()
  const db = await databaseReady()
  // The scope again: the rankings were scoped, this keeps the read that returns text scoped too.
  const result = await db.execute({
    sql: `SELECT c."id", c."documentId", c."content", c."chunkIndex", c."metadata", d."title", d."source"
          FROM "DocumentChunk" c JOIN "Document" d ON d."id" = c."documentId"
          WHERE c."id" IN (${ids.map(() => '?').join(', ')}) AND ${READABLE_DOCUMENT}`,
    args: [...ids, userId] satisfies InValue[],
  })
  const passages = new Map<string, Omit<RetrievedPassage, 'score' | 'via'>>()
  for (const row of result.rows) {
    const metadata = (parsedJson(row.metadata) ?? {}) as Record<string, unknown>
    const chunkId = String(row.id)
    passages.set(chunkId, {
      chunkId,
      documentId: String(row.documentId),
      documentTitle: String(row.title),
      source: textOrNull(row.source),
      content: String(row.content),
      location: {
        heading: textOrNull(metadata.heading),
        section: textOrNull(metadata.section),
        page: numberOrNull(metadata.page),
        charStart: numberOrNull(metadata.charStart),
        charEnd: numberOrNull(metadata.charEnd),
        chunkIndex: Number(row.chunkIndex),
      },
    })
  }
  return passages
}

/**
 * Hybrid search scoped to what the user may read: documents of the teams they are a member of
 * (TeamMember rows; team not archived) plus the platform library (Document.teamId null), status
 * ready. The vector side runs when the query has an embedding and a model, and counts only chunks
 * whose vectors that same model made; the text side runs when the text has a searchable word.
 * Best first; `score` is the fused score.
 */
export async function searchPassages(
  userId: string,
  query: PassageQuery,
  options: { limit?: number } = {},
): Promise<RetrievedPassage[]> {
  const limit = passageLimit(options.limit)
  const { embedding, model } = query
  if (embedding && !model) throw new Error('A query vector needs the model that made it')
  if (embedding && model) {
    checkEmbeddingModel(model)
    if (embedding.length !== model.dimensions)
      throw new Error(`The query vector has ${embedding.length} dimensions, the model ${model.dimensions}`)
  }
  // Each side ranks `limit` chunks: fusion can only promote what one of them found.
  const [vector, text] = await Promise.all([
    embedding && model ? vectorRanking(userId, embedding, model, limit) : Promise.resolve([]),
    textRanking(userId, query.text, limit),
  ])
  const fused = reciprocalRankFusion([
    { via: 'vector', ids: vector },
    { via: 'text', ids: text },
  ]).slice(0, limit)
  const passages = await passagesByChunkId(
    userId,
    fused.map((hit) => hit.id),
  )
  return fused.flatMap((hit) => {
    const passage = passages.get(hit.id)
    // gone between the ranking and this read (re-ingested, or the document left scope)
    return passage ? [{ ...passage, score: hit.score, via: hit.via }] : []
  })
}

/** One passage the user may read, with the concepts of the ready nuggets made from it; null when out of reach. */
export async function readablePassage(
  userId: string,
  chunkId: string,
): Promise<(Omit<RetrievedPassage, 'score' | 'via'> & { nuggetConcepts: string[] }) | null> {
  const passage = (await passagesByChunkId(userId, [chunkId])).get(chunkId)
  if (!passage) return null
  const db = await databaseReady()
  const nuggets = await db.execute({
    sql: `SELECT DISTINCT j.value AS "concept" FROM "NuggetSource" s JOIN "Nugget" n ON n."id" = s."nuggetId",
            json_each(n."metadata", '$.concepts') j
          WHERE s."documentId" = ? AND s."chunkIndex" = ? AND n."status" = 'ready'
          ORDER BY 1`,
    args: [passage.documentId, passage.location.chunkIndex],
  })
  const nuggetConcepts = nuggets.rows.map((r) => r.concept).filter((c): c is string => typeof c === 'string')
  return { ...passage, nuggetConcepts }
}
