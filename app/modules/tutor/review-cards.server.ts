import { readablePassage } from '~/modules/knowledge/retrieval.server'
import { addOwnReviewTask } from '~/modules/learning/own-review-tasks.server'
import { serverNow } from '~/utils/clock.server'
import { prisma } from '~/utils/db.server'
import { Invalid, NotFound } from '~/utils/errors.server'
import { cardConcepts } from './review-card'
import type { Citation } from './tutor-answer'
import { excerpt, whereIn } from './tutor-answer'

/**
 * From conversation to memory (docs/tutor.md): a cited passage of one of the learner's tutor
 * answers becomes a review task of theirs — the question and accepted answers they chose, the
 * passage as its source (quote, document, section, link), concepts from the document and the
 * passage's nuggets. The learning module writes it (a task owned by the learner under "Your
 * notes", a review card due now, mastery evidence linking this answer). The retrieval-only page
 * form and the chat model's `create_review_card` tool both come here.
 *
 * The passage must be cited by that answer and still readable by the learner (the same scope as
 * retrieval: their teams' documents and the library), so a card cannot be made from a passage
 * the learner was never shown.
 */
export interface ReviewTaskFromPassage {
  userId: string
  /** the tutor answer (TutorMessage.id, role assistant) citing the passage */
  messageId: string
  chunkId: string
  question: string
  /** accepted answers, at least one */
  answers: readonly string[]
}

export interface ReviewTaskMade {
  taskId: string
  sessionId: string
  concepts: string[]
}

export async function createReviewTaskFromPassage(
  input: ReviewTaskFromPassage,
  now = serverNow(),
): Promise<ReviewTaskMade> {
  const message = await prisma.tutorMessage.findFirst({
    where: { id: input.messageId, role: 'assistant', session: { userId: input.userId } },
    select: { id: true, sessionId: true, citations: true },
  })
  if (!message) throw new NotFound('There is no such tutor answer.')
  const citations = Array.isArray(message.citations) ? (message.citations as unknown as Citation[]) : []
  const citation = citations.find((c) => c && c.chunkId === input.chunkId)
  if (!citation) throw new NotFound('That answer does not cite this passage.')
  const passage = await readablePassage(input.userId, input.chunkId)
  if (!passage) throw new NotFound('That passage is no longer in your documents.')
  const answers = [...new Set(input.answers.map((a) => a.trim()).filter(Boolean))]
  if (answers.length === 0) throw new Invalid('Write the answer the card accepts.', 'answer')

  const section = whereIn(passage.location)
  const href = citation.href ?? (passage.source && /^https?:\/\//.test(passage.source) ? passage.source : null)
  const concepts = cardConcepts(passage.documentId, passage.nuggetConcepts)
  const { taskId } = await addOwnReviewTask(
    {
      userId: input.userId,
      question: input.question.trim(),
      answers,
      // the source passage, shown after answering, is the explanation
      explanation: null,
      concepts,
      source: {
        chunkId: passage.chunkId,
        documentId: passage.documentId,
        title: passage.documentTitle,
        ...(section ? { section } : {}),
        ...(href ? { href } : {}),
        quote: excerpt(passage.content, input.question),
      },
      tutorMessageId: message.id,
    },
    now,
  )
  return { taskId, sessionId: message.sessionId, concepts }
}
