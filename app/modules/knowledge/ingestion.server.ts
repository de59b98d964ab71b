import { createHash } from 'node:crypto'
import type { InStatement } from '@libsql/client'
import { z } from 'zod'
import type { Prisma } from '~/generated/prisma/client'
import type { SessionUser } from '~/modules/accounts/session.server'
import { type NotificationEvent, notificationStatements } from '~/modules/notifications/notify.server'
import { type QueuedJobHandler, enqueueJob } from '~/modules/system/job-queue.server'
import { type TeamAccess, teamAccess } from '~/modules/teams/access.server'
import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { log } from '~/utils/log.server'
import { type ChunkToStore, replaceDocumentChunksStatements } from './chunk-store.server'
import { type ChunkOptions, DEFAULT_CHUNK_OPTIONS, chunkDocument } from './chunking'
import { type Embedder, configuredEmbedder } from './embedder.server'
import { type JobOrigin, type NuggetWriter, currentNuggetWriter, proposalStatements } from './nugget-proposals.server'
import { type ParsedDocument, parseDocument } from './parse.server'

/**
 * Ingesting an uploaded document, in two halves:
 *  1. the request (`ingestDocument`): the uploader must manage the team's documents (owner, admin,
 *     instructor); the file is checked by size and content and its text extracted (parse.server.ts);
 *     an unchanged source (same team, same name, same hash of the extracted text, already ready)
 *     stops here with nothing written but the job's record saying so. Otherwise the Document row
 *     (new, or the existing one for this source), an IngestionJob `pending` and a BackgroundJob on
 *     the "ingestion" queue carrying the text and its layout;
 *  2. the job (`ingestionJobHandler`, run by system's durable queue): `processing` with progress,
 *     chunking, embedding in batches (when a model is configured), then in one atomic batch the
 *     chunks replaced, the Document's text and hash updated and the IngestionJob `completed` with
 *     its counts. A failure is recorded on the IngestionJob and retried; the last one leaves it
 *     `failed` with the error. A job that died mid-way is claimed again once its lock is stale
 *     and re-runs from the start; a job already completed is never redone.
 */

export const INGESTION_QUEUE = 'ingestion'
export const INGEST_DOCUMENT_JOB = 'knowledge.ingest-document'
const DOCUMENT_PERMISSION = 'manage:team-documents:own-team' as const

export interface UploadedDocument {
  /** the browser's file name: used for the title and the source, never for the type */
  name: string
  bytes: Uint8Array
}

export interface IngestionStarted {
  ingestionJobId: string
  documentId: string
  /** queued: a job will process it; unchanged: the same text is already ingested, nothing was done */
  outcome: 'queued' | 'unchanged'
}

export function contentHash(content: string): string {
  return createHash('sha256').update(content).digest('hex')
}

/** A file name safe to show and to key the source by: no folders, no control characters, at most 200 characters. */
export function uploadSource(fileName: string): string {
  const base =
    fileName
      .split(/[\\/]/)
      .pop()
      ?.replace(/[\u0000-\u001f\u007f]/g, '')
      .trim()
      .slice(0, 200) || 'document'
  return `upload:${base}`
}

function titleFrom(fileName: string): string {
  return uploadSource(fileName)
    .slice('upload:'.length)
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
}

export async function canManageDocuments(user: SessionUser, teamId: string | undefined): Promise<TeamAccess> {
  return teamAccess(user, teamId, DOCUMENT_PERMISSION)
}

export async function ingestDocument(
  user: SessionUser,
  teamId: string,
  file: UploadedDocument,
  field = 'file',
): Promise<IngestionStarted> {
  const access = await canManageDocuments(user, teamId)
  const parsed = await parseDocument(file.bytes, field)
  const started = await startIngestion(
    { teamId: access.team.id, userId: user.id, type: 'file', source: uploadSource(file.name), monitoredUrlId: null },
    { title: titleFrom(file.name), bytes: file.bytes.byteLength, parsed },
  )
  // An unchanged upload is still recorded (as a completed job), so the uploader sees it was looked at.
  if (!started) throw new Error('an upload always records its ingestion job')
  return started
}

/** Where an ingestion comes from: an upload (type file) or a monitored URL (type url, no user). */
export interface IngestionTarget {
  teamId: string
  userId: string | null
  type: 'file' | 'url'
  /** `upload:<name>` or the URL */
  source: string
  monitoredUrlId: string | null
  /** a file found in a watched folder (watched-folders.server.ts) */
  watchedFolderId?: string | null
}

/**
 * Starts the ingestion of a parsed document for `target` (the caller checked access). The same
 * text of a source already ready is not re-ingested: an upload records a completed job saying so,
 * a monitored URL records nothing (it is checked again and again).
 */
export async function startIngestion(
  target: IngestionTarget,
  document: { title: string; bytes: number; parsed: ParsedDocument; metadata?: Record<string, unknown> },
): Promise<IngestionStarted | null> {
  const { parsed } = document
  const { teamId, source } = target
  const hash = contentHash(parsed.content)
  const title = (parsed.title ?? document.title).slice(0, 300)
  const metadata = { ...document.metadata, bytes: document.bytes, kind: parsed.kind, pages: parsed.pages }
  const existing = await prisma.document.findFirst({
    where: { teamId, source },
    orderBy: { createdAt: 'desc' },
    select: { id: true, contentHash: true, status: true, _count: { select: { chunks: true } } },
  })
  const now = new Date()
  const jobLinks = {
    teamId,
    type: target.type,
    source,
    createdById: target.userId,
    monitoredUrlId: target.monitoredUrlId,
    watchedFolderId: target.watchedFolderId ?? null,
  }
  if (existing && existing.contentHash === hash && existing.status === 'ready') {
    if (target.type === 'url') return null
    const job = await prisma.ingestionJob.create({
      data: {
        ...jobLinks,
        status: 'completed',
        documentId: existing.id,
        metadata: { ...metadata, unchanged: true, chunks: existing._count.chunks, progress: 1 },
        startedAt: now,
        completedAt: now,
      },
      select: { id: true },
    })
    return { ingestionJobId: job.id, documentId: existing.id, outcome: 'unchanged' }
  }
  // A new source gets its row now (with its text; no chunks yet). A changed one keeps its old text
  // and chunks until the job replaces both at once.
  const documentId =
    existing?.id ??
    (
      await prisma.document.create({
        data: {
          teamId,
          title,
          source,
          mimeType: parsed.mimeType,
          content: parsed.content,
          contentHash: hash,
          status: 'pending',
          uploadedById: target.userId,
        },
        select: { id: true },
      })
    ).id
  const job = await prisma.ingestionJob.create({
    data: {
      ...jobLinks,
      status: 'pending',
      documentId,
      metadata: { ...metadata, chunks: 0, embedded: 0, progress: 0 },
    },
    select: { id: true },
  })
  const payload: IngestPayload = {
    ingestionJobId: job.id,
    documentId,
    contentHash: hash,
    title,
    mimeType: parsed.mimeType,
    content: parsed.content,
    blocks: parsed.blocks,
  }
  await enqueueJob({
    queue: INGESTION_QUEUE,
    name: INGEST_DOCUMENT_JOB,
    payload: payload as unknown as Prisma.InputJsonValue,
    dedupeKey: `ingestion:${job.id}`,
    maxAttempts: 3,
  })
  return { ingestionJobId: job.id, documentId, outcome: 'queued' }
}

const IngestPayload = z.object({
  ingestionJobId: z.string(),
  documentId: z.string(),
  contentHash: z.string(),
  title: z.string(),
  mimeType: z.string(),
  content: z.string(),
  blocks: z.array(
    z.object({
      kind: z.enum(['heading', 'paragraph', 'code', 'table']),
      level: z.number().int().nullable(),
      page: z.number().int().nullable(),
      charStart: z.number().int().min(0),
      charEnd: z.number().int().min(0),
    }),
  ),
})
type IngestPayload = z.infer<typeof IngestPayload>

export interface IngestionJobOptions {
  /** undefined: the configured one (configuredEmbedder); null: none (lexical only) */
  embedder?: Embedder | null
  chunkOptions?: ChunkOptions
  /** undefined: the one the scheduler set (setNuggetWriter); null: extractive proposals only */
  nuggetWriter?: NuggetWriter | null
}

type JobMetadata = Record<string, unknown>

/** Who started a job and where it shows: the uploader hears how it ended (monitored URLs and watched folders have none). */
const JOB_ORIGIN = {
  id: true,
  type: true,
  teamId: true,
  source: true,
  createdById: true,
} as const satisfies Record<keyof JobOrigin, true>

/** The uploaded file's name, else the document's title. */
const documentName = (job: JobOrigin, title: string) =>
  job.source.startsWith('upload:') ? job.source.slice('upload:'.length) : title

/** The uploader's `system` notification that the job ended (eventKey `ingestion:<job id>`); null without an uploader. */
function endedNotice(
  job: JobOrigin,
  outcome: { passages: number } | { error: string },
  title: string,
): NotificationEvent | null {
  if (!job.createdById) return null
  const name = documentName(job, title)
  const ready = 'passages' in outcome
  return {
    userId: job.createdById,
    type: 'system',
    eventKey: `ingestion:${job.id}`,
    title: ready
      ? `“${name}” is ready: ${outcome.passages} ${outcome.passages === 1 ? 'passage' : 'passages'}`
      : `“${name}” failed: ${outcome.error.slice(0, 200)}`,
    message: ready
      ? 'The tutor and search can use it now.'
      : 'The documents page shows the details: try the upload again, or another format.',
    link: job.teamId ? `/teams/${job.teamId}/documents` : null,
    data: { ingestionJobId: job.id, ...(ready ? { passages: outcome.passages } : { failed: true }) },
  }
}

async function updateJob(id: string, data: Prisma.IngestionJobUpdateInput) {
  await prisma.ingestionJob.update({ where: { id }, data, select: { id: true } })
}

/** The queue handler that processes an ingestion (listed by knowledge's jobs.server.ts). */
export function ingestionJobHandler(options: IngestionJobOptions = {}): QueuedJobHandler {
  return {
    name: INGEST_DOCUMENT_JOB,
    async run(rawPayload, context) {
      const payload = IngestPayload.parse(rawPayload)
      const job = await prisma.ingestionJob.findUnique({
        where: { id: payload.ingestionJobId },
        select: { ...JOB_ORIGIN, status: true, metadata: true, startedAt: true, createdAt: true },
      })
      // Deleted with its team, or already done by an earlier run that died before recording it.
      if (!job || job.status === 'completed' || job.status === 'failed') return
      const base = (job.metadata ?? {}) as JobMetadata
      const newer = await prisma.ingestionJob.count({
        where: { documentId: payload.documentId, createdAt: { gt: job.createdAt } },
      })
      if (newer > 0) {
        const now = new Date()
        await updateJob(job.id, {
          status: 'completed',
          metadata: { ...base, superseded: true, progress: 1 },
          startedAt: job.startedAt ?? now,
          completedAt: now,
        })
        return
      }
      await updateJob(job.id, {
        status: 'processing',
        startedAt: job.startedAt ?? new Date(),
        errorMessage: null,
        metadata: { ...base, attempt: context.attempt, stage: 'chunking', progress: 0.05 },
      })
      try {
        await processIngestion(payload, job, base, context.heartbeat, options)
      } catch (error) {
        if (error instanceof LostJob) throw error
        const message = errorText(error)
        // The last attempt's failure is recorded by onGiveUp (the job, and the document if it never became ready).
        if (context.attempt < context.maxAttempts)
          await updateJob(job.id, {
            status: 'pending',
            errorMessage: `Attempt ${context.attempt} of ${context.maxAttempts} failed, will retry: ${message}`,
          }).catch(() => undefined)
        throw error
      }
    },
    async onGiveUp(rawPayload, error) {
      const payload = IngestPayload.safeParse(rawPayload)
      if (!payload.success) return
      const now = new Date()
      const at = toDbTimestamp(now)
      const job = await prisma.ingestionJob.findUnique({
        where: { id: payload.data.ingestionJobId },
        select: JOB_ORIGIN,
      })
      const notice = job && endedNotice(job, { error }, payload.data.title)
      // The notification only with the transition to failed: a job another run settled meanwhile keeps its word.
      try {
        await writeBatch([
          {
            sql: `UPDATE "IngestionJob" SET "status" = 'failed', "errorMessage" = ?, "completedAt" = ?, "updatedAt" = ?
                  WHERE "id" = ? AND "status" IN ('pending', 'processing')`,
            args: [error.slice(0, 1000), at, at, payload.data.ingestionJobId],
          },
          ...(notice
            ? [
                {
                  sql: `SELECT CASE WHEN changes() = 1 THEN 1 ELSE json('settled ' || ?) END`,
                  args: [notice.eventKey],
                },
                ...notificationStatements(notice, now),
              ]
            : []),
        ])
      } catch (failure) {
        if (!/malformed JSON/.test(String((failure as Error)?.message))) throw failure
      }
      // A document that never became ready is failed; one with earlier chunks keeps serving them.
      await prisma.document.updateMany({
        where: { id: payload.data.documentId, status: { in: ['pending', 'processing'] } },
        data: { status: 'failed', errorMessage: error.slice(0, 1000) },
      })
    },
  }
}

/** This worker lost the job to another one (its lock went stale): nothing more is written. */
class LostJob extends Error {
  constructor() {
    super('the job was taken over by another worker')
    this.name = 'LostJob'
  }
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000)
}

async function processIngestion(
  payload: IngestPayload,
  job: JobOrigin,
  base: JobMetadata,
  heartbeat: () => Promise<boolean>,
  options: IngestionJobOptions,
): Promise<void> {
  const drafts = chunkDocument(
    { content: payload.content, blocks: payload.blocks },
    options.chunkOptions ?? DEFAULT_CHUNK_OPTIONS,
  )
  const embedder = options.embedder === undefined ? configuredEmbedder() : options.embedder
  // The page shows "chunks done / total" from here on.
  await updateJob(payload.ingestionJobId, {
    metadata: { ...base, stage: embedder ? 'embedding' : 'storing', chunks: drafts.length, embedded: 0, progress: 0.1 },
  })
  const vectors: (Float32Array | null)[] = drafts.map(() => null)
  if (embedder && drafts.length) {
    for (let start = 0; start < drafts.length; start += embedder.batchSize) {
      const batch = drafts.slice(start, start + embedder.batchSize)
      const embedded = await embedder.embed(batch.map((draft) => embeddingInput(draft.location.section, draft.content)))
      if (embedded.length !== batch.length) throw new Error('the embedder returned the wrong number of vectors')
      embedded.forEach((vector, i) => (vectors[start + i] = vector))
      const done = start + batch.length
      await updateJob(payload.ingestionJobId, {
        metadata: {
          ...base,
          stage: 'embedding',
          chunks: drafts.length,
          embedded: done,
          progress: 0.1 + 0.8 * (done / drafts.length),
        },
      })
      if (!(await heartbeat())) throw new LostJob()
    }
  }
  // The last look before writing: a worker whose job was taken over (it stalled past the lock) writes nothing.
  if (!(await heartbeat())) throw new LostJob()
  const chunks: ChunkToStore[] = drafts.map((draft, i) => ({ ...draft, embedding: vectors[i] ?? null }))
  // Proposals (docs/nuggets.md) go into the same batch: the document's lessons change with its chunks.
  const proposals = await proposalStatements({
    documentId: payload.documentId,
    documentTitle: payload.title,
    contentHash: payload.contentHash,
    content: payload.content,
    chunks: drafts,
    job,
    writer: options.nuggetWriter === undefined ? currentNuggetWriter() : options.nuggetWriter,
    keepAlive: async () => {
      if (!(await heartbeat())) throw new LostJob()
    },
    now: new Date(),
  })
  if (!(await heartbeat())) throw new LostJob()
  const now = new Date()
  const at = toDbTimestamp(now)
  const metadata = {
    ...base,
    stage: 'done',
    chunks: chunks.length,
    embedded: embedder ? chunks.length : 0,
    model: embedder?.model.name ?? null,
    nuggets: proposals.count,
    progress: 1,
  }
  const statements: InStatement[] = [
    ...replaceDocumentChunksStatements(payload.documentId, embedder?.model ?? null, chunks, now),
    ...proposals.statements,
    {
      sql: `UPDATE "Document" SET "title" = ?, "mimeType" = ?, "content" = ?, "contentHash" = ?, "status" = 'ready', "errorMessage" = NULL, "updatedAt" = ? WHERE "id" = ?`,
      args: [payload.title, payload.mimeType, payload.content, payload.contentHash, at, payload.documentId],
    },
    {
      sql: `UPDATE "IngestionJob" SET "status" = 'completed', "errorMessage" = NULL, "metadata" = ?, "nuggetCount" = ?, "completedAt" = ?, "updatedAt" = ? WHERE "id" = ?`,
      args: [JSON.stringify(metadata), proposals.count, at, at, payload.ingestionJobId],
    },
  ]
  const notice = endedNotice(job, { passages: chunks.length }, payload.title)
  if (notice) statements.push(...notificationStatements(notice, now))
  await writeBatch(statements)
  log.info('document ingested', { documentId: payload.documentId, chunks: chunks.length, model: metadata.model })
}

/** The text a chunk's vector is made from: its section path gives the passage its context. */
function embeddingInput(section: string | null, content: string): string {
  return section ? `${section}\n\n${content}` : content
}

export interface IngestionJobView {
  id: string
  type: 'file' | 'url' | 'manual'
  source: string
  title: string | null
  status: 'pending' | 'processing' | 'completed' | 'failed'
  progress: number
  chunks: number | null
  /** chunks stored or embedded so far (embedding moves it batch by batch; storing is one step) */
  chunksDone: number
  nuggetCount: number | null
  unchanged: boolean
  errorMessage: string | null
  createdAt: Date
  completedAt: Date | null
}

/** The team's latest ingestion jobs, for the documents page (the caller checked access). */
export async function listIngestionJobs(access: TeamAccess, take = 25): Promise<IngestionJobView[]> {
  const jobs = await prisma.ingestionJob.findMany({
    where: { teamId: access.team.id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: {
      id: true,
      type: true,
      source: true,
      status: true,
      metadata: true,
      nuggetCount: true,
      errorMessage: true,
      createdAt: true,
      completedAt: true,
      document: { select: { title: true } },
    },
  })
  return jobs.map((job) => {
    const metadata = (job.metadata ?? {}) as JobMetadata
    const progress = job.status === 'completed' ? 1 : typeof metadata.progress === 'number' ? metadata.progress : 0
    const chunks = typeof metadata.chunks === 'number' ? metadata.chunks : null
    const embedded = typeof metadata.embedded === 'number' ? metadata.embedded : 0
    return {
      id: job.id,
      type: job.type,
      source: job.source.replace(/^upload:/, ''),
      title: job.document?.title ?? null,
      status: job.status,
      progress: Math.max(0, Math.min(1, progress)),
      chunks,
      chunksDone: job.status === 'completed' ? (chunks ?? 0) : Math.min(embedded, chunks ?? 0),
      nuggetCount: job.nuggetCount,
      unchanged: metadata.unchanged === true,
      errorMessage: job.errorMessage,
      createdAt: job.createdAt,
      completedAt: job.completedAt,
    }
  })
}
