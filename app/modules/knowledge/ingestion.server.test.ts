import { sessionUserOf } from '#tests/support/accounts'
import { describe, expect, it } from 'vitest'
import { teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { databaseReady, prisma } from '~/utils/db.server'
import type { Embedder } from './embedder.server'
import { INGESTION_QUEUE, ingestDocument, listIngestionJobs } from './ingestion.server'
import { canManageDocuments } from './ingestion.server'
import { runIngestionQueue } from './jobs.server'
import { letterCountEmbedder, makeDocx, makePdf, sentences } from './testing/fixtures'

const encode = (text: string) => new TextEncoder().encode(text)
const MINUTE = 60_000

async function setup() {
  const { team, owner, admin, instructor, member } = await teamWithEveryRole()
  return {
    team,
    owner: await sessionUserOf(owner.id),
    admin: await sessionUserOf(admin.id),
    instructor: await sessionUserOf(instructor.id),
    member: await sessionUserOf(member.id),
  }
}

async function chunksOf(documentId: string) {
  return prisma.documentChunk.findMany({
    where: { documentId },
    orderBy: { chunkIndex: 'asc' },
    select: { id: true, chunkIndex: true, content: true, chunkType: true, metadata: true, tokenCount: true },
  })
}

async function embeddingCount(documentId: string): Promise<number> {
  const db = await databaseReady()
  const result = await db.execute({
    sql: `SELECT count(*) AS n FROM "DocumentChunkEmbedding" e JOIN "DocumentChunk" c ON c."id" = e."chunkId" WHERE c."documentId" = ?`,
    args: [documentId],
  })
  return Number(result.rows[0]!.n)
}

const md = `# Fractions\n\n${sentences(8)}\n\n## Adding\n\n${sentences(5, 'adding')}\n`

describe('ingestDocument and the ingestion job', () => {
  it.each([
    ['txt', async () => encode(`${sentences(6)}\n\n${sentences(4, 'decimals')}`), 'notes.txt', null],
    ['md', async () => encode(md), 'guide.md', 'Adding'],
    [
      'html',
      async () =>
        encode(
          `<!doctype html><title>T</title><h1>Fractions</h1><p>${sentences(4)}</p><h2>Adding</h2><p>${sentences(3)}</p>`,
        ),
      'page.html',
      'Adding',
    ],
    [
      'pdf',
      async () =>
        makePdf([
          { heading: 'Fractions', paragraphs: [sentences(5)] },
          { heading: 'Adding', paragraphs: [sentences(4, 'adding')] },
        ]),
      'guide.pdf',
      'Adding',
    ],
    [
      'docx',
      async () =>
        makeDocx([
          { style: 'Heading1', text: 'Fractions' },
          { text: sentences(5) },
          { style: 'Heading2', text: 'Adding' },
          { text: sentences(3) },
        ]),
      'guide.docx',
      'Adding',
    ],
  ])('%s: a file becomes a ready document with located chunks', async (kind, bytes, name, lastHeading) => {
    const { team, owner } = await setup()
    const started = await ingestDocument(owner, team.id, { name, bytes: await bytes() })
    expect(started.outcome).toBe('queued')
    let job = await prisma.ingestionJob.findUniqueOrThrow({ where: { id: started.ingestionJobId } })
    expect(job).toMatchObject({ status: 'pending', type: 'file', source: `upload:${name}`, teamId: team.id })

    expect(await runIngestionQueue(new Date(), { embedder: null })).toBe(1)

    job = await prisma.ingestionJob.findUniqueOrThrow({ where: { id: started.ingestionJobId } })
    expect(job.status).toBe('completed')
    expect(job.startedAt).not.toBeNull()
    expect(job.completedAt).not.toBeNull()
    const document = await prisma.document.findUniqueOrThrow({ where: { id: started.documentId } })
    expect(document).toMatchObject({ status: 'ready', teamId: team.id, uploadedById: owner.id })
    expect(document.contentHash).toMatch(/^[0-9a-f]{64}$/)
    const chunks = await chunksOf(document.id)
    expect(chunks.length).toBeGreaterThan(0)
    expect(job.metadata).toMatchObject({ chunks: chunks.length, progress: 1, kind, model: null })
    for (const chunk of chunks) {
      const location = chunk.metadata as {
        charStart: number
        charEnd: number
        heading: string | null
        page: number | null
      }
      expect(document.content.slice(location.charStart, location.charEnd)).toBe(chunk.content)
      expect(chunk.tokenCount).toBeGreaterThan(0)
    }
    const last = chunks.at(-1)!.metadata as { heading: string | null; page: number | null; model: string | null }
    expect(last.heading).toBe(lastHeading)
    expect(last.model).toBeNull() // no model configured: lexical only, no vector
    expect(last.page).toBe(kind === 'pdf' ? 2 : null)
    expect(await embeddingCount(document.id)).toBe(0)
    const [view] = await listIngestionJobs(await canManageDocuments(owner, team.id))
    expect(view).toMatchObject({ id: job.id, status: 'completed', progress: 1, chunks: chunks.length })
  })

  it('admins and instructors may upload; a member, an outsider and a non-document may not', async () => {
    const { team, admin, instructor, member } = await setup()
    expect((await ingestDocument(admin, team.id, { name: 'a.md', bytes: encode(md) })).outcome).toBe('queued')
    expect((await ingestDocument(instructor, team.id, { name: 'b.md', bytes: encode(md) })).outcome).toBe('queued')
    const other = await setup()
    const before = await prisma.ingestionJob.count()
    await expect(ingestDocument(member, team.id, { name: 'c.md', bytes: encode(md) })).rejects.toMatchObject({
      status: 403,
    })
    await expect(ingestDocument(other.owner, team.id, { name: 'c.md', bytes: encode(md) })).rejects.toMatchObject({
      status: 403,
    })
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
    await expect(ingestDocument(admin, team.id, { name: 'fake.md', bytes: png })).rejects.toMatchObject({ status: 400 })
    expect(await prisma.ingestionJob.count()).toBe(before)
  })

  it('an unchanged source does nothing; a changed one replaces its chunks', async () => {
    const { team, owner } = await setup()
    const first = await ingestDocument(owner, team.id, { name: 'guide.md', bytes: encode(md) })
    await runIngestionQueue(new Date(), { embedder: null })
    const before = await chunksOf(first.documentId)
    const document = await prisma.document.findUniqueOrThrow({ where: { id: first.documentId } })
    const jobsBefore = await prisma.backgroundJob.count({ where: { queue: INGESTION_QUEUE } })

    const again = await ingestDocument(owner, team.id, { name: 'guide.md', bytes: encode(md) })
    expect(again).toMatchObject({ outcome: 'unchanged', documentId: first.documentId })
    expect(await prisma.backgroundJob.count({ where: { queue: INGESTION_QUEUE } })).toBe(jobsBefore)
    expect(await runIngestionQueue(new Date(), { embedder: null })).toBe(0)
    expect(await chunksOf(first.documentId)).toEqual(before)
    expect((await prisma.document.findUniqueOrThrow({ where: { id: first.documentId } })).updatedAt).toEqual(
      document.updatedAt,
    )

    const changed = `# Fractions\n\nEntirely new text about halves and quarters.\n`
    const third = await ingestDocument(owner, team.id, { name: 'guide.md', bytes: encode(changed) })
    expect(third).toMatchObject({ outcome: 'queued', documentId: first.documentId })
    // until the job runs, the old text and chunks stay in place together
    expect((await prisma.document.findUniqueOrThrow({ where: { id: first.documentId } })).content).toBe(
      document.content,
    )
    await runIngestionQueue(new Date(), { embedder: null })
    const after = await chunksOf(first.documentId)
    expect(after.map((c) => c.content)).toEqual(['Fractions\n\nEntirely new text about halves and quarters.'])
    expect(after.some((c) => before.some((b) => b.id === c.id))).toBe(false)
    expect(await prisma.document.count({ where: { teamId: team.id } })).toBe(1)
  })

  it('with an embedding model, every chunk gets its vector and the model is recorded', async () => {
    const { team, owner } = await setup()
    const calls: string[][] = []
    const started = await ingestDocument(owner, team.id, { name: 'guide.md', bytes: encode(md) })
    await runIngestionQueue(new Date(), { embedder: letterCountEmbedder(calls) })
    const chunks = await chunksOf(started.documentId)
    expect(await embeddingCount(started.documentId)).toBe(chunks.length)
    expect(chunks.every((c) => (c.metadata as { model: string }).model === 'test:letter-counts')).toBe(true)
    expect(calls.flat()).toHaveLength(chunks.length)
    expect(calls.flat()[1]).toMatch(/^Fractions › Adding\n\n/) // the section path goes with the text
    const job = await prisma.ingestionJob.findUniqueOrThrow({ where: { id: started.ingestionJobId } })
    expect(job.metadata).toMatchObject({ embedded: chunks.length, model: 'test:letter-counts' })
  })

  it('two workers at once: the job runs on one of them only', async () => {
    const { team, owner } = await setup()
    const calls: string[][] = []
    await ingestDocument(owner, team.id, { name: 'guide.md', bytes: encode(md) })
    const now = new Date()
    const embedder = letterCountEmbedder(calls)
    const ran = await Promise.all([
      runIngestionQueue(now, { embedder, worker: 'a:1' }),
      runIngestionQueue(now, { embedder, worker: 'b:2' }),
    ])
    expect(ran[0]! + ran[1]!).toBe(1)
    const chunks = await prisma.documentChunk.count({ where: { document: { teamId: team.id } } })
    expect(calls.flat()).toHaveLength(chunks)
    const job = await prisma.backgroundJob.findFirstOrThrow({
      where: { queue: INGESTION_QUEUE, payload: { not: {} } },
      orderBy: { createdAt: 'desc' },
    })
    expect(job).toMatchObject({ status: 'succeeded', attempts: 1 })
  })

  it('a job killed mid-way resumes once', async () => {
    const { team, owner } = await setup()
    const started = await ingestDocument(owner, team.id, { name: 'guide.md', bytes: encode(md) })
    // Worker A stalls inside the embedding step (as a process killed there would: its lock stops moving).
    let release!: () => void
    const stalled = new Promise<void>((resolve) => (release = resolve))
    const good = letterCountEmbedder()
    const stalling: Embedder = { ...good, embed: async (texts) => (await stalled, good.embed(texts)) }
    const t0 = new Date()
    const workerA = runIngestionQueue(t0, { embedder: stalling, worker: 'a:1' })
    await expect
      .poll(async () => (await prisma.ingestionJob.findUniqueOrThrow({ where: { id: started.ingestionJobId } })).status)
      .toBe('processing')

    // While the lock is fresh nobody else takes the job …
    expect(await runIngestionQueue(new Date(t0.getTime() + MINUTE), { embedder: good, worker: 'b:2' })).toBe(0)
    // … once it is stale, worker B claims it again and finishes it.
    expect(await runIngestionQueue(new Date(t0.getTime() + 6 * MINUTE), { embedder: good, worker: 'b:2' })).toBe(1)
    const background = await prisma.backgroundJob.findUniqueOrThrow({
      where: { dedupeKey: `ingestion:${started.ingestionJobId}` },
    })
    expect(background).toMatchObject({ status: 'succeeded', attempts: 2, lockedBy: 'b:2' })
    const job = await prisma.ingestionJob.findUniqueOrThrow({ where: { id: started.ingestionJobId } })
    expect(job.status).toBe('completed')
    const chunks = await chunksOf(started.documentId)
    expect(chunks.length).toBeGreaterThan(0)

    // Worker A wakes up: it no longer holds the job and writes nothing; nobody runs it a third time.
    release()
    await workerA
    expect(await chunksOf(started.documentId)).toEqual(chunks)
    expect(await runIngestionQueue(new Date(t0.getTime() + 60 * MINUTE), { embedder: good, worker: 'c:3' })).toBe(0)
    expect(await prisma.backgroundJob.findUniqueOrThrow({ where: { id: background.id } })).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    })
    expect(await embeddingCount(started.documentId)).toBe(chunks.length)
  })

  it('failures are retried, then the job is failed with the error', async () => {
    const { team, owner } = await setup()
    const started = await ingestDocument(owner, team.id, { name: 'guide.md', bytes: encode(md) })
    const broken: Embedder = { ...letterCountEmbedder(), embed: () => Promise.reject(new Error('model crashed')) }
    const t0 = Date.now()
    expect(await runIngestionQueue(new Date(t0), { embedder: broken })).toBe(1)
    let job = await prisma.ingestionJob.findUniqueOrThrow({ where: { id: started.ingestionJobId } })
    expect(job.status).toBe('pending')
    expect(job.errorMessage).toMatch(/Attempt 1 of 3 failed, will retry: model crashed/)
    // not before its retry delay
    expect(await runIngestionQueue(new Date(t0 + 1000), { embedder: broken })).toBe(0)
    expect(await runIngestionQueue(new Date(t0 + 60 * MINUTE), { embedder: broken })).toBe(1)
    expect(await runIngestionQueue(new Date(t0 + 120 * MINUTE), { embedder: broken })).toBe(1)
    job = await prisma.ingestionJob.findUniqueOrThrow({ where: { id: started.ingestionJobId } })
    expect(job).toMatchObject({ status: 'failed', errorMessage: 'model crashed' })
    expect(job.completedAt).not.toBeNull()
    expect(await prisma.document.findUniqueOrThrow({ where: { id: started.documentId } })).toMatchObject({
      status: 'failed',
      errorMessage: 'model crashed',
    })
    expect(await runIngestionQueue(new Date(t0 + 600 * MINUTE), { embedder: broken })).toBe(0)
  })
})
