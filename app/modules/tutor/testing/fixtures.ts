import { replaceDocumentChunks } from '~/modules/knowledge/chunk-store.server'
import { prisma } from '~/utils/db.server'
import { cookieFor, createUser } from '#tests/support/accounts'

/** The tutor's route tests: a signed-in learner whose team has one ready document of one passage. */
export const MITOCHONDRIA = 'Mitochondria are the powerhouse of the cell.'

export async function learnerWithDocument() {
  const user = await createUser()
  const team = await prisma.team.create({ data: { name: 'Readers' }, select: { id: true } })
  await prisma.teamMember.create({ data: { teamId: team.id, userId: user.id, role: 'member' } })
  const doc = await prisma.document.create({
    data: { teamId: team.id, title: 'Cell biology', content: '…', status: 'ready' },
    select: { id: true },
  })
  await replaceDocumentChunks(doc.id, null, [
    {
      index: 0,
      content: MITOCHONDRIA,
      location: { heading: 'Organelles', charStart: 0, charEnd: MITOCHONDRIA.length },
      tokenCount: 7,
      embedding: null,
    },
  ])
  return { user, teamId: team.id, cookie: await cookieFor(user.id) }
}
