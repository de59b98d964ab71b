import { sessionUserOf } from '#tests/support/accounts'
import { describe, expect, it } from 'vitest'
import { teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { ingestDocument } from './ingestion.server'
import { runIngestionQueue } from './jobs.server'
import type { NuggetWriter } from './nugget-proposals.server'
import { nuggetMetadata } from './nugget-rules'

const encode = (text: string) => new TextEncoder().encode(text)

const PHOTO =
  'Plants make sugar from light in a process called photosynthesis. Chlorophyll in the leaves absorbs the light. ' +
  'The leaves take carbon dioxide from the air and water from the roots. Photosynthesis releases oxygen as a by-product. ' +
  'The sugar made by photosynthesis feeds the whole plant and is stored as starch.'
const RESP =
  'Cells burn sugar to release energy in a process called respiration. Respiration needs oxygen and releases carbon dioxide. ' +
  'It happens in the mitochondria of every cell. Without respiration a cell has no energy for its work. ' +
  'Respiration runs day and night, in plants as in animals.'
const GUIDE = `# Photosynthesis\n\n${PHOTO}\n\n# Respiration\n\n${RESP}\n`

async function ingest(text: string, writer: NuggetWriter | null = null) {
  const { team, instructor } = await teamWithEveryRole()
  const user = await sessionUserOf(instructor.id)
  const run = async (body: string) => {
    const started = await ingestDocument(user, team.id, { name: 'biology.md', bytes: encode(body) })
    await runIngestionQueue(new Date(), { embedder: null, nuggetWriter: writer })
    return started
  }
  return { team, user, run, first: await run(text) }
}

const nuggetsOf = (documentId: string) =>
  prisma.nugget.findMany({
    where: { sources: { some: { documentId } } },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      teamId: true,
      title: true,
      content: true,
      status: true,
      metadata: true,
      sources: { select: { chunkIndex: true, sourceType: true, sourcePath: true, ingestionJobId: true } },
    },
  })

describe('nugget proposals from ingestion', () => {
  it('a markdown document becomes one ready, unpublished proposal per section, with its sources', async () => {
    const { team, first } = await ingest(GUIDE)
    const job = await prisma.ingestionJob.findUniqueOrThrow({ where: { id: first.ingestionJobId } })
    expect(job.status).toBe('completed')
    expect(job.nuggetCount).toBe(2)
    const nuggets = await nuggetsOf(first.documentId)
    expect(nuggets.map((n) => n.title).sort()).toEqual(['Photosynthesis', 'Respiration'])
    const photo = nuggets.find((n) => n.title === 'Photosynthesis')!
    expect(photo).toMatchObject({ teamId: team.id, status: 'ready', content: PHOTO })
    const metadata = nuggetMetadata(photo.metadata)
    expect(metadata).toMatchObject({
      publishedAt: null,
      edited: false,
      section: 'Photosynthesis',
      generatedBy: 'extractive',
    })
    expect(metadata.keyPoints.length).toBeGreaterThan(0)
    expect(metadata.keyPoints.every((k) => PHOTO.includes(k))).toBe(true)
    expect(metadata.concepts[0]).toBe('photosynthesis')
    const chunks = await prisma.documentChunk.findMany({
      where: { documentId: first.documentId },
      select: { chunkIndex: true },
    })
    const sources = nuggets.flatMap((n) => n.sources)
    expect(sources.map((s) => s.chunkIndex).sort()).toEqual(chunks.map((c) => c.chunkIndex).sort())
    expect(sources.every((s) => s.sourceType === 'file' && s.sourcePath === 'upload:biology.md')).toBe(true)
    expect(sources.every((s) => s.ingestionJobId === first.ingestionJobId)).toBe(true)
  })

  it('re-ingesting a changed document replaces unedited proposals and keeps edited and published ones', async () => {
    const { run, first } = await ingest(GUIDE)
    const [a, b] = await nuggetsOf(first.documentId)
    const photo = a!.title === 'Photosynthesis' ? a! : b!
    const resp = photo === a ? b! : a!
    await prisma.nugget.update({
      where: { id: photo.id },
      data: { title: 'Light into sugar', metadata: { ...nuggetMetadata(photo.metadata), edited: true } },
    })
    const changed =
      GUIDE.replace('# Respiration', '# Cell respiration') +
      '\n# Digestion\n\n' +
      RESP.replace(/Respiration|respiration/g, 'digestion')
    const second = await run(changed)
    expect(second.outcome).toBe('queued')
    const after = await nuggetsOf(first.documentId)
    const titles = after.map((n) => n.title).sort()
    // the edited one stays (its section is not proposed again); the unedited one is replaced
    expect(titles).toEqual(['Cell respiration', 'Digestion', 'Light into sugar'])
    expect(after.some((n) => n.id === resp.id)).toBe(false)
    const job = await prisma.ingestionJob.findUniqueOrThrow({ where: { id: second.ingestionJobId } })
    expect(job.nuggetCount).toBe(2)
  })

  it('re-ingesting an unchanged document does nothing to its proposals', async () => {
    const { run, first } = await ingest(GUIDE)
    const before = await nuggetsOf(first.documentId)
    const again = await run(GUIDE)
    expect(again.outcome).toBe('unchanged')
    expect(await nuggetsOf(first.documentId)).toEqual(before)
  })

  it('a published proposal survives a changed document', async () => {
    const { run, first } = await ingest(GUIDE)
    const photo = (await nuggetsOf(first.documentId)).find((n) => n.title === 'Photosynthesis')!
    await prisma.nugget.update({
      where: { id: photo.id },
      data: { metadata: { ...nuggetMetadata(photo.metadata), publishedAt: new Date().toISOString() } },
    })
    await run(`${GUIDE}\nOne more line at the end of respiration.\n`)
    const after = await nuggetsOf(first.documentId)
    expect(after.filter((n) => n.title === 'Photosynthesis').map((n) => n.id)).toEqual([photo.id])
    expect(after.filter((n) => n.title === 'Respiration')).toHaveLength(1)
  })

  it('a writer rewrites proposals; a writer that fails leaves the extractive ones', async () => {
    const writes: string[] = []
    let jobs = 0
    const writer: NuggetWriter = {
      async forJob() {
        jobs++
        return async ({ proposal }) => {
          writes.push(proposal.title)
          if (proposal.title === 'Respiration') throw new Error('the model is down')
          return {
            title: `Lesson: ${proposal.title}`,
            body: 'Short lesson.',
            keyPoints: ['One point.'],
            model: 'test-model',
          }
        }
      },
    }
    const { first } = await ingest(GUIDE, writer)
    expect(writes.sort()).toEqual(['Photosynthesis', 'Respiration'])
    // the team's model is looked up once a job, not once a section
    expect(jobs).toBe(1)
    const nuggets = await nuggetsOf(first.documentId)
    const byTitle = new Map(nuggets.map((n) => [n.title, n]))
    expect(byTitle.get('Lesson: Photosynthesis')).toMatchObject({ content: 'Short lesson.', status: 'ready' })
    expect(nuggetMetadata(byTitle.get('Lesson: Photosynthesis')!.metadata)).toMatchObject({
      keyPoints: ['One point.'],
      generatedBy: 'model:test-model',
    })
    expect(byTitle.get('Respiration')).toMatchObject({ content: RESP, status: 'ready' })
  })
})
