/**
 * Review cards from a tutor answer (docs/tutor.md, "From conversation to memory"), pure: what the
 * "Make review cards" form offers before the learner edits it, and the concepts a card counts
 * toward.
 */
import { z } from 'zod'

const WORD = /\p{L}[\p{L}\p{N}]+/gu
const KEY_SENTENCE_CHARS = 240

/** The quote the retrieval-only answer gave for source `n` ("> … [n]" paragraphs), or null. */
export function quoteOf(content: string, n: number): string | null {
  for (const paragraph of content.split('\n\n')) {
    const match = /^> (.*) \[(\d+)\]$/s.exec(paragraph)
    if (match && Number(match[2]) === n) return match[1]!.replace(/^… /, '').replace(/ …$/, '').trim() || null
  }
  return null
}

/** The sentence of `text` that shares the most words with the question (the first on a tie), cut to a length. */
export function keySentence(text: string, question: string): string {
  const words = new Set(question.toLowerCase().match(WORD) ?? [])
  const sentences = (
    text
      .replace(/\s+/g, ' ')
      .trim()
      .match(/[^.!?]+[.!?]*/g) ?? []
  )
    .map((s) => s.trim())
    .filter(Boolean)
  let best = sentences[0] ?? ''
  let bestScore = -1
  for (const sentence of sentences) {
    const score = (sentence.toLowerCase().match(WORD) ?? []).filter((w) => words.has(w)).length
    if (score > bestScore) [best, bestScore] = [sentence, score]
  }
  return best.length > KEY_SENTENCE_CHARS ? `${best.slice(0, KEY_SENTENCE_CHARS - 1).trimEnd()}…` : best
}

/** The concept key of a document: a card made from it counts toward the learner's mastery of it. */
export const documentConcept = (documentId: string) => `doc:${documentId}`

/** The card's concepts: the document's, then those of the ready nuggets made from the passage. */
export function cardConcepts(documentId: string, nuggetConcepts: readonly string[]): string[] {
  return [...new Set([documentConcept(documentId), ...nuggetConcepts.map((c) => c.trim()).filter(Boolean)])]
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/
export const MAX_ACCEPTED_ANSWERS = 5

const chunkId = z.string().min(1, 'names no passage').max(64, 'is not a passage id')
const question = z
  .string({ message: 'Write the question the card asks' })
  .trim()
  .min(3, 'Write a question of at least 3 characters')
  .max(500, 'Keep the question under 500 characters')
const acceptedAnswers = z
  .array(z.string().trim().min(1, 'Write each answer').max(300, 'Keep each answer under 300 characters'))
  .min(1, 'Write the answer the card accepts')
  .max(MAX_ACCEPTED_ANSWERS, `Give at most ${MAX_ACCEPTED_ANSWERS} accepted answers, one a line`)

/** The arguments of the chat model's create_review_card tool: a passage of the answer, the question, the answers. */
export const ReviewCardToolArguments = z.object({ chunkId, question, answers: acceptedAnswers })
export type ReviewCardToolValue = z.output<typeof ReviewCardToolArguments>

/** The "Make review cards" form: which passage of which answer, the question and its accepted answers. */
export const ReviewCardInput = z.object({
  messageId: z.string().regex(ULID, 'is not a tutor answer id'),
  chunkId,
  question,
  answer: z
    .string({ message: 'Write the answer' })
    .max(2000, 'Keep the answers under 2,000 characters')
    .transform((text) =>
      text
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(acceptedAnswers),
})
export type ReviewCardInputValue = z.output<typeof ReviewCardInput>
