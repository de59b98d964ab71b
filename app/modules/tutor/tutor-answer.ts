/**
 * The retrieval-only tutor's answer (docs/tutor.md), pure: the best passages, quoted and cited.
 * It never writes a sentence of its own about the subject, so it cannot invent; a question with
 * nothing relevant gets a plain "I found nothing" rather than a guess.
 */
export interface CitablePassage {
  chunkId: string
  documentId: string
  documentTitle: string
  source: string | null
  content: string
  location: { heading: string | null; section: string | null; page: number | null }
  score: number
}

export interface Citation {
  /** 1-based number the answer refers to, "[1]" */
  n: number
  chunkId: string
  documentId: string
  title: string
  /** where in the document: "Fractions › Adding", "page 3" */
  where: string | null
  /** the source's address when it is a web page */
  href: string | null
  score: number
}

export interface TutorAnswer {
  content: string
  citations: Citation[]
  found: boolean
}

export const MAX_QUOTES = 3
const QUOTE_CHARS = 320

export const NOTHING_FOUND =
  'I found nothing about that in the documents your team and the library share with you, so I will not guess. ' +
  'Try other words, or ask an instructor to add a document on it.'

/** Where a passage stands in its document, for the citation. */
export function whereIn(location: CitablePassage['location']): string | null {
  const parts = [location.heading ?? location.section, location.page ? `page ${location.page}` : null].filter(
    (p): p is string => Boolean(p),
  )
  return parts.length ? parts.join(', ') : null
}

/** The excerpt of a passage to quote: the sentences that share the most words with the question, within a length. */
export function excerpt(content: string, question: string, maxChars = QUOTE_CHARS): string {
  const text = content.replace(/\s+/g, ' ').trim()
  if (text.length <= maxChars) return text
  const words = new Set(question.toLowerCase().match(/\p{L}[\p{L}\p{N}]+/gu) ?? [])
  const sentences = text.match(/[^.!?]+[.!?]*\s*/g) ?? [text]
  const overlap = (s: string) =>
    (s.toLowerCase().match(/\p{L}[\p{L}\p{N}]+/gu) ?? []).filter((w) => words.has(w)).length
  let best = 0
  sentences.forEach((s, i) => {
    if (overlap(s) > overlap(sentences[best]!)) best = i
  })
  let out = ''
  for (let i = best; i < sentences.length && out.length + sentences[i]!.length <= maxChars; i++) out += sentences[i]
  if (!out) out = sentences[best]!.slice(0, maxChars - 1)
  return `${best > 0 ? '… ' : ''}${out.trim()}${out.length < text.length ? ' …' : ''}`
}

/** The citation of a passage numbered `n`: document, where in it, and a link for a web source. */
export function citationOf(p: CitablePassage, n: number): Citation {
  return {
    n,
    chunkId: p.chunkId,
    documentId: p.documentId,
    title: p.documentTitle,
    where: whereIn(p.location),
    href: p.source && /^https?:\/\//.test(p.source) ? p.source : null,
    score: p.score,
  }
}

export function composeAnswer(question: string, passages: readonly CitablePassage[]): TutorAnswer {
  const quoted = passages.slice(0, MAX_QUOTES)
  if (quoted.length === 0) return { content: NOTHING_FOUND, citations: [], found: false }
  const citations = quoted.map((p, i) => citationOf(p, i + 1))
  const lines = quoted.map((p, i) => `> ${excerpt(p.content, question)} [${i + 1}]`)
  const content = [
    quoted.length === 1 ? 'Here is what your documents say:' : 'Here is what your documents say, best match first:',
    ...lines,
  ].join('\n\n')
  return { content, citations, found: true }
}
