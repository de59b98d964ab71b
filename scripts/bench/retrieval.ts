/**
 * npm run bench:retrieval — libSQL's DiskANN vector index against exact brute force, at 5k and at
 * 50k chunks, in one run (issue 14, item 3; target at 50k: ≥ 8× faster at recall@10 ≥ 0.95 with the
 * index ≤ 4× the table):
 *  - a fresh migrated database with one ready library document; its chunks are inserted with
 *    INSERT … SELECT from a recursive CTE, their 384-d vectors (random but clustered unit vectors,
 *    so that the nearest neighbours are a meaningful set) one statement per row inside one
 *    transaction per size step, through the migration's DiskANN index
 *    (metric=cosine, compress_neighbors=float1bit). The first 5k are measured, then 45k more are
 *    added and the 50k measured;
 *  - per size, the same ~200 query vectors (new points of the same clusters) through the index
 *    (`vector_top_k(…, 10)` joined back to the table) and by brute force
 *    (`ORDER BY vector_distance_cos(…) LIMIT 10`), alternating per query so that drift hits both:
 *    recall@10 against brute force, p50/p99 of each and the speed ratio; and searchPassages (the
 *    app's hybrid search, vector side only, scope and model filter included) for the same queries;
 *  - size: pages of the index (the shadow table DocumentChunkEmbedding_vector_idx_shadow and its
 *    rowid index) ÷ pages of the table (DocumentChunkEmbedding and its primary-key index), from the
 *    dbstat virtual table.
 * BENCH_SIZES=5000,50000 (cumulative), BENCH_QUERIES=200, BENCH_CLUSTERS=500, BENCH_SPREAD=0.8 change the run.
 */
import { benchDatabase, stats } from './lib'

const SIZES = (process.env.BENCH_SIZES ?? '5000,50000').split(',').map(Number)
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200)
const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 500)
const DIMENSIONS = 384
/** Each point is its cluster's centre plus this much of a random unit vector, normalised. */
const SPREAD = Number(process.env.BENCH_SPREAD ?? 0.8)
const K = 10
const MODEL = { name: 'bench-model', dimensions: DIMENSIONS }

/** A seeded generator (mulberry32) and standard normals from it: the same data every run. */
function generator(seed: number) {
  let state = seed >>> 0
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform())
  return { uniform, normal }
}

function normalise(v: Float32Array): Float32Array {
  let sum = 0
  for (const x of v) sum += x * x
  const norm = Math.sqrt(sum)
  for (let i = 0; i < v.length; i++) v[i]! /= norm
  return v
}

function randomUnit(random: ReturnType<typeof generator>): Float32Array {
  return normalise(new Float32Array(DIMENSIONS).map(() => random.normal()))
}

const random = generator(14)
const centres = Array.from({ length: CLUSTERS }, () => randomUnit(random))
function clusteredPoint(): Float32Array {
  const centre = centres[Math.floor(random.uniform() * CLUSTERS)]!
  const noise = randomUnit(random)
  return normalise(centre.map((x, i) => x + SPREAD * noise[i]!))
}

const blob = (v: Float32Array) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength)
const fmt = (ms: number) => ms.toFixed(2).padStart(8)

async function main() {
  const database = await benchDatabase('retrieval')
  const { databaseReady, disconnectDatabase, prisma, toDbTimestamp } = await import('../../app/utils/db.server')
  const { searchPassages } = await import('../../app/modules/knowledge/retrieval.server')
  const db = await databaseReady()
  try {
    const user = await prisma.user.create({
      data: { email: 'bench@example.com', username: 'bench', name: 'Bench' },
      select: { id: true },
    })
    const document = await prisma.document.create({
      data: { title: 'Bench library', content: '…', status: 'ready', teamId: null },
      select: { id: true },
    })
    const at = toDbTimestamp(new Date())
    const queries = Array.from({ length: QUERIES }, () => clusteredPoint())
    const queryArgs = queries.map((q) => blob(q))
    let stored = 0
    let buildMs = 0
    const report: string[] = []

    for (const size of SIZES) {
      // ── build: chunks by recursive CTE, vectors one statement per row, all in one transaction ──
      const started = performance.now()
      const tx = await db.transaction('write')
      try {
        await tx.execute({
          sql: `WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
                INSERT INTO "DocumentChunk" ("id", "documentId", "chunkType", "chunkIndex", "content", "metadata", "tokenCount", "createdAt", "updatedAt")
                SELECT printf('chunk-%08d', i), ?, 'text', i, 'bench chunk ' || i,
                       json_object('charStart', 0, 'charEnd', 10, 'model', ?, 'dimensions', ?), 3, ?, ?
                FROM n`,
          args: [stored, size, document.id, MODEL.name, MODEL.dimensions, at, at],
        })
        for (let i = stored; i < size; i++) {
          await tx.execute({
            sql: `INSERT INTO "DocumentChunkEmbedding" ("chunkId", "embedding") VALUES (?, vector32(?))`,
            args: [`chunk-${String(i).padStart(8, '0')}`, blob(clusteredPoint())],
          })
          if ((i + 1) % 5000 === 0)
            process.stderr.write(
              `  ${i + 1} vectors, ${((performance.now() - started) / 1000).toFixed(1)} s for this step\n`,
            )
        }
        await tx.commit()
      } finally {
        tx.close()
      }
      const stepMs = performance.now() - started
      buildMs += stepMs
      const added = size - stored
      stored = size

      // ── measure ──
      const indexMs: number[] = []
      const bruteMs: number[] = []
      const appMs: number[] = []
      let hits = 0
      let appHits = 0
      for (const [q, arg] of queryArgs.entries()) {
        const t0 = performance.now()
        const exact = await db.execute({
          sql: `SELECT "rowid" AS "id" FROM "DocumentChunkEmbedding" ORDER BY vector_distance_cos("embedding", vector32(?)) LIMIT ${K}`,
          args: [arg],
        })
        const t1 = performance.now()
        const approx = await db.execute({
          sql: `SELECT e."rowid" AS "id" FROM vector_top_k('DocumentChunkEmbedding_vector_idx', vector32(?), ${K}) AS v
                JOIN "DocumentChunkEmbedding" e ON e."rowid" = v."id"`,
          args: [arg],
        })
        const t2 = performance.now()
        const passages = await searchPassages(user.id, { text: '', embedding: queries[q]!, model: MODEL }, { limit: K })
        const t3 = performance.now()
        bruteMs.push(t1 - t0)
        indexMs.push(t2 - t1)
        appMs.push(t3 - t2)
        const truth = new Set(exact.rows.map((row) => Number(row.id)))
        hits += approx.rows.filter((row) => truth.has(Number(row.id))).length
        const truthChunks = new Set([...truth].map((rowid) => rowid - 1))
        appHits += passages.filter((p) => truthChunks.has(p.location.chunkIndex)).length
      }

      // ── size ──
      let sizes: Record<string, number> = {}
      try {
        const rows = await db.execute(
          `SELECT "name", sum("pgsize") AS "bytes" FROM "dbstat" WHERE "name" LIKE 'DocumentChunkEmbedding%' OR "name" = 'sqlite_autoindex_DocumentChunkEmbedding_1' GROUP BY "name"`,
        )
        sizes = Object.fromEntries(rows.rows.map((row) => [String(row.name), Number(row.bytes)]))
      } catch (error) {
        report.push(`  dbstat unavailable (${String(error)}); sizes left out`)
      }
      const table = (sizes.DocumentChunkEmbedding ?? 0) + (sizes.sqlite_autoindex_DocumentChunkEmbedding_1 ?? 0)
      const index =
        (sizes.DocumentChunkEmbedding_vector_idx_shadow ?? 0) +
        (sizes.DocumentChunkEmbedding_vector_idx_shadow_idx ?? 0)

      const brute = stats(bruteMs)
      const viaIndex = stats(indexMs)
      const app = stats(appMs)
      const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
      report.push(
        `${size.toLocaleString('en')} chunks (${QUERIES} queries, ${CLUSTERS} clusters, top-${K}):`,
        `  build: ${added.toLocaleString('en')} vectors in ${(stepMs / 1000).toFixed(1)} s (${Math.round(added / (stepMs / 1000))}/s)`,
        `                                 p50 ms   p99 ms  mean ms`,
        `  brute force (exact)          ${fmt(brute.p50)} ${fmt(brute.p99)} ${fmt(brute.mean)}`,
        `  vector_top_k (DiskANN)       ${fmt(viaIndex.p50)} ${fmt(viaIndex.p99)} ${fmt(viaIndex.mean)}`,
        `  searchPassages (vector side) ${fmt(app.p50)} ${fmt(app.p99)} ${fmt(app.mean)}`,
        `  speed ratio brute ÷ index: p50 ${(brute.p50 / viaIndex.p50).toFixed(1)}×, p99 ${(brute.p99 / viaIndex.p99).toFixed(1)}×, mean ${(brute.mean / viaIndex.mean).toFixed(1)}×`,
        `  recall@${K}: index ${(hits / (QUERIES * K)).toFixed(3)}, searchPassages ${(appHits / (QUERIES * K)).toFixed(3)}`,
        `  size: table ${mb(table)} (rows ${mb(sizes.DocumentChunkEmbedding ?? 0)} + key ${mb(sizes.sqlite_autoindex_DocumentChunkEmbedding_1 ?? 0)}), index ${mb(index)}: index ÷ table ${table ? (index / table).toFixed(2) : '?'}×`,
      )
      console.log(report.splice(0).join('\n'))
    }
    console.log(`total build ${(buildMs / 1000).toFixed(1)} s`)
  } finally {
    await disconnectDatabase()
    database.remove()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
