import type { InStatement } from '@libsql/client'
import { prisma, toDbTimestamp } from '~/utils/db.server'
import { log } from '~/utils/log.server'
import { ulid } from '~/utils/ulid.server'
import { type NuggetProposal, type ProposalChunk, proposeNuggets } from './nugget-proposal'
import { type NuggetMetadata, isPublished, nuggetMetadata } from './nugget-rules'

/**
 * Nugget proposals written when an ingestion job completes (docs/nuggets.md): the document's
 * sections proposed as nuggets (nugget-proposal.ts), optionally rewritten by the team's content
 * model (a NuggetWriter, handed in by the composition — tutor owns the chat client and the AI
 * settings), each `ready` and unpublished with a NuggetSource per chunk. The document's earlier
 * proposals are replaced, except those an instructor edited or published or gave practice tasks:
 * those stay, and their sections are not proposed again.
 */

export interface NuggetDraft {
  title: string
  body: string
  keyPoints: string[]
}

/** Writes one section's lesson with a language model; null = keep the extractive proposal. */
export type SectionWriter = (input: {
  documentTitle: string
  proposal: NuggetProposal
}) => Promise<(NuggetDraft & { model: string }) | null>

/** A language model writing lessons, asked once a job whether the job's team has one. */
export interface NuggetWriter {
  /**
   * The writer of this job's sections, or null when the team has no content model (the proposals
   * stay extractive); `userId` is who started the ingestion (usage is recorded for them), null
   * for a monitored URL or a watched folder.
   */
  forJob(job: { teamId: string | null; userId: string | null }): Promise<SectionWriter | null>
}

/** At most this many sections of one document are sent to the model; the rest stay extractive. */
export const MAX_MODEL_SECTIONS = 30

// On globalThis, like the ingestion kicks (ingestion-worker.server.ts): the scheduler sets it from the
// server's copy of the modules, and a kicked run in the Remix build's copy must see it too.
const registry = ((
  globalThis as { __questlogNuggetWriter?: { factory: (() => NuggetWriter | null) | null } }
).__questlogNuggetWriter ??= { factory: null })

/** The writer the ingestion worker uses when none is handed in (set where the scheduler starts). */
export function setNuggetWriter(factory: (() => NuggetWriter | null) | null): void {
  registry.factory = factory
}

export function currentNuggetWriter(): NuggetWriter | null {
  return registry.factory?.() ?? null
}

/** The ingestion job a proposal comes from: its sources name it, its team owns the nuggets, its uploader pays for the model. */
export interface JobOrigin {
  id: string
  type: 'file' | 'url' | 'manual'
  teamId: string | null
  source: string
  createdById: string | null
}

export interface ProposalContext {
  documentId: string
  documentTitle: string
  contentHash: string
  content: string
  chunks: ProposalChunk[]
  job: JobOrigin
  writer: NuggetWriter | null
  /** called after each model call, which may be slow: moves the job's lock (throws when the job was lost) */
  keepAlive?: () => Promise<void>
  now: Date
}

export interface ProposalWrite {
  statements: InStatement[]
  /** proposals written by this run */
  count: number
}

/** The statements replacing the document's replaceable proposals (to run in the job's final batch). */
export async function proposalStatements(context: ProposalContext): Promise<ProposalWrite> {
  const existing = await prisma.nugget.findMany({
    where: { sources: { some: { documentId: context.documentId } } },
    select: { id: true, metadata: true, _count: { select: { tasks: true, narrativeNodes: true } } },
  })
  const kept = existing.filter(
    (n) =>
      nuggetMetadata(n.metadata).edited || isPublished(n.metadata) || n._count.tasks > 0 || n._count.narrativeNodes > 0,
  )
  const keptSections = new Set(kept.map((n) => nuggetMetadata(n.metadata).section).filter((s) => s !== null))
  const replaced = existing.filter((n) => !kept.includes(n)).map((n) => n.id)
  const proposals = proposeNuggets(context.content, context.chunks).filter(
    (p) => p.section === null || !keptSections.has(p.section),
  )

  const at = toDbTimestamp(context.now)
  const statements: InStatement[] = replaced.length
    ? [{ sql: `DELETE FROM "Nugget" WHERE "id" IN (${replaced.map(() => '?').join(', ')})`, args: replaced }]
    : []
  const keepExtractive = (error: unknown) => {
    log.warn('nugget writer failed, keeping the extractive proposal', { error: String(error) })
    return null
  }
  const write =
    context.writer && proposals.length
      ? await context.writer
          .forJob({ teamId: context.job.teamId, userId: context.job.createdById })
          .catch(keepExtractive)
      : null
  let modelCalls = 0
  for (const proposal of proposals) {
    let draft: NuggetDraft = proposal
    let generatedBy = 'extractive'
    if (write && modelCalls < MAX_MODEL_SECTIONS) {
      modelCalls++
      const written = await write({ documentTitle: context.documentTitle, proposal }).catch(keepExtractive)
      if (written) {
        draft = written
        generatedBy = `model:${written.model}`
      }
      await context.keepAlive?.()
    }
    const metadata: NuggetMetadata = {
      keyPoints: draft.keyPoints,
      concepts: proposal.concepts,
      publishedAt: null,
      edited: false,
      documentHash: context.contentHash,
      section: proposal.section,
      generatedBy,
    }
    const nuggetId = ulid()
    statements.push({
      sql: `INSERT INTO "Nugget" ("id", "teamId", "title", "content", "metadata", "status", "createdAt", "updatedAt")
            VALUES (?, ?, ?, ?, ?, 'ready', ?, ?)`,
      args: [nuggetId, context.job.teamId, draft.title, draft.body, JSON.stringify(metadata), at, at],
    })
    for (const chunkIndex of proposal.chunkIndexes)
      statements.push({
        sql: `INSERT INTO "NuggetSource" ("id", "nuggetId", "ingestionJobId", "documentId", "sourceType", "sourcePath", "chunkIndex", "createdAt")
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        args: [
          ulid(),
          nuggetId,
          context.job.id,
          context.documentId,
          context.job.type,
          context.job.source,
          chunkIndex,
          at,
        ],
      })
  }
  return { statements, count: proposals.length }
}
