import { z } from 'zod'
import { searchPassages } from '~/modules/knowledge/retrieval.server'
import { currentMasteries } from '~/modules/learning/mastery-now.server'
import { getEnv } from '~/utils/env.server'
import type { ChatClient, ChatMessage } from './chat-client.server'
import { costInCents, priceTable } from './chat-prices'
import type { CitablePassage, Citation } from './tutor-answer'
import { MAX_TOOL_ROUNDS, TOOL_DEFINITIONS, citationsOf, numberedPassage, systemPrompt } from './tutor-prompt'
import type { TutoringModel } from './tutor-model-config.server'

/**
 * One model-backed answer (docs/tutor.md): the chat model gets the numbered passages and may call
 * the tools for at most MAX_TOOL_ROUNDS rounds (a last round without tools makes it answer);
 * every call and its result is kept for TutorMessage.toolCalls. Only called with ≥ 1 passage.
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
  passages: CitablePassage[]
  search: PassageSearch
  now: Date
  onDelta?: (text: string) => void
}): Promise<ModelTurn> {
  const passages = [...input.passages]
  const messages: ChatMessage[] = [
    { role: 'system', content: systemPrompt(passages) },
    { role: 'user', content: input.question },
  ]
  const toolCalls: ToolCallRecord[] = []
  let promptTokens = 0
  let completionTokens = 0
  for (let round = 0; ; round++) {
    const reply = await input.chat.complete(
      {
        model: input.model.model,
        messages,
        ...(round < MAX_TOOL_ROUNDS ? { tools: TOOL_DEFINITIONS } : {}),
        ...(input.model.temperature === null ? {} : { temperature: input.model.temperature }),
      },
      { onDelta: input.onDelta },
    )
    promptTokens += reply.usage.promptTokens
    completionTokens += reply.usage.completionTokens
    if (reply.toolCalls.length === 0 || round >= MAX_TOOL_ROUNDS) {
      const { content, citations } = citationsOf(reply.content, passages)
      const cost = costInCents(input.model.model, { promptTokens, completionTokens }, priceTable(getEnv().AI_PRICES))
      return { content, citations, toolCalls, tokens: promptTokens + completionTokens, costInCents: cost.cents }
    }
    messages.push({ role: 'assistant', content: reply.content || null, tool_calls: reply.toolCalls })
    for (const call of reply.toolCalls) {
      let args: unknown
      try {
        args = JSON.parse(call.function.arguments || '{}')
      } catch {
        args = call.function.arguments
      }
      const result = await runTool(call.function.name, args, { ...input, passages })
      toolCalls.push({ id: call.id, name: call.function.name, arguments: args, result })
      messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify(result) })
    }
  }
}

/** A tool's answer to the model; a bad call gets an error the model can read, never an exception. */
async function runTool(
  name: string,
  args: unknown,
  context: { user: { id: string }; passages: CitablePassage[]; search: PassageSearch; now: Date },
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
  return { error: `There is no tool named ${name}.` }
}

/** Passages for the model from the shared retrieval (team-scoped by the user id). */
export function passageSearch(
  userId: string,
  queryOf: (text: string) => Promise<Parameters<typeof searchPassages>[1]>,
  limit: number,
): PassageSearch {
  return async (query) => searchPassages(userId, await queryOf(query), { limit })
}
