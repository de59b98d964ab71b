import { describe, expect, it } from 'vitest'
import { databaseReady, prisma } from '~/utils/db.server'
import { seededUnitVector } from '#tests/support/random'
import { type ChunkToStore, EMBEDDING_COLUMN_DIMENSIONS, replaceDocumentChunks } from './chunk-store.server'

const MODEL = { name: 'test-model', dimensions: EMBEDDING_COLUMN_DIMENSIONS }
const denseVector = (seed: number) => seededUnitVector(seed, EMBEDDING_COLUMN_DIMENSIONS)

let seeds = 1000
/** A chunk with a vector of its own (identical vectors are avoided: libsql#2197). */
function chunk(index: number, content: string, embedding: Float32Array | null = denseVector(seeds++)): ChunkToStore {
  return {
    index,
    content,
    chunkType: 'text',
    location: {
      heading: `H${index}`,
      section: null,
      page: index + 1,
      charStart: index * 100,
      charEnd: index * 100 + 99,
    },
    tokenCount: content.split(' ').length,
    embedding,
  }
}

async function documentRow() {
  return prisma.document.create({ data: { title: 'Doc', content: '…', status: 'ready' }, select: { id: true } })
}

async function stored(documentId: string) {
  const db = await databaseReady()
  const chunks = await db.execute({
    sql: `SELECT c."id", c."chunkIndex", c."content", c."metadata", c."tokenCount", c."chunkType",
                 e."chunkId" IS NOT NULL AS "hasVector",
                 CASE WHEN e."chunkId" IS NOT NULL THEN vector_extract(e."embedding") END AS "vector"
          FROM "DocumentChunk" c LEFT JOIN "DocumentChunkEmbedding" e ON e."chunkId" = c."id"
          WHERE c."documentId" = ? ORDER BY c."chunkIndex"`,
    args: [documentId],
  })
  const fts = await db.execute({
    sql: `SELECT f."chunkId", f."content" FROM "DocumentChunkFts" f JOIN "DocumentChunk" c ON c."id" = f."chunkId"
          WHERE c."documentId" = ? ORDER BY f."content"`,
    args: [documentId],
  })
  const vectors = await db.execute({
    sql: `SELECT count(*) AS n FROM "DocumentChunkEmbedding" e JOIN "DocumentChunk" c ON c."id" = e."chunkId" WHERE c."documentId" = ?`,
    args: [documentId],
  })
  // rows left behind by a replaced chunk, whatever document it was of
  const orphans = await db.execute(
    `SELECT (SELECT count(*) FROM "DocumentChunkFts" WHERE "chunkId" NOT IN (SELECT "id" FROM "DocumentChunk"))
          + (SELECT count(*) FROM "DocumentChunkEmbedding" WHERE "chunkId" NOT IN (SELECT "id" FROM "DocumentChunk")) AS n`,
  )
  expect(Number(orphans.rows[0]!.n), 'orphaned FTS or vector rows').toBe(0)
  return { chunks: chunks.rows, fts: fts.rows, vectorCount: Number(vectors.rows[0]!.n) }
}

describe('replaceDocumentChunks', () => {
  it('stores chunks with their location and model, their vectors and their FTS copy', async () => {
    const doc = await documentRow()
    const first = chunk(0, 'alpha fractions')
    const result = await replaceDocumentChunks(doc.id, MODEL, [
      first,
      chunk(1, 'beta decimals', null),
      { ...chunk(2, 'gamma code'), chunkType: 'code' },
    ])
    expect(result).toEqual({ chunks: 3 })
    const { chunks, fts, vectorCount } = await stored(doc.id)
    expect(chunks.map((c) => [c.chunkIndex, c.content, c.chunkType, Number(c.hasVector)])).toEqual([
      [0, 'alpha fractions', 'text', 1],
      [1, 'beta decimals', 'text', 0],
      [2, 'gamma code', 'code', 1],
    ])
    expect(JSON.parse(String(chunks[0]!.metadata))).toEqual({
      heading: 'H0',
      section: null,
      page: 1,
      charStart: 0,
      charEnd: 99,
      model: 'test-model',
      dimensions: 384,
    })
    // a chunk without a vector records no model: a model switch re-embeds it like any other
    expect(JSON.parse(String(chunks[1]!.metadata))).toMatchObject({ model: null, dimensions: null })
    const vector = JSON.parse(String(chunks[0]!.vector)) as number[]
    expect(vector).toHaveLength(384)
    vector.forEach((x, i) => expect(x).toBeCloseTo(first.embedding![i]!, 6))
    expect(vectorCount).toBe(2)
    expect(fts.map((row) => [row.chunkId, row.content])).toEqual(
      [...chunks].sort((a, b) => String(a.content).localeCompare(String(b.content))).map((c) => [c.id, c.content]),
    )
  })

  it('replaces every chunk, vector and FTS row of the document and leaves other documents alone', async () => {
    const [doc, other] = [await documentRow(), await documentRow()]
    await replaceDocumentChunks(doc.id, MODEL, [chunk(0, 'old one'), chunk(1, 'old two')])
    await replaceDocumentChunks(other.id, MODEL, [chunk(0, 'other stays')])
    await replaceDocumentChunks(doc.id, MODEL, [chunk(0, 'new only', denseVector(7))])
    const { chunks, fts, vectorCount } = await stored(doc.id)
    expect(chunks.map((c) => c.content)).toEqual(['new only'])
    expect(fts.map((row) => row.content)).toEqual(['new only'])
    expect(vectorCount).toBe(1)
    expect((await stored(other.id)).chunks.map((c) => c.content)).toEqual(['other stays'])
    // and the index follows: the new vector is found, the old ones are not
    const db = await databaseReady()
    const top = await db.execute({
      sql: `SELECT e."chunkId" FROM vector_top_k('DocumentChunkEmbedding_vector_idx', vector32(?), 5) v
            JOIN "DocumentChunkEmbedding" e ON e."rowid" = v."id"
            ORDER BY vector_distance_cos(e."embedding", vector32(?))`,
      args: [JSON.stringify(Array.from(denseVector(7))), JSON.stringify(Array.from(denseVector(7)))],
    })
    const found = top.rows.map((row) => String(row.chunkId))
    expect(found[0]).toBe(chunks[0]!.id)
    const live = await db.execute(`SELECT "chunkId" FROM "DocumentChunkEmbedding"`)
    expect(found.every((id) => live.rows.some((row) => row.chunkId === id))).toBe(true)
  })

  it('an empty list removes the chunks', async () => {
    const doc = await documentRow()
    await replaceDocumentChunks(doc.id, MODEL, [chunk(0, 'x')])
    expect(await replaceDocumentChunks(doc.id, null, [])).toEqual({ chunks: 0 })
    const { chunks, fts, vectorCount } = await stored(doc.id)
    expect([chunks.length, fts.length, vectorCount]).toEqual([0, 0, 0])
  })

  it('refuses what would corrupt the store, writing nothing', async () => {
    const doc = await documentRow()
    await replaceDocumentChunks(doc.id, MODEL, [chunk(0, 'kept')])
    const bad: Array<[string, () => Promise<unknown>]> = [
      ['vector without model', () => replaceDocumentChunks(doc.id, null, [chunk(0, 'x')])],
      ['wrong length', () => replaceDocumentChunks(doc.id, MODEL, [chunk(0, 'x', new Float32Array(12))])],
      ['model of another size', () => replaceDocumentChunks(doc.id, { name: 'm', dimensions: 768 }, [chunk(0, 'x')])],
      ['NaN', () => replaceDocumentChunks(doc.id, MODEL, [chunk(0, 'x', denseVector(0).fill(Number.NaN, 3, 4))])],
      ['duplicate index', () => replaceDocumentChunks(doc.id, MODEL, [chunk(0, 'x'), chunk(0, 'y')])],
    ]
    for (const [name, call] of bad) await expect(call(), name).rejects.toThrow()
    expect((await stored(doc.id)).chunks.map((c) => c.content)).toEqual(['kept'])
  })

  it('a missing document fails the whole batch (foreign key)', async () => {
    await expect(replaceDocumentChunks('no-such-document', MODEL, [chunk(0, 'x')])).rejects.toThrow()
    expect((await stored('no-such-document')).chunks).toEqual([])
  })
})
