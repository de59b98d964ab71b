import type { TeamAccess } from '~/modules/teams/access.server'
import { databaseReady, prisma } from '~/utils/db.server'
import { numberOrNull, textOrNull } from '~/utils/db/row-values'
import { NotFound } from '~/utils/errors.server'
import { documentSections, sourceOf } from './document-view'
import { READABLE_DOCUMENT } from './read-scope'

/** A team's documents for the documents page, and their deletion (the caller checked access). */

export interface DocumentView {
  id: string
  title: string
  source: string
  status: 'pending' | 'processing' | 'ready' | 'failed'
  errorMessage: string | null
  chunks: number
  nuggets: number
  updatedAt: Date
}

export async function listDocuments(access: TeamAccess, take = 100): Promise<DocumentView[]> {
  const documents = await prisma.document.findMany({
    where: { teamId: access.team.id },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take,
    select: {
      id: true,
      title: true,
      source: true,
      status: true,
      errorMessage: true,
      updatedAt: true,
      _count: { select: { chunks: true } },
    },
  })
  // a nugget has a source row per chunk it was made from: count the nuggets, not the rows
  const sources = await prisma.nuggetSource.findMany({
    where: { documentId: { in: documents.map((d) => d.id) } },
    select: { documentId: true, nuggetId: true },
    distinct: ['documentId', 'nuggetId'],
  })
  const nuggetsOf = (id: string) => sources.filter((s) => s.documentId === id).length
  return documents.map((doc) => ({
    id: doc.id,
    title: doc.title,
    source: (doc.source ?? '').replace(/^upload:/, ''),
    status: doc.status,
    errorMessage: doc.errorMessage,
    chunks: doc._count.chunks,
    nuggets: nuggetsOf(doc.id),
    updatedAt: doc.updatedAt,
  }))
}

/**
 * Deletes one of the team's documents with its chunks (their vectors and full-text rows go by
 * cascade and trigger). Its jobs still waiting are failed first, so a worker that picks one up
 * skips it instead of writing chunks for a document that is gone.
 */
export async function deleteDocument(access: TeamAccess, documentId: string): Promise<{ title: string }> {
  const doc = await prisma.document.findFirst({
    where: { id: documentId, teamId: access.team.id },
    select: { id: true, title: true },
  })
  if (!doc) throw new NotFound('This document was not found in this team.')
  await prisma.ingestionJob.updateMany({
    where: { documentId: doc.id, status: { in: ['pending', 'processing'] } },
    data: { status: 'failed', errorMessage: 'The document was deleted.', completedAt: new Date() },
  })
  await prisma.document.delete({ where: { id: doc.id }, select: { id: true } })
  return { title: doc.title }
}

/**
 * One document the user may read (knowledge's read scope: a ready document of one of their teams
 * or of the platform library) with its passages in order, for the document page. Any other id,
 * another team's document included, is not found.
 */
export async function readableDocument(userId: string, documentId: string) {
  const db = await databaseReady()
  const found = await db.execute({
    sql: `SELECT d."id", d."title", d."source", t."name" AS "teamName"
          FROM "Document" d LEFT JOIN "Team" t ON t."id" = d."teamId"
          WHERE d."id" = ? AND ${READABLE_DOCUMENT}`,
    args: [documentId, userId],
  })
  const row = found.rows[0]
  if (!row) throw new NotFound('This document was not found, or it is not one your teams share with you.')
  const chunks = await prisma.documentChunk.findMany({
    where: { documentId },
    orderBy: { chunkIndex: 'asc' },
    select: { id: true, content: true, metadata: true },
  })
  return {
    id: String(row.id),
    title: String(row.title),
    source: sourceOf(textOrNull(row.source)),
    team: textOrNull(row.teamName),
    sections: documentSections(
      chunks.map((c) => {
        const meta = (c.metadata ?? {}) as Record<string, unknown>
        return {
          id: c.id,
          content: c.content,
          heading: textOrNull(meta.heading) ?? textOrNull(meta.section),
          page: numberOrNull(meta.page),
        }
      }),
    ),
  }
}
