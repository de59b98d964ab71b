import { MAX_ACCEPTED_ANSWERS } from './review-card'
import { type CitablePassage, type Citation, citationOf, whereIn } from './tutor-answer'

/**
 * Grounding the chat model (docs/tutor.md), pure: the system prompt that hands it the numbered
 * passages, the tools it may call, and the citations read back from its answer. The model is only
 * called with at least one passage; a question with none gets tutor-answer's NOTHING_FOUND.
 */

export const MAX_TOOL_ROUNDS = 3
const PASSAGE_CHARS = 1_500

/** How much of the conversation so far the model is sent with a new question: whole turns, newest first. */
export const HISTORY_TURNS = 6
export const HISTORY_CHARS = 8_000

export interface EarlierTurn {
  question: string
  answer: string
}

/**
 * The earlier turns of the conversation as chat messages, oldest first, within the budget: the
 * newest whole turns whose question and answer fit in `chars` characters, at most `turns` of them
 * (the oldest are dropped first). The [n] markers of an old answer pointed at that question's
 * passages, not the ones numbered now, so they are taken out.
 */
export function historyMessages(
  earlier: readonly EarlierTurn[],
  budget: { turns: number; chars: number } = { turns: HISTORY_TURNS, chars: HISTORY_CHARS },
): { role: 'user' | 'assistant'; content: string }[] {
  const kept: EarlierTurn[] = []
  let used = 0
  for (let i = earlier.length - 1; i >= 0 && kept.length < budget.turns; i--) {
    const turn = earlier[i]!
    const answer = turn.answer
      .replace(/\n\nFrom your documents:(?: \[\d{1,3}\])+\s*$/, '')
      .replace(/ ?\[\d{1,3}\]/g, '')
      .trim()
    const size = turn.question.length + answer.length
    if (used + size > budget.chars) break
    used += size
    kept.unshift({ question: turn.question, answer })
  }
  return kept.flatMap((t) => [
    { role: 'user' as const, content: t.question },
    { role: 'assistant' as const, content: t.answer },
  ])
}

export function numberedPassage(p: CitablePassage, n: number): string {
  const where = whereIn(p.location)
  return `[${n}] ${p.documentTitle}${where ? ` — ${where}` : ''}\n${p.content.replace(/\s+/g, ' ').trim().slice(0, PASSAGE_CHARS)}`
}

export function systemPrompt(passages: readonly CitablePassage[]): string {
  return [
    'You are Questlog’s tutor. Guide the learner to understand, briefly and clearly, using only the numbered passages',
    'from their team’s documents below (and any that search_documents returns, which continue the numbering).',
    'Earlier turns of the conversation may come before the latest question; use them to understand what it refers to.',
    'Cite every statement you take from a passage with its number in square brackets, e.g. [1] or [2][3].',
    'If the passages do not answer the question, say what they do cover; do not add facts from elsewhere.',
    'You may call show_mastery to see how well the learner knows their concepts, to pitch your answer.',
    'When the learner wants to remember something, call create_review_card with the id of the passage it comes',
    'from, a short question and its accepted answers; the card goes into their reviews with that passage as source.',
    '',
    'Passages:',
    ...passages.map((p, i) => numberedPassage(p, i + 1)),
    '',
    `Passage ids: ${passages.map((p, i) => `[${i + 1}] ${p.chunkId}`).join(', ')}`,
  ].join('\n')
}

export const TOOL_DEFINITIONS = [
  {
    type: 'function' as const,
    function: {
      name: 'search_documents',
      description:
        "Search the learner's team documents and the library for more passages. Returns new numbered passages to cite.",
      parameters: {
        type: 'object',
        properties: { query: { type: 'string', description: 'what to look for, in a few words' } },
        required: ['query'],
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function' as const,
    function: {
      name: 'show_mastery',
      description: "The learner's mastery (0–100 and a level) of each concept they have practised.",
      parameters: { type: 'object', properties: {}, additionalProperties: false },
    },
  },
  {
    type: 'function' as const,
    function: {
      name: 'create_review_card',
      description:
        "Make a review card for the learner from one of this answer's passages: it is due at once in their reviews, with the passage as its source.",
      parameters: {
        type: 'object',
        properties: {
          chunkId: { type: 'string', description: 'the id of the passage the card is made from' },
          question: { type: 'string', description: 'the question the card asks' },
          answers: {
            type: 'array',
            items: { type: 'string' },
            minItems: 1,
            maxItems: MAX_ACCEPTED_ANSWERS,
            description: 'the answers the card accepts',
          },
        },
        required: ['chunkId', 'question', 'answers'],
        additionalProperties: false,
      },
    },
  },
]

/**
 * The citations of an answer: the passages it cites as [n], in number order. An answer that cites
 * no passage it was given gets its sources listed at the end, so every answer still says where
 * it comes from.
 */
export function citationsOf(
  content: string,
  passages: readonly CitablePassage[],
): { content: string; citations: Citation[] } {
  const cited = new Set<number>()
  for (const match of content.matchAll(/\[(\d{1,3})\]/g)) {
    const n = Number(match[1])
    if (n >= 1 && n <= passages.length) cited.add(n)
  }
  if (cited.size === 0) {
    const all = passages.map((p, i) => citationOf(p, i + 1))
    return {
      content: `${content.trim()}\n\nFrom your documents: ${all.map((c) => `[${c.n}]`).join(' ')}`,
      citations: all,
    }
  }
  return {
    content,
    citations: [...cited].sort((a, b) => a - b).map((n) => citationOf(passages[n - 1]!, n)),
  }
}
