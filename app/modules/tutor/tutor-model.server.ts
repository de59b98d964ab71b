import { z } from 'zod'
import { searchPassages } from '~/modules/knowledge/retrieval.server'
import { currentMasteries } from '~/modules/learning/mastery-now.server'
import { getEnv } from '~/utils/env.server'
import type { TutoringModel } from './ai-config'
import type { ChatClient, ChatMessage } from './chat-client.server'
import { costInCents, priceTable } from './chat-prices'
import { ReviewCardToolArguments, type ReviewCardToolValue } from './review-card'
import { type CitablePassage, type Citation, citationOf } from './tutor-answer'
import {
  type EarlierTurn,
  MAX_TOOL_ROUNDS,
  TOOL_DEFINITIONS,
  citationsOf,
  historyMessages,
  numberedPassage,
  systemPrompt,
} from './tutor-prompt'

/**
 * One model-backed answer (docs/tutor.md): the chat model gets the numbered passages and may call
 * the tools for at most MAX_TOOL_ROUNDS rounds (a last round without tools makes it answer);
 * every call and its result is kept for TutorMessage.toolCalls. Only called with ≥ 1 passage.
 * The conversation's earlier turns (bounded, historyMessages) come between the system prompt and
 * the question; the passages in the system prompt are always the current question's.
 * A `create_review_card` call is checked here (a passage of this answer, a question, its answers)
 * and handed back in `reviewCards`: the card needs the stored answer, so askTutor makes it after
 * the answer's batch; the card's passage is always among the answer's citations.
 */

export interface ToolCallRecord {
  id: string
  name: string
  arguments: unknown
  result: unknown
}

export interface ModelTurn {
  content: string
  citations: Citation[]
  toolCalls: ToolCallRecord[]
  tokens: number
  costInCents: number
  /** the cards the model asked for, to be made once the answer is stored */
  reviewCards: ReviewCardToolValue[]
}

export type PassageSearch = (query: string) => Promise<CitablePassage[]>

const SearchArguments = z.object({ query: z.string().trim().min(1).max(500) })
const NoArguments = z.object({}).passthrough()
const MASTERY_ROWS = 30

export async function modelTurn(input: {
  chat: ChatClient
  model: TutoringModel
  user: { id: string }
  question: string
  /** the conversation's earlier turns, oldest first; cut to the budget by historyMessages */
  earlier?: readonly EarlierTurn[]
  passages: CitablePassage[]
  search: PassageSearch
  now: Date
  onDelta?: (text: string) => void
}): Promise<ModelTurn> {
  const passages = [...input.passages]
  const messages: ChatMessage[] = [
    { role: 'system', content: systemPrompt(passages) },
    ...historyMessages(input.earlier ?? []),
    { role: 'user', content: input.question },
  ]
  const toolCalls: ToolCallRecord[] = []
  const reviewCards: ReviewCardToolValue[] = []
  let promptTokens = 0
  let completionTokens = 0
  for (let round = 0; ; round++) {
    const reply = await input.chat.complete(
      {
        model: input.model.model,
        messages,
        ...(round < MAX_TOOL_ROUNDS ? { tools: TOOL_DEFINITIONS } : {}),
        temperature: input.model.temperature,
      },
      { onDelta: input.onDelta },
    )
    promptTokens += reply.usage.promptTokens
    completionTokens += reply.usage.completionTokens
    if (reply.toolCalls.length === 0 || round >= MAX_TOOL_ROUNDS) {
      const { content, citations } = citationsOf(reply.content, passages)
      const cost = costInCents(input.model.model, { promptTokens, completionTokens }, priceTable(getEnv().AI_PRICES))
      return {
        content,
        citations: withCardSources(citations, reviewCards, passages),
        toolCalls,
        tokens: promptTokens + completionTokens,
        costInCents: cost.cents,
        reviewCards,
      }
    }
    messages.push({ role: 'assistant', content: reply.content || null, tool_calls: reply.toolCalls })
    for (const call of reply.toolCalls) {
      let args: unknown
      try {
        args = JSON.parse(call.function.arguments || '{}')
      } catch {
        args = call.function.arguments
      }
      const result = await runTool(call.function.name, args, { ...input, passages, reviewCards })
      toolCalls.push({ id: call.id, name: call.function.name, arguments: args, result })
      messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) })
    }
  }
}

/** A tool's answer to the model; a bad call gets an error the model can read, never an exception. */
async function runTool(
  name: string,
  args: unknown,
  context: {
    user: { id: string }
    passages: CitablePassage[]
    search: PassageSearch
    now: Date
    reviewCards: ReviewCardToolValue[]
  },
): Promise<unknown> {
  if (name === 'search_documents') {
    const parsed = SearchArguments.safeParse(args)
    if (!parsed.success) return { error: 'search_documents needs {"query": "a few words"}' }
    const found = await context.search(parsed.data.query)
    const numbered: { n: number; chunkId: string; text: string }[] = []
    for (const passage of found) {
      let index = context.passages.findIndex((p) => p.chunkId === passage.chunkId)
      if (index < 0) index = context.passages.push(passage) - 1
      numbered.push({ n: index + 1, chunkId: passage.chunkId, text: numberedPassage(passage, index + 1) })
    }
    return numbered.length ? { passages: numbered } : { passages: [], note: 'Nothing relevant was found.' }
  }
  if (name === 'show_mastery') {
    if (!NoArguments.safeParse(args).success) return { error: 'show_mastery takes no arguments' }
    const masteries = await currentMasteries(context.user.id, context.now)
    return {
      concepts: masteries
        .sort((a, b) => a.mastery - b.mastery || a.concept.localeCompare(b.concept))
        .slice(0, MASTERY_ROWS)
        .map((m) => ({ concept: m.concept, mastery: m.mastery, level: m.level })),
    }
  }
  if (name === 'create_review_card') {
    const parsed = ReviewCardToolArguments.safeParse(args)
    if (!parsed.success)
      return { error: 'create_review_card needs {"chunkId": "…", "question": "…", "answers": ["…"]} (1 to 5 answers)' }
    const n = context.passages.findIndex((p) => p.chunkId === parsed.data.chunkId) + 1
    if (n === 0) return { error: 'create_review_card needs the id of one of the numbered passages of this answer.' }
    context.reviewCards.push(parsed.data)
    return { saved: true, n, note: 'The card is saved with your answer, due now in the learner’s reviews.' }
  }
  return { error: `There is no tool named ${name}.` }
}

/** The answer's citations plus the passages cards were made from, in number order: a card's source is cited. */
function withCardSources(
  citations: Citation[],
  cards: readonly ReviewCardToolValue[],
  passages: readonly CitablePassage[],
): Citation[] {
  const all = [...citations]
  for (const card of cards) {
    if (all.some((c) => c.chunkId === card.chunkId)) continue
    const index = passages.findIndex((p) => p.chunkId === card.chunkId)
    all.push(citationOf(passages[index]!, index + 1))
  }
  return all.sort((a, b) => a.n - b.n)
}

/** Passages for the model from the shared retrieval (team-scoped by the user id). */
export function passageSearch(
  userId: string,
  queryOf: (text: string) => Promise<Parameters<typeof searchPassages>[1]>,
  limit: number,
): PassageSearch {
  return async (query) => searchPassages(userId, await queryOf(query), { limit })
}
