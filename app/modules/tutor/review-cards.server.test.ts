import { describe, expect, it } from 'vitest'
import { studiedSubjects } from '~/modules/learning/learner.server'
import { currentMasteries } from '~/modules/learning/mastery-now.server'
import { practiceTask } from '~/modules/learning/practice.server'
import { reviewQueue, taskHistory } from '~/modules/learning/reviews.server'
import { submitAnswer } from '~/modules/learning/submission.server'
import { topicStats } from '~/modules/learning/topic-stats.server'
import { OWN_NOTES_SLUG } from '~/modules/content/own-tasks.server'
import { prisma } from '~/utils/db.server'
import { Invalid, NotFound } from '~/utils/errors.server'
import { ulid } from '~/utils/ulid.server'
import { createUser } from '#tests/support/accounts'
import { createReviewTaskFromPassage } from './review-cards.server'
import { documentWithPassages } from './testing/fixtures'
import { askTutor } from './tutor.server'

const NOW = new Date('2026-12-07T10:00:00Z')
const LATER = new Date('2026-12-07T10:05:00Z')
const PASSAGE = 'Photosynthesis turns light into chemical energy. It happens in the chloroplasts of plant cells.'

async function member(teamId: string) {
  const user = await createUser()
  await prisma.teamMember.create({ data: { teamId, userId: user.id, role: 'member' } })
  return { id: user.id, activeTeamId: teamId }
}

async function teamWithDocument() {
  const team = await prisma.team.create({ data: { name: `Biology ${ulid()}` }, select: { id: true } })
  const { documentId } = await documentWithPassages(
    team.id,
    { title: 'Plant biology', source: 'https://example.org/plants' },
    [{ heading: 'Photosynthesis', content: PASSAGE }],
  )
  return { team, doc: { id: documentId } }
}

/** A learner who asked the tutor and got a cited answer: the answer's id and the cited passage. */
async function askedLearner() {
  const { team, doc } = await teamWithDocument()
  const learner = await member(team.id)
  const asked = await askTutor(learner, { question: 'Where does photosynthesis happen?' }, NOW)
  const message = await prisma.tutorMessage.findFirstOrThrow({
    where: { sessionId: asked.sessionId, role: 'assistant' },
    select: { id: true },
  })
  const chunkId = asked.answer.citations[0]!.chunkId
  return { team, doc, learner, sessionId: asked.sessionId, messageId: message.id, chunkId }
}

describe('a review card made from a tutor answer', () => {
  it('lists "Your notes" in the catalogue only to a learner who has made a card', async () => {
    const { team, learner, messageId, chunkId } = await askedLearner()
    const other = await member(team.id)
    const notesOf = async (id: string) =>
      (await studiedSubjects({ id, teamSubjectIds: null })).filter((s) => s.slug === OWN_NOTES_SLUG)
    expect(await notesOf(learner.id)).toEqual([])
    await createReviewTaskFromPassage(
      { userId: learner.id, messageId, chunkId, question: 'Where?', answers: ['chloroplasts'] },
      NOW,
    )
    expect((await notesOf(learner.id)).map((s) => s.topics.map((t) => t.slug))).toEqual([[OWN_NOTES_SLUG]])
    expect(await notesOf(other.id)).toEqual([])
  })

  it('is the learner’s own task, due now in their queue with its citation, and its mastery evidence links the answer', async () => {
    const { doc, learner, sessionId, messageId, chunkId } = await askedLearner()
    const made = await createReviewTaskFromPassage(
      {
        userId: learner.id,
        messageId,
        chunkId,
        question: 'Where in the cell does photosynthesis happen?',
        answers: ['in the chloroplasts', 'chloroplasts'],
      },
      NOW,
    )
    expect(made).toEqual({ taskId: expect.any(String), sessionId, concepts: [`doc:${doc.id}`] })

    const task = await prisma.task.findUniqueOrThrow({
      where: { id: made.taskId },
      select: {
        ownerId: true,
        kind: true,
        answer: true,
        concepts: true,
        source: true,
        topic: { select: { slug: true } },
      },
    })
    expect(task).toEqual({
      ownerId: learner.id,
      kind: 'short_text',
      answer: ['in the chloroplasts', 'chloroplasts'],
      concepts: [`doc:${doc.id}`],
      source: {
        chunkId,
        documentId: doc.id,
        title: 'Plant biology',
        section: 'Photosynthesis',
        href: 'https://example.org/plants',
        quote: PASSAGE,
        tutorMessageId: messageId,
      },
      topic: { slug: OWN_NOTES_SLUG },
    })

    const queue = await reviewQueue(learner.id, { now: NOW })
    expect(queue.reviews.map((r) => [r.taskId, r.prompt])).toEqual([
      [made.taskId, 'Where in the cell does photosynthesis happen?'],
    ])

    const evidence = await prisma.progress.findMany({
      where: { userId: learner.id },
      select: { concept: true, masteryLevel: true, tutorMessageId: true, attemptId: true, evidence: true },
    })
    expect(evidence).toEqual([
      {
        concept: `doc:${doc.id}`,
        masteryLevel: 0,
        tutorMessageId: messageId,
        attemptId: null,
        evidence: `tutor message ${messageId}: review card made from "Plant biology"`,
      },
    ])

    // Answering it on review: the source passage comes back, mastery of the document's concept moves,
    // and the Progress row links both the attempt and the tutor answer.
    const result = await submitAnswer(
      { userId: learner.id, taskId: made.taskId, answer: 'Chloroplasts', attemptId: ulid(), hintUsed: false },
      LATER,
    )
    expect(result.isCorrect).toBe(true)
    expect(result.xp.earned).toBe(0)
    expect(result.source).toMatchObject({ title: 'Plant biology', quote: PASSAGE, href: 'https://example.org/plants' })
    expect(result.masteries).toEqual([{ concept: `doc:${doc.id}`, mastery: expect.any(Number), level: 'proficient' }])
    const mastery = (await currentMasteries(learner.id, LATER)).find((m) => m.concept === `doc:${doc.id}`)
    expect(mastery?.mastery).toBeGreaterThan(0)
    const attempt = await prisma.userTaskAttempt.findFirstOrThrow({
      where: { userId: learner.id, taskId: made.taskId },
      select: { id: true },
    })
    const latest = await prisma.progress.findFirstOrThrow({
      where: { userId: learner.id, attemptId: { not: null } },
      select: { attemptId: true, tutorMessageId: true, masteryLevel: true },
    })
    expect(latest).toEqual({ attemptId: attempt.id, tutorMessageId: messageId, masteryLevel: mastery!.mastery })
  })

  it('never shows to another learner, even of the same team, who cannot answer it either', async () => {
    const { team, learner, messageId, chunkId } = await askedLearner()
    const other = await member(team.id)
    const { taskId } = await createReviewTaskFromPassage(
      {
        userId: learner.id,
        messageId,
        chunkId,
        question: 'Where does photosynthesis happen?',
        answers: ['chloroplasts'],
      },
      NOW,
    )
    // The other learner asks too, so they have a card of their own in the same topic and concept.
    const theirs = await askTutor(other, { question: 'What does photosynthesis turn light into?' }, NOW)
    const theirMessage = await prisma.tutorMessage.findFirstOrThrow({
      where: { sessionId: theirs.sessionId, role: 'assistant' },
      select: { id: true },
    })
    const own = await createReviewTaskFromPassage(
      {
        userId: other.id,
        messageId: theirMessage.id,
        chunkId,
        question: 'Light becomes what?',
        answers: ['chemical energy'],
      },
      NOW,
    )

    const queue = await reviewQueue(other.id, { now: NOW })
    expect(queue.reviews.map((r) => r.taskId)).toEqual([own.taskId])
    await expect(practiceTask(other.id, taskId)).rejects.toBeInstanceOf(NotFound)
    await expect(taskHistory(other.id, taskId)).rejects.toBeInstanceOf(NotFound)
    expect((await topicStats(other.id, OWN_NOTES_SLUG, NOW)).tasks.total).toBe(1)
    expect((await topicStats(learner.id, OWN_NOTES_SLUG, NOW)).tasks.total).toBe(1)
    await expect(
      submitAnswer({ userId: other.id, taskId, answer: 'chloroplasts', attemptId: ulid(), hintUsed: false }, LATER),
    ).rejects.toBeInstanceOf(NotFound)
    expect(await prisma.userTaskAttempt.count({ where: { taskId } })).toBe(0)

    // Nor can they make cards from the first learner's answer.
    await expect(
      createReviewTaskFromPassage(
        { userId: other.id, messageId, chunkId, question: 'Steal this card?', answers: ['no'] },
        NOW,
      ),
    ).rejects.toBeInstanceOf(NotFound)
  })

  it('is refused for a passage the answer does not cite, one the learner can no longer read, or no answer', async () => {
    const { team, learner, messageId, chunkId } = await askedLearner()
    const elsewhere = await teamWithDocument()
    const foreignChunk = await prisma.documentChunk.findFirstOrThrow({
      where: { documentId: elsewhere.doc.id },
      select: { id: true },
    })
    const card = (over: Partial<Parameters<typeof createReviewTaskFromPassage>[0]>) =>
      createReviewTaskFromPassage(
        { userId: learner.id, messageId, chunkId, question: 'Where?', answers: ['chloroplasts'], ...over },
        NOW,
      )
    await expect(card({ chunkId: foreignChunk.id })).rejects.toThrow('does not cite')
    await expect(card({ answers: ['  '] })).rejects.toBeInstanceOf(Invalid)
    await prisma.teamMember.deleteMany({ where: { teamId: team.id, userId: learner.id } })
    await expect(card({})).rejects.toThrow('no longer in your documents')
    expect(await prisma.task.count({ where: { ownerId: learner.id } })).toBe(0)
  })
})
