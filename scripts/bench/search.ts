/**
 * npm run bench:search — the search box over 50k document chunks (issue 15, item 2; docs/search.md):
 *  - a fresh migrated database: 100 ready documents of 500 chunks each, half in the bench user's
 *    team or the platform library, half in another team (so the scope filters real rows); each chunk
 *    is 40 words drawn (Zipf-like, seeded) from a 2,000-word vocabulary, indexed by the triggers;
 *  - queries alternate between kinds of input: a common word, a rare word, two words, a 4-letter
 *    prefix, and a query full of FTS syntax; each runs `search()` of app/modules/search (every kind,
 *    scope, bm25, snippets) — p50/p99 per kind and overall.
 * BENCH_CHUNKS=50000, BENCH_QUERIES=200 change the run.
 */
import { seededRandom } from '../../tests/support/random'
import { benchDatabase, stats } from './lib'

const CHUNKS = Number(process.env.BENCH_CHUNKS ?? 50_000)
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200)
const PER_DOCUMENT = 500
const WORDS_PER_CHUNK = 40
const VOCABULARY = 2_000

const random = seededRandom(15)
const syllables = [
  'fra',
  'ction',
  'lo',
  'gar',
  'ithm',
  'ver',
  'bé',
  'ta',
  'num',
  'ra',
  'tor',
  'qui',
  'zé',
  'mon',
  'del',
  'ex',
]
const vocabulary = Array.from({ length: VOCABULARY }, (_, i) => {
  let word = ''
  for (let n = i + 1; n > 0; n = Math.floor(n / syllables.length)) word += syllables[n % syllables.length]
  return word
})
/** Word i with probability ∝ 1/(i+1): a few words are everywhere, most are rare. */
const zipfWord = () => vocabulary[Math.min(VOCABULARY - 1, Math.floor(Math.exp(random() * Math.log(VOCABULARY)) - 1))]!

async function main() {
  const database = await benchDatabase('search')
  const { databaseReady, disconnectDatabase, prisma, toDbTimestamp } = await import('../../app/utils/db.server')
  const { search } = await import('../../app/modules/search/search.server')
  const db = await databaseReady()
  try {
    const user = await prisma.user.create({
      data: { email: 'bench@example.com', username: 'bench', name: 'Bench' },
      select: { id: true },
    })
    const mine = await prisma.team.create({ data: { name: 'Mine' }, select: { id: true } })
    const theirs = await prisma.team.create({ data: { name: 'Theirs' }, select: { id: true } })
    await prisma.teamMember.create({ data: { teamId: mine.id, userId: user.id, role: 'member' } })
    const started = performance.now()
    for (let d = 0; d * PER_DOCUMENT < CHUNKS; d++) {
      const teamId = d % 2 === 1 ? theirs.id : d % 4 === 0 ? null : mine.id
      const document = await prisma.document.create({
        data: { title: `${zipfWord()} ${zipfWord()} handbook ${d}`, content: '…', status: 'ready', teamId },
        select: { id: true },
      })
      const count = Math.min(PER_DOCUMENT, CHUNKS - d * PER_DOCUMENT)
      await db.batch(
        Array.from({ length: count }, (_, i) => ({
          sql: `INSERT INTO "DocumentChunk" ("id", "documentId", "chunkIndex", "content", "updatedAt") VALUES (?, ?, ?, ?, ?)`,
          args: [
            `${document.id}-${i}`,
            document.id,
            i,
            Array.from({ length: WORDS_PER_CHUNK }, () => zipfWord()).join(' '),
            toDbTimestamp(new Date()),
          ],
        })),
        'write',
      )
    }
    console.log(`${CHUNKS} chunks indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`)

    const kinds: Record<string, () => string> = {
      'common word': () => vocabulary[Math.floor(random() * 5)]!,
      'rare word': () => vocabulary[500 + Math.floor(random() * 1500)]!,
      'two words': () => `${vocabulary[Math.floor(random() * 50)]!} ${vocabulary[Math.floor(random() * 200)]!}`,
      prefix: () => vocabulary[Math.floor(random() * 300)]!.slice(0, 4),
      'FTS syntax': () => `"${vocabulary[Math.floor(random() * 100)]!}* NEAR -x`,
    }
    const names = Object.keys(kinds)
    const ms = new Map<string, number[]>(names.map((n) => [n, []]))
    for (let i = 0; i < 10; i++) await search(user.id, kinds[names[i % names.length]!]!())
    let found = 0
    for (let i = 0; i < QUERIES; i++) {
      const name = names[i % names.length]!
      const text = kinds[name]!()
      const t0 = performance.now()
      const results = await search(user.id, text)
      ms.get(name)!.push(performance.now() - t0)
      found += results?.documents.hits.length ?? 0
    }
    console.log(`\nsearch() over ${CHUNKS} chunks · ${QUERIES} queries · ${found} document hits shown\n`)
    console.log('query                 p50 ms    p99 ms')
    const all: number[] = []
    for (const [name, list] of ms) {
      all.push(...list)
      const s = stats(list)
      console.log(`${name.padEnd(18)} ${s.p50.toFixed(2).padStart(9)} ${s.p99.toFixed(2).padStart(9)}`)
    }
    const s = stats(all)
    console.log(`${'all'.padEnd(18)} ${s.p50.toFixed(2).padStart(9)} ${s.p99.toFixed(2).padStart(9)}`)
  } finally {
    await disconnectDatabase()
    database.remove()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
