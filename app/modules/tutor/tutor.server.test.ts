import { describe, expect, it } from 'vitest'
import { replaceDocumentChunks } from '~/modules/knowledge/chunk-store.server'
import { prisma } from '~/utils/db.server'
import { QuotaExceeded } from '~/utils/errors.server'
import { createUser } from '#tests/support/accounts'
import { NOTHING_FOUND } from './tutor-answer'
import { askTutor, tutorSession, tutorSessions } from './tutor.server'

const NOW = new Date('2026-12-07T10:00:00Z')

async function teamWith(userId: string, name: string) {
  const team = await prisma.team.create({ data: { name }, select: { id: true } })
  await prisma.teamMember.create({ data: { teamId: team.id, userId, role: 'member' } })
  return team
}

async function documentOf(teamId: string, title: string, passages: string[]) {
  const doc = await prisma.document.create({
    data: { teamId, title, source: `upload:${title}.md`, content: passages.join('\n\n'), status: 'ready' },
    select: { id: true },
  })
  await replaceDocumentChunks(
    doc.id,
    null,
    passages.map((content, index) => ({
      index,
      content,
      location: { heading: `${title} part ${index + 1}`, charStart: 0, charEnd: content.length },
      tokenCount: content.split(' ').length,
      embedding: null,
    })),
  )
  return doc
}

const learner = async (teamName: string) => {
  const user = await createUser()
  const team = await teamWith(user.id, teamName)
  return { user: { id: user.id, activeTeamId: team.id }, team }
}

describe('the retrieval-only tutor', () => {
  it('answers with the best passages of the team’s documents, quoted and cited, and stores the exchange', async () => {
    const { user, team } = await learner('Fraction team')
    const doc = await documentOf(team.id, 'Fractions handbook', [
      'To add fractions with different denominators, first find a common denominator.',
      'Percentages are fractions of a hundred.',
    ])
    const asked = await askTutor(user, { question: 'How do I add fractions with different denominators?' }, NOW)
    expect(asked.answer.found).toBe(true)
    expect(asked.answer.content).toContain('> To add fractions with different denominators')
    expect(asked.answer.citations[0]).toMatchObject({
      n: 1,
      documentId: doc.id,
      title: 'Fractions handbook',
      where: 'Fractions handbook part 1',
    })
    const session = await tutorSession(user.id, asked.sessionId)
    expect(session.messages.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(session.messages[1]!.citations).toEqual(asked.answer.citations)
    const tool = await prisma.tutorMessage.findFirstOrThrow({
      where: { sessionId: asked.sessionId, role: 'assistant' },
      select: { toolCalls: true },
    })
    expect(tool.toolCalls).toEqual([expect.objectContaining({ name: 'search_documents' })])
    const usage = await prisma.aIUsage.findMany({
      where: { userId: user.id },
      select: { type: true, tutorSessionId: true },
    })
    expect(usage).toEqual([{ type: 'tutor', tutorSessionId: asked.sessionId }])

    // The next question continues the conversation.
    const again = await askTutor(user, { question: 'What are percentages?', sessionId: asked.sessionId }, NOW)
    expect(again.sessionId).toBe(asked.sessionId)
    expect((await tutorSession(user.id, asked.sessionId)).messages).toHaveLength(4)
    expect((await tutorSessions(user.id)).map((s) => s.questions)).toEqual([2])
  })

  it('says it found nothing rather than inventing, and never quotes another team’s documents', async () => {
    const { user } = await learner('Team A')
    const other = await learner('Team B')
    await documentOf(other.team.id, 'Secret plans', ['The photosynthesis secret formula is kept here.'])
    const asked = await askTutor(user, { question: 'What is the photosynthesis secret formula?' }, NOW)
    expect(asked.answer).toEqual({ content: NOTHING_FOUND, citations: [], found: false })
    expect(asked.answer.content).not.toContain('formula is kept')
  })

  it('refuses another learner’s conversation as not found, counting nothing', async () => {
    const { user } = await learner('Team C')
    const other = await learner('Team D')
    const theirs = await askTutor(other.user, { question: 'Anything about fractions?' }, NOW)
    await expect(askTutor(user, { question: 'And now?', sessionId: theirs.sessionId }, NOW)).rejects.toThrow(
      'There is no such conversation.',
    )
    await expect(tutorSession(user.id, theirs.sessionId)).rejects.toThrow('There is no such conversation.')
    expect(await prisma.aIUsageMonthly.count({ where: { userId: user.id } })).toBe(0)
  })

  it('admits exactly the plan’s allowance under 40 concurrent questions and refuses the rest with a 429', async () => {
    const { user, team } = await learner('Busy team')
    await documentOf(team.id, 'Notes', ['Fractions have a numerator and a denominator.'])
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => askTutor(user, { question: `What is a denominator? (${i})` }, NOW)),
    )
    const admitted = results.filter((r) => r.status === 'fulfilled')
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(admitted).toHaveLength(25) // the basic plan's 25 requests a month
    expect(refused.every((r) => r.reason instanceof QuotaExceeded && r.reason.status === 429)).toBe(true)
    expect(await prisma.aIUsage.count({ where: { userId: user.id } })).toBe(25)
    expect(await prisma.tutorSession.count({ where: { userId: user.id } })).toBe(25)
    const month = await prisma.aIUsageMonthly.findFirstOrThrow({
      where: { userId: user.id },
      select: { requests: true },
    })
    expect(month.requests).toBe(25)
  })
})
