import { describe, expect, it, onTestFinished } from 'vitest'
import { databaseReady, prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { seededUnitVector } from '#tests/support/random'
import { type ChunkToStore, EMBEDDING_COLUMN_DIMENSIONS, replaceDocumentChunks } from './chunk-store.server'
import { type RetrievedPassage, searchPassages } from './retrieval.server'

const MODEL = { name: 'model-a', dimensions: EMBEDDING_COLUMN_DIMENSIONS }
const OTHER_MODEL = { name: 'model-b', dimensions: EMBEDDING_COLUMN_DIMENSIONS }
const randomUnit = (seed: number) => seededUnitVector(seed, EMBEDDING_COLUMN_DIMENSIONS)

/**
 * A vector near the direction `topic`: the topic's unit vector plus `away` × another unit vector
 * (variant picks which), normalised. The larger `away`, the further from the topic.
 */
function near(topic: number, away = 0, variant = 0): Float32Array {
  const base = randomUnit(topic * 1000)
  const other = randomUnit(topic * 1000 + 1 + variant)
  const v = base.map((x, i) => x + away * other[i]!)
  const norm = Math.hypot(...v)
  return v.map((x) => x / norm)
}

let variants = 0
/** A chunk with its own vector (a random direction) unless given one. */
function chunk(
  index: number,
  content: string,
  embedding: Float32Array | null = randomUnit(1e6 + variants++),
): ChunkToStore {
  return {
    index,
    content,
    location: { heading: 'Heading', section: '1.2', page: 3, charStart: 10, charEnd: 10 + content.length },
    tokenCount: 5,
    embedding,
  }
}

async function teamOf(userId: string | null, archived = false) {
  const team = await prisma.team.create({
    data: { name: 'T', archivedAt: archived ? new Date() : null },
    select: { id: true },
  })
  if (userId) await prisma.teamMember.create({ data: { teamId: team.id, userId, role: 'member' } })
  return team
}

async function document(
  teamId: string | null,
  chunks: ChunkToStore[],
  options: { status?: 'ready' | 'pending' | 'processing' | 'failed'; title?: string; model?: typeof MODEL } = {},
) {
  const doc = await prisma.document.create({
    data: {
      teamId,
      title: options.title ?? 'Doc',
      source: 'upload:doc.md',
      content: '…',
      status: options.status ?? 'ready',
    },
    select: { id: true },
  })
  await replaceDocumentChunks(doc.id, options.model ?? MODEL, chunks)
  return doc
}

const contents = (passages: RetrievedPassage[]) => passages.map((p) => p.content)
const search = (userId: string, text: string, embedding: Float32Array | null = null, limit?: number) =>
  searchPassages(userId, { text, embedding, model: embedding ? MODEL : null }, { limit })

describe('searchPassages', () => {
  it('finds by vector: nearest first, with the passage, its document and its location', async () => {
    const user = await createUser()
    const team = await teamOf(user.id)
    const doc = await document(
      team.id,
      [chunk(0, 'first passage', near(1)), chunk(1, 'second passage', near(2)), chunk(2, 'third', null)],
      { title: 'Vectors' },
    )
    const found = await search(user.id, '', near(2, 0.2))
    expect(contents(found)).toEqual(['second passage', 'first passage'].slice(0, found.length))
    expect(found[0]).toMatchObject({
      documentId: doc.id,
      documentTitle: 'Vectors',
      source: 'upload:doc.md',
      via: ['vector'],
      location: { heading: 'Heading', section: '1.2', page: 3, charStart: 10, charEnd: 24, chunkIndex: 1 },
    })
    expect(found[0]!.score).toBeCloseTo(1 / 61, 12)
  })

  it('finds by text with bm25, stemming included', async () => {
    const user = await createUser()
    await document((await teamOf(user.id)).id, [
      chunk(0, 'Photosynthesis turns light into sugar in the leaves'),
      chunk(1, 'Mitochondria are the powerhouse of the cell'),
      chunk(2, 'Leaves, leaves, leaves: photosynthesis happens in leaves'),
    ])
    const found = await search(user.id, 'How does photosynthesis work in a leaf?')
    expect(contents(found)).toEqual([
      'Leaves, leaves, leaves: photosynthesis happens in leaves',
      'Photosynthesis turns light into sugar in the leaves',
    ])
    expect(found.every((p) => p.via.join() === 'text')).toBe(true)
  })

  it('fuses both rankings: a chunk found by both comes first', async () => {
    const user = await createUser()
    await document((await teamOf(user.id)).id, [
      chunk(0, 'vector only, closest', near(10)),
      chunk(1, 'about osmosis, second closest', near(10, 0.3)),
      ...[0, 1, 2, 3].map((i) => chunk(2 + i, `filler ${i}`, near(10, 0.4 + 0.1 * i, i))),
      chunk(6, 'osmosis osmosis osmosis, far away', near(40)),
    ])
    const found = await search(user.id, 'osmosis', near(10, 0.01))
    // vector ranks: closest 1, second 2, fillers 3–6, far 7; text ranks: far 1, second 2.
    // second: 2/62 = 0.03226 > far: 1/61 + 1/67 = 0.03132 > closest: 1/61 = 0.01639
    expect(contents(found).slice(0, 3)).toEqual([
      'about osmosis, second closest',
      'osmosis osmosis osmosis, far away',
      'vector only, closest',
    ])
    expect(found.slice(0, 3).map((p) => p.via)).toEqual([['vector', 'text'], ['vector', 'text'], ['vector']])
    expect(found[0]!.score).toBeCloseTo(2 / 62, 12)
    expect(found[1]!.score).toBeCloseTo(1 / 61 + 1 / 67, 12)
  })

  it('never returns another team’s passages, on either side, nor passages of teams of other members', async () => {
    const [me, stranger] = [await createUser(), await createUser()]
    const mine = await teamOf(me.id)
    const theirs = await teamOf(stranger.id)
    await document(mine.id, [chunk(0, 'my quadratic notes', near(20))])
    const library = await document(null, [chunk(0, 'library quadratic primer', near(20, 0.4))])
    onTestFinished(() => prisma.document.delete({ where: { id: library.id } }).then(() => undefined))
    // the stranger's chunks match better on both sides
    await document(theirs.id, [
      chunk(0, 'secret quadratic quadratic quadratic', near(20, 0.001)),
      chunk(1, 'secret quadratic formula quadratic', near(20, 0.01)),
    ])
    const found = await search(me.id, 'quadratic', near(20, 0.001), 50)
    expect(contents(found).sort()).toEqual(['library quadratic primer', 'my quadratic notes'])
    // and the other way round
    const theirsFound = await search(stranger.id, 'quadratic', near(20, 0.001), 50)
    expect(contents(theirsFound).some((c) => c === 'my quadratic notes')).toBe(false)
    // someone in no team reads the library only
    const nobody = await createUser()
    expect(contents(await search(nobody.id, 'quadratic', near(20), 50))).toEqual(['library quadratic primer'])
  })

  it('over-fetches the index again when other teams crowd the nearest neighbours', async () => {
    const user = await createUser()
    const crowd = await teamOf(null)
    // 60 chunks of another team nearer to the query than the user's one chunk
    await document(
      crowd.id,
      Array.from({ length: 60 }, (_, i) => chunk(i, `crowd ${i}`, near(30, 0.01 + 0.001 * i, i))),
    )
    await document((await teamOf(user.id)).id, [chunk(0, 'mine, a bit further', near(30, 0.5))])
    // limit 2: the first pass (k = 20) holds only the crowd, the second (k = 200) reaches mine
    const found = await search(user.id, '', near(30, 0.0001), 2)
    expect(contents(found)).toEqual(['mine, a bit further'])
  })

  it('leaves out archived teams and documents that are not ready', async () => {
    const user = await createUser()
    const archived = await teamOf(user.id, true)
    const active = await teamOf(user.id)
    await document(archived.id, [chunk(0, 'archived zebra', near(50))])
    for (const status of ['pending', 'processing', 'failed'] as const)
      await document(active.id, [chunk(0, `${status} zebra`, near(50, 0.01))], { status })
    await document(active.id, [chunk(0, 'ready zebra', near(50, 0.3))])
    expect(contents(await search(user.id, 'zebra', near(50, 0.01), 50))).toEqual(['ready zebra'])
  })

  it('counts only vectors of the query’s model on the vector side', async () => {
    const user = await createUser()
    const team = await teamOf(user.id)
    await document(team.id, [chunk(0, 'made by model b', near(60))], { model: OTHER_MODEL })
    await document(team.id, [chunk(0, 'made by model a', near(60, 0.6))])
    const byA = await search(user.id, '', near(60, 0.001))
    expect(contents(byA)).toEqual(['made by model a'])
    const byB = await searchPassages(user.id, { text: '', embedding: near(60), model: OTHER_MODEL })
    expect(contents(byB)).toEqual(['made by model b'])
    // the text side knows no model
    expect(contents(await search(user.id, 'made model', near(60))).sort()).toEqual([
      'made by model a',
      'made by model b',
    ])
  })

  it('treats hostile query text as plain words', async () => {
    const user = await createUser()
    await document((await teamOf(user.id)).id, [
      chunk(0, 'near the table we drop a quote'),
      chunk(1, 'nothing else here'),
    ])
    const hostile = [
      'NEAR(',
      'NEAR(a b, 2)',
      '"',
      '"unterminated',
      "'",
      '*',
      'quo*',
      '^near',
      '-near',
      'content: near',
      'chunkId:x',
      '{content}: drop',
      'a AND OR NOT',
      '\'); DROP TABLE "DocumentChunk"; --',
      '" OR 1=1 --',
      'near"); DELETE FROM "Document"; --',
      '\u0000 \u202e \ud83d\ude00',
      'x'.repeat(10_000),
      Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' '),
    ]
    for (const text of hostile) {
      const found = await search(user.id, text)
      expect(
        found.every((p) => p.content === 'near the table we drop a quote'),
        text.slice(0, 40),
      ).toBe(true)
    }
    expect(contents(await search(user.id, '"DROP TABLE"'))).toEqual(['near the table we drop a quote'])
    expect(await search(user.id, '*')).toEqual([])
    const db = await databaseReady()
    const left = await db.execute(`SELECT count(*) AS n FROM "DocumentChunk"`)
    expect(Number(left.rows[0]!.n)).toBeGreaterThanOrEqual(2)
  })

  it('answers nothing for an empty query and refuses a vector of the wrong size', async () => {
    const user = await createUser()
    expect(await searchPassages(user.id, { text: '  ', embedding: null, model: null })).toEqual([])
    await expect(searchPassages(user.id, { text: 'x', embedding: new Float32Array(3), model: MODEL })).rejects.toThrow()
    await expect(searchPassages(user.id, { text: 'x', embedding: near(1), model: null })).rejects.toThrow()
  })
})
