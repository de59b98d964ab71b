/**
 * npm run bench:ingestion — throughput of the real ingestion path (issue 14, deliverable 1):
 *  - a fresh migrated database and one team; BENCH_DOCS (200) documents, alternately markdown and
 *    HTML, each made of BENCH_SECTIONS (12) sections taken in turn from scripts/demo/fractions-guide.md
 *    with the document's number in every paragraph (so that no two hash alike);
 *  - request half: parseDocument + startIngestion (Document, IngestionJob, queued BackgroundJob);
 *  - job half: the durable queue worked until empty (chunking, storing chunks + FTS rows in one batch).
 * The embedder is off (lexical only, as offline): the figures are parse + chunk + store, no vectors.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { benchDatabase } from './lib'

const DOCS = Number(process.env.BENCH_DOCS ?? 200)
const SECTIONS = Number(process.env.BENCH_SECTIONS ?? 12)

function demoSections(): { heading: string; body: string }[] {
  const text = readFileSync(join(import.meta.dirname, '../demo/fractions-guide.md'), 'utf8')
  return text
    .split(/^## /m)
    .slice(1)
    .map((part) => {
      const [heading = '', ...rest] = part.split('\n')
      return {
        heading: heading.trim(),
        body: rest
          .join('\n')
          .trim()
          .replace(/\n(?!\n)/g, ' '),
      }
    })
}

function makeDocument(n: number, sections: { heading: string; body: string }[]): { name: string; text: string } {
  const picked = Array.from({ length: SECTIONS }, (_, i) => sections[(n + i) % sections.length]!)
  const paragraph = (body: string, i: number) => `Note ${n}.${i}: ${body} (Lesson ${n}, part ${i}.)`
  if (n % 2 === 0)
    return {
      name: `guide-${n}.md`,
      text: `# Guide ${n}\n\n${picked.map((s, i) => `## ${s.heading} ${i}\n\n${paragraph(s.body, i)}\n\n${paragraph(s.body, i + 100)}\n`).join('\n')}`,
    }
  return {
    name: `guide-${n}.html`,
    text: `<!doctype html><html><head><title>Guide ${n}</title></head><body><h1>Guide ${n}</h1>${picked
      .map((s, i) => `<h2>${s.heading} ${i}</h2><p>${paragraph(s.body, i)}</p><p>${paragraph(s.body, i + 100)}</p>`)
      .join('')}</body></html>`,
  }
}

async function main() {
  const database = await benchDatabase('ingestion')
  const { disconnectDatabase, prisma } = await import('../../app/utils/db.server')
  const { startIngestion } = await import('../../app/modules/knowledge/ingestion.server')
  const { parseDocument } = await import('../../app/modules/knowledge/parse.server')
  const { runIngestionQueue } = await import('../../app/modules/knowledge/jobs.server')
  try {
    const team = await prisma.team.create({ data: { name: 'Bench team' }, select: { id: true } })
    const sections = demoSections()
    const documents = Array.from({ length: DOCS }, (_, n) => makeDocument(n, sections))
    const encoder = new TextEncoder()
    const totalBytes = documents.reduce((sum, d) => sum + encoder.encode(d.text).byteLength, 0)

    const t0 = performance.now()
    for (const document of documents) {
      const bytes = encoder.encode(document.text)
      const parsed = await parseDocument(bytes)
      await startIngestion(
        { teamId: team.id, userId: null, type: 'file', source: `upload:${document.name}`, monitoredUrlId: null },
        { title: document.name, bytes: bytes.byteLength, parsed },
      )
    }
    const t1 = performance.now()
    while ((await runIngestionQueue(new Date(), { embedder: null })) > 0) {
      /* until the queue is empty */
    }
    const t2 = performance.now()

    const [ready, chunks, failed] = await Promise.all([
      prisma.document.count({ where: { teamId: team.id, status: 'ready' } }),
      prisma.documentChunk.count({ where: { document: { teamId: team.id } } }),
      prisma.ingestionJob.count({ where: { teamId: team.id, status: { not: 'completed' } } }),
    ])
    if (ready !== DOCS || failed > 0) throw new Error(`only ${ready} of ${DOCS} documents became ready`)
    const s = (ms: number) => ms / 1000
    const total = s(t2 - t0)
    console.log(
      [
        `${DOCS} documents (half markdown, half HTML, ${SECTIONS} sections each, ${(totalBytes / 1024).toFixed(0)} KB in all) → ${chunks} chunks`,
        `embedder: none (lexical only, offline) — parse + chunk + store, no vectors`,
        `  request half (parse + startIngestion): ${s(t1 - t0).toFixed(2)} s, ${(DOCS / s(t1 - t0)).toFixed(1)} documents/s`,
        `  job half (chunk + store via the queue): ${s(t2 - t1).toFixed(2)} s, ${(chunks / s(t2 - t1)).toFixed(0)} chunks/s`,
        `  end to end: ${total.toFixed(2)} s, ${(DOCS / total).toFixed(1)} documents/s, ${(chunks / total).toFixed(0)} chunks/s`,
      ].join('\n'),
    )
  } finally {
    await disconnectDatabase()
    database.remove()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
