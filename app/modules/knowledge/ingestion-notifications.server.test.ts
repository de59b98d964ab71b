import { describe, expect, it } from 'vitest'
import { teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { sessionUserOf } from '#tests/support/accounts'
import type { Embedder } from './embedder.server'
import { ingestDocument } from './ingestion.server'
import { runIngestionQueue } from './jobs.server'
import { letterCountEmbedder, sentences } from './testing/fixtures'

const encode = (text: string) => new TextEncoder().encode(text)
const MINUTE = 60_000

async function setup() {
  const world = await teamWithEveryRole()
  const everyone = [world.owner.id, world.admin.id, world.instructor.id, world.member.id]
  const notifications = () =>
    prisma.notification.findMany({
      where: { userId: { in: everyone } },
      select: { userId: true, type: true, eventKey: true, title: true, link: true },
    })
  return { team: world.team, admin: await sessionUserOf(world.admin.id), notifications }
}

describe('the ingestion notification', () => {
  it('tells the uploader, once, that the document is ready and how many passages it has', async () => {
    const { team, admin, notifications } = await setup()
    const started = await ingestDocument(admin, team.id, {
      name: 'Handbook.md',
      bytes: encode(`# Fractions\n\n${sentences(8)}\n\n## Adding\n\n${sentences(5, 'adding')}\n`),
    })
    expect(await runIngestionQueue(new Date(), { embedder: null })).toBe(1)
    expect(await runIngestionQueue(new Date(), { embedder: null })).toBe(0)
    const passages = await prisma.documentChunk.count({ where: { documentId: started.documentId } })
    expect(passages).toBeGreaterThan(1)
    expect(await notifications()).toEqual([
      {
        userId: admin.id,
        type: 'system',
        eventKey: `ingestion:${started.ingestionJobId}`,
        title: `“Handbook.md” is ready: ${passages} passages`,
        link: `/teams/${team.id}/documents`,
      },
    ])

    // the same text again is recorded as unchanged at once, on the page: no notification for it
    await ingestDocument(admin, team.id, {
      name: 'Handbook.md',
      bytes: encode(`# Fractions\n\n${sentences(8)}\n\n## Adding\n\n${sentences(5, 'adding')}\n`),
    })
    await runIngestionQueue(new Date(), { embedder: null })
    expect(await notifications()).toHaveLength(1)
  })

  it('tells the uploader the reason once the last attempt failed, not before', async () => {
    const { team, admin, notifications } = await setup()
    const started = await ingestDocument(admin, team.id, { name: 'notes.txt', bytes: encode(sentences(6)) })
    const broken: Embedder = { ...letterCountEmbedder(), embed: () => Promise.reject(new Error('model crashed')) }
    const t0 = Date.now()
    await runIngestionQueue(new Date(t0), { embedder: broken })
    expect(await notifications()).toEqual([])
    await runIngestionQueue(new Date(t0 + 60 * MINUTE), { embedder: broken })
    await runIngestionQueue(new Date(t0 + 120 * MINUTE), { embedder: broken })
    await runIngestionQueue(new Date(t0 + 600 * MINUTE), { embedder: broken })
    expect((await prisma.ingestionJob.findUniqueOrThrow({ where: { id: started.ingestionJobId } })).status).toBe(
      'failed',
    )
    expect(await notifications()).toEqual([
      {
        userId: admin.id,
        type: 'system',
        eventKey: `ingestion:${started.ingestionJobId}`,
        title: '“notes.txt” failed: model crashed',
        link: `/teams/${team.id}/documents`,
      },
    ])
  })
})
