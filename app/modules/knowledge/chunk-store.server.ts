import type { InStatement } from '@libsql/client'
import { ulid } from 'ulid'
import { toDbTimestamp, writeBatch } from '~/utils/db.server'

/**
 * Storing a document's chunks: the DocumentChunk rows (text, location, the embedding model that
 * made their vectors), their vectors in DocumentChunkEmbedding (the DiskANN-indexed side table,
 * written with vector32(?) since Prisma cannot write an F32_BLOB) and, by the triggers of the
 * migration, their copy in the FTS5 table DocumentChunkFts. Ingestion calls this; retrieval reads
 * what it writes (retrieval.server.ts).
 */

/** The dimension of DocumentChunkEmbedding.embedding (F32_BLOB(384) in the migration). */
export const EMBEDDING_COLUMN_DIMENSIONS = 384

export interface ChunkLocation {
  heading?: string | null
  section?: string | null
  page?: number | null
  charStart: number
  charEnd: number
}

export interface ChunkToStore {
  index: number
  content: string
  chunkType?: 'text' | 'heading' | 'table' | 'code'
  location: ChunkLocation
  tokenCount: number
  embedding: Float32Array | null
}

export interface EmbeddingModel {
  name: string
  dimensions: number
}

/** What DocumentChunk.metadata holds: the location, plus the model of the chunk's vector (null without one). */
export interface ChunkMetadata extends ChunkLocation {
  model: string | null
  dimensions: number | null
}

/** The bytes vector32(?) reads: little-endian float32, exactly the array's memory. */
export function vectorBlob(vector: Float32Array): Uint8Array {
  return new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength)
}

function checkVector(vector: Float32Array, model: EmbeddingModel, what: string) {
  if (vector.length !== model.dimensions)
    throw new Error(`${what}: ${vector.length} dimensions, but the model ${model.name} has ${model.dimensions}`)
  for (const value of vector) if (!Number.isFinite(value)) throw new Error(`${what}: not a finite vector`)
}

/** A model whose vectors fit the embedding column; throws a programmer's error otherwise. */
export function checkEmbeddingModel(model: EmbeddingModel) {
  if (!model.name.trim()) throw new Error('The embedding model needs a name')
  if (model.dimensions !== EMBEDDING_COLUMN_DIMENSIONS)
    throw new Error(
      `The embedding model ${model.name} has ${model.dimensions} dimensions; DocumentChunkEmbedding holds ${EMBEDDING_COLUMN_DIMENSIONS}`,
    )
}

/**
 * The statements replacing all chunks of a document (for a caller that adds statements of its own
 * to the same batch, e.g. the document's status). Old vectors are deleted before their chunks —
 * the foreign key would cascade, but the explicit delete keeps the DiskANN index's own bookkeeping
 * in the same statement order whatever the foreign-key pragma.
 */
export function replaceDocumentChunksStatements(
  documentId: string,
  model: EmbeddingModel | null,
  chunks: ChunkToStore[],
  now: Date = new Date(),
): InStatement[] {
  if (model) checkEmbeddingModel(model)
  const indexes = new Set<number>()
  for (const chunk of chunks) {
    if (!Number.isInteger(chunk.index) || chunk.index < 0) throw new Error(`Chunk index ${chunk.index} is not valid`)
    if (indexes.has(chunk.index)) throw new Error(`Chunk index ${chunk.index} appears twice`)
    indexes.add(chunk.index)
    if (chunk.embedding) {
      if (!model) throw new Error(`Chunk ${chunk.index} has a vector but no embedding model was given`)
      checkVector(chunk.embedding, model, `Chunk ${chunk.index}`)
    }
  }
  const at = toDbTimestamp(now)
  const statements: InStatement[] = [
    {
      sql: `DELETE FROM "DocumentChunkEmbedding" WHERE "chunkId" IN (SELECT "id" FROM "DocumentChunk" WHERE "documentId" = ?)`,
      args: [documentId],
    },
    { sql: `DELETE FROM "DocumentChunk" WHERE "documentId" = ?`, args: [documentId] },
  ]
  for (const chunk of chunks) {
    const id = ulid()
    const { heading, section, page, charStart, charEnd } = chunk.location
    const metadata: ChunkMetadata = {
      heading: heading ?? null,
      section: section ?? null,
      page: page ?? null,
      charStart,
      charEnd,
      model: chunk.embedding && model ? model.name : null,
      dimensions: chunk.embedding && model ? model.dimensions : null,
    }
    statements.push({
      sql: `INSERT INTO "DocumentChunk" ("id", "documentId", "chunkType", "chunkIndex", "content", "metadata", "tokenCount", "createdAt", "updatedAt")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [
        id,
        documentId,
        chunk.chunkType ?? 'text',
        chunk.index,
        chunk.content,
        JSON.stringify(metadata),
        chunk.tokenCount,
        at,
        at,
      ],
    })
    if (chunk.embedding)
      statements.push({
        sql: `INSERT INTO "DocumentChunkEmbedding" ("chunkId", "embedding") VALUES (?, vector32(?))`,
        args: [id, vectorBlob(chunk.embedding)],
      })
  }
  return statements
}

/**
 * Replaces all chunks of a document in one batch (atomic: a reader sees the old chunks or the new
 * ones, never a mix). DocumentChunk rows carry metadata {…location, model, dimensions};
 * DocumentChunkEmbedding rows are written via vector32(?) for chunks with a vector; the FTS table
 * follows by trigger.
 */
export async function replaceDocumentChunks(
  documentId: string,
  model: EmbeddingModel | null,
  chunks: ChunkToStore[],
): Promise<{ chunks: number }> {
  await writeBatch(replaceDocumentChunksStatements(documentId, model, chunks))
  return { chunks: chunks.length }
}
