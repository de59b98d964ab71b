import { describe, expect, it } from 'vitest'
import { replaceDocumentChunks } from '~/modules/knowledge/chunk-store.server'
import { submitAnswer } from '~/modules/learning/submission.server'
import { askTutor } from '~/modules/tutor/tutor.server'
import { prisma } from '~/utils/db.server'
import { ulid } from '~/utils/ulid.server'
import { args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import * as tutorRoute from './tutor.$sessionId'
import * as route from './progress_.mastery'

type History = Awaited<ReturnType<typeof route.loader>>
const open = (cookie: string) => settle(() => route.loader(args(request('/progress/mastery', { cookie }))))
const PASSAGE = 'Mitochondria release energy from food in a process called respiration.'

async function learnerWithAnswer() {
  const team = await prisma.team.create({ data: { name: `Cells ${ulid()}` }, select: { id: true } })
  const user = await createUser()
  await prisma.teamMember.create({ data: { teamId: team.id, userId: user.id, role: 'member' } })
  const doc = await prisma.document.create({
    data: { teamId: team.id, title: 'Cell biology', content: PASSAGE, status: 'ready' },
    select: { id: true },
  })
  await replaceDocumentChunks(doc.id, null, [
    {
      index: 0,
      content: PASSAGE,
      location: { charStart: 0, charEnd: PASSAGE.length },
      tokenCount: 11,
      embedding: null,
    },
  ])
  const asked = await askTutor({ id: user.id, activeTeamId: team.id }, { question: 'What do mitochondria do?' })
  const message = await prisma.tutorMessage.findFirstOrThrow({
    where: { sessionId: asked.sessionId, role: 'assistant' },
    select: { id: true },
  })
  return { user, doc, sessionId: asked.sessionId, messageId: message.id, chunkId: asked.answer.citations[0]!.chunkId }
}

const post = (sessionId: string, cookie: string, form: Record<string, string>) =>
  settle(() => tutorRoute.action(args(request(`/tutor/${sessionId}`, { method: 'POST', cookie, form }), { sessionId })))

describe('Make review cards, then /progress/mastery', () => {
  it('refuses a card without an answer (400 naming the field, nothing written), saves a good one, and charts its evidence for its learner only', async () => {
    const { user, doc, sessionId, messageId, chunkId } = await learnerWithAnswer()
    const cookie = await cookieFor(user.id)
    const form = {
      intent: `review-card:${messageId}:${chunkId}`,
      messageId,
      chunkId,
      question: 'What do mitochondria do?',
    }

    const before = await databaseSnapshot()
    const refused = await post(sessionId, cookie, { ...form, answer: '   ' })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({
      intent: form.intent,
      fieldErrors: { answer: [expect.stringMatching(/answer/)] },
    })
    expect(await databaseSnapshot()).toEqual(before)

    const saved = await post(sessionId, cookie, { ...form, answer: 'release energy\nrespiration' })
    expect(saved.status).toBe(302)
    expect(saved.headers.get('location')).toBe(`/tutor/${sessionId}#sources-${messageId}`)
    const task = await prisma.task.findFirstOrThrow({ where: { ownerId: user.id }, select: { id: true, answer: true } })
    expect(task.answer).toEqual(['release energy', 'respiration'])
    await submitAnswer({ userId: user.id, taskId: task.id, answer: 'respiration', attemptId: ulid(), hintUsed: false })

    const history = (await open(cookie)).body as History
    const concept = history.concepts.find((c) => c.concept === `doc:${doc.id}`)!
    expect(concept.label).toBe('Cell biology')
    expect(concept.points.map((p) => p.evidence.kind)).toEqual(['tutor', 'attempt'])
    expect(concept.points[0]!.evidence).toMatchObject({ href: `/tutor/${sessionId}#sources-${messageId}` })
    expect(concept.points[1]!.evidence).toMatchObject({
      href: `/practice/your-notes?task=${encodeURIComponent(task.id)}`,
      fromTutor: { href: `/tutor/${sessionId}#sources-${messageId}` },
    })
    expect(concept.points[1]!.mastery).toBeGreaterThan(concept.points[0]!.mastery)

    const other = await createUser()
    const theirs = (await open(await cookieFor(other.id))).body as History
    expect(theirs.concepts).toEqual([])
  })
})
