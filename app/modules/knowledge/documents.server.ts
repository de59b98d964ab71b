import type { TeamAccess } from '~/modules/teams/access.server'
import { prisma } from '~/utils/db.server'
import { NotFound } from '~/utils/errors.server'

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
