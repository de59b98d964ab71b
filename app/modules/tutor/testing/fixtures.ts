import { replaceDocumentChunks } from '~/modules/knowledge/chunk-store.server'
import { prisma } from '~/utils/db.server'
import { cookieFor, createUser } from '#tests/support/accounts'

/** One passage of a test document: its text, under a heading, on a page. */
export interface TestPassage {
  content: string
  heading?: string
  page?: number
}

/**
 * A document of `teamId` (null: the platform library) whose chunks are `passages`, in order, not
 * embedded (found by their words); its id and its chunks' ids in passage order.
 */
export async function documentWithPassages(
  teamId: string | null,
  document: { title: string; source?: string; status?: 'ready' | 'pending' },
  passages: readonly TestPassage[],
) {
  const doc = await prisma.document.create({
    data: {
      teamId,
      title: document.title,
      source: document.source ?? null,
      content: passages.map((p) => p.content).join('\n\n'),
      status: document.status ?? 'ready',
    },
    select: { id: true },
  })
  await replaceDocumentChunks(
    doc.id,
    null,
    passages.map(({ content, heading, page }, index) => ({
      index,
      content,
      location: {
        heading: heading ?? null,
        charStart: 0,
        charEnd: content.length,
        ...(page === undefined ? {} : { page }),
      },
      tokenCount: content.split(/\s+/).length,
      embedding: null,
    })),
  )
  const chunks = await prisma.documentChunk.findMany({
    where: { documentId: doc.id },
    orderBy: { chunkIndex: 'asc' },
    select: { id: true },
  })
  return { documentId: doc.id, chunkIds: chunks.map((c) => c.id) }
}

/** The tutor's route tests: a signed-in learner whose team has one ready document of one passage. */
export async function learnerWithDocument() {
  const user = await createUser()
  const team = await prisma.team.create({ data: { name: 'Readers' }, select: { id: true } })
  await prisma.teamMember.create({ data: { teamId: team.id, userId: user.id, role: 'member' } })
  await documentWithPassages(team.id, { title: 'Cell biology' }, [
    { heading: 'Organelles', content: 'Mitochondria are the powerhouse of the cell.' },
  ])
  return { user, teamId: team.id, cookie: await cookieFor(user.id) }
}
