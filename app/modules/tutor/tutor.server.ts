import type { InStatement } from '@libsql/client'
import { requireAiRequest, recordAiUsage } from '~/modules/billing/usage.server'
import { EmbeddingFailed, configuredEmbedder } from '~/modules/knowledge/embedder.server'
import { searchPassages } from '~/modules/knowledge/retrieval.server'
import { serverNow } from '~/utils/clock.server'
import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { Invalid, NotFound } from '~/utils/errors.server'
import { log } from '~/utils/log.server'
import { ulid } from '~/utils/ulid.server'
import { RETRIEVAL_ONLY_MODEL } from './ai-config'
import { resolveTutoringModel } from './ai-config.server'
import { type ChatClient, ChatFailed, configuredChat } from './chat-client.server'
import type { ReviewCardToolValue } from './review-card'
import { createReviewTaskFromPassage } from './review-cards.server'
import { type Citation, MAX_QUOTES, type TutorAnswer, composeAnswer } from './tutor-answer'
import type { AskInputValue } from './tutor-input'
import { type EarlierTurn, HISTORY_TURNS } from './tutor-prompt'
import { type ToolCallRecord, modelTurn, passageSearch } from './tutor-model.server'

/**
 * The tutor (docs/tutor.md). Each question first reserves one AI request against the learner's
 * plan (billing's `requireAiRequest`: a 429 past the allowance, nothing counted), then searches the
 * documents the learner may read (knowledge's hybrid retrieval). With a chat model (AI_BASE_URL,
 * and the learner's tutoring model from resolveTutoringModel) and at least one passage, the model
 * answers grounded on them, citing [n], with its tools; with no passage, or no model (none
 * configured, or `local:retrieval` stored for the learner), the retrieval-only answer quotes the best passages (or says nothing was
 * found — the model is never asked then). A model that fails leaves the retrieval-only answer with
 * a notice. The exchange — the question, the searches and tool calls, the answer with its
 * citations — is stored in one batch and the call recorded in AIUsage (tokens, cents, success).
 */
const TITLE_CHARS = 80
/** Passages the model starts from (the retrieval-only answer quotes MAX_QUOTES of them). */
const MODEL_PASSAGES = 5

export const MODEL_FAILED =
  'The tutor’s language model could not answer just now, so here are the passages that match your question instead.'

export interface Asked {
  sessionId: string
  answer: TutorAnswer
  /** the model was asked and failed: the answer is the retrieval-only one */
  modelFailed: boolean
}

export interface AskOptions {
  /** the chat model; default the configured one (null: retrieval-only) */
  chat?: ChatClient | null
  /** each piece of the answer as it is written (the streaming route) */
  onDelta?: (text: string) => void
}

export async function askTutor(
  user: { id: string; activeTeamId: string | null },
  input: AskInputValue,
  now = serverNow(),
  options: AskOptions = {},
): Promise<Asked> {
  const existing = input.sessionId ? await ownSession(user.id, input.sessionId) : null
  const reservation = await requireAiRequest(user.id, now)
  const chat = options.chat === undefined ? configuredChat() : options.chat
  // A stored 'local:retrieval' keeps the learner on the retrieval-only tutor even with a chat service.
  const model = chat ? await resolveTutoringModel({ userId: user.id, teamId: user.activeTeamId }) : null
  const earlier = existing?.earlier ?? []
  const limit = model ? MODEL_PASSAGES : MAX_QUOTES
  let query = input.question
  let passages = await searchPassages(user.id, await queryOf(query), { limit })
  // A follow-up ("and then what?") often names nothing to search by: search with the question before it too.
  const previous = earlier.at(-1)?.question
  if (passages.length === 0 && previous) {
    query = `${previous} ${input.question}`
    passages = await searchPassages(user.id, await queryOf(query), { limit })
  }
  const firstSearch: ToolCallRecord = {
    id: ulid(),
    name: 'search_documents',
    arguments: { query },
    result: { chunkIds: passages.map((p) => p.chunkId) },
  }

  let answer: TutorAnswer
  let toolCalls: ToolCallRecord[] = [firstSearch]
  let usage: { model: string; tokens: number; costInCents: number; success: boolean; errorMessage: string | null }
  let modelFailed = false
  let reviewCards: ReviewCardToolValue[] = []
  if (chat && model && passages.length > 0) {
    try {
      const turn = await modelTurn({
        chat,
        model,
        user,
        question: input.question,
        earlier,
        passages,
        search: passageSearch(user.id, queryOf, MAX_QUOTES),
        now,
        onDelta: options.onDelta,
      })
      answer = { content: turn.content, citations: turn.citations, found: true }
      toolCalls = [firstSearch, ...turn.toolCalls]
      reviewCards = turn.reviewCards
      usage = {
        model: model.model,
        tokens: turn.tokens,
        costInCents: turn.costInCents,
        success: true,
        errorMessage: null,
      }
    } catch (error) {
      if (!(error instanceof ChatFailed)) throw error
      log.warn('tutor: the chat model failed, answering from retrieval', { userId: user.id, error: error.message })
      const fallback = composeAnswer(input.question, passages)
      answer = { ...fallback, content: `${MODEL_FAILED}\n\n${fallback.content}` }
      modelFailed = true
      usage = { model: model.model, tokens: 0, costInCents: 0, success: false, errorMessage: error.message }
      options.onDelta?.(`\n\n${answer.content}`)
    }
  } else {
    answer = composeAnswer(input.question, passages)
    usage = { model: RETRIEVAL_ONLY_MODEL, tokens: 0, costInCents: 0, success: true, errorMessage: null }
    options.onDelta?.(answer.content)
  }

  const sessionId = existing?.id ?? ulid()
  const mode = input.mode ?? 'text'
  const at = toDbTimestamp(now)
  const later = toDbTimestamp(new Date(now.getTime() + 1)) // the answer sorts after the question
  const answerId = ulid()
  const statements: InStatement[] = [
    existing
      ? {
          sql: `UPDATE "TutorSession" SET "lastActivity" = ?${mode === 'voice' ? `, "mode" = 'voice'` : ''} WHERE "id" = ?`,
          args: [at, sessionId],
        }
      : {
          sql: `INSERT INTO "TutorSession" ("id", "userId", "teamId", "mode", "title", "startedAt", "lastActivity", "createdAt")
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          args: [sessionId, user.id, user.activeTeamId, mode, input.question.slice(0, TITLE_CHARS), at, at, at],
        },
    {
      sql: `INSERT INTO "TutorMessage" ("id", "sessionId", "role", "content", "createdAt") VALUES (?, ?, 'user', ?, ?)`,
      args: [ulid(), sessionId, input.question, at],
    },
    {
      sql: `INSERT INTO "TutorMessage" ("id", "sessionId", "role", "content", "toolCalls", "citations", "createdAt") VALUES (?, ?, 'assistant', ?, ?, ?, ?)`,
      args: [answerId, sessionId, answer.content, JSON.stringify(toolCalls), JSON.stringify(answer.citations), later],
    },
  ]
  await writeBatch(statements)
  await recordAiUsage({
    userId: user.id,
    type: 'tutor',
    model: usage.model,
    prompt: input.question,
    response: answer.content,
    tokens: usage.tokens,
    costInCents: usage.costInCents,
    success: usage.success,
    errorMessage: usage.errorMessage,
    tutorSessionId: sessionId,
    usageMonth: reservation.usageMonth,
    now,
  })
  // The model's create_review_card calls, now that the answer citing their passages is stored.
  for (const card of reviewCards) {
    try {
      await createReviewTaskFromPassage({ userId: user.id, messageId: answerId, ...card }, now)
    } catch (error) {
      // checked by the tool already; a passage removed in the meantime leaves the answer standing
      if (!(error instanceof NotFound || error instanceof Invalid)) throw error
      log.warn('tutor: review card not made', { userId: user.id, chunkId: card.chunkId, error: error.message })
    }
  }
  return { sessionId, answer, modelFailed }
}

/** The question as a search: with a vector when an embeddings model is configured, by its words otherwise. */
async function queryOf(text: string) {
  const embedder = configuredEmbedder()
  if (!embedder) return { text, embedding: null, model: null }
  try {
    const [embedding] = await embedder.embed([text])
    return { text, embedding: embedding ?? null, model: embedding ? embedder.model : null }
  } catch (error) {
    // An embeddings service that is down leaves the words: the answer still comes, by FTS5 alone.
    if (!(error instanceof EmbeddingFailed)) throw error
    log.warn('tutor: question not embedded, searching by words', { error: error.message })
    return { text, embedding: null, model: null }
  }
}

/** Messages newest first as question/answer pairs, oldest first (a question without its answer is left out). */
function turnsOf(newestFirst: readonly { role: string; content: string }[]): EarlierTurn[] {
  const turns: EarlierTurn[] = []
  let answer: string | null = null
  for (const row of newestFirst) {
    if (row.role === 'assistant') answer = row.content
    else if (answer !== null) {
      turns.unshift({ question: row.content, answer })
      answer = null
    }
  }
  return turns
}

/**
 * A tutor conversation, not a walk of a narrative path (path-walk.server.ts: a TutorSession with
 * currentNodeId). A walk whose node was deleted loses its currentNodeId but never had a message.
 */
const CONVERSATION = { currentNodeId: null, messages: { some: {} } }

/** One of the learner's conversations with its earlier turns: the newest HISTORY_TURNS the model may get. */
async function ownSession(userId: string, sessionId: string): Promise<{ id: string; earlier: EarlierTurn[] }> {
  const session = await prisma.tutorSession.findFirst({
    where: { id: sessionId, userId, ...CONVERSATION },
    select: {
      id: true,
      messages: {
        where: { role: { in: ['user', 'assistant'] } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: HISTORY_TURNS * 2 + 1,
        select: { role: true, content: true },
      },
    },
  })
  if (!session) throw new NotFound('There is no such conversation.')
  return { id: session.id, earlier: turnsOf(session.messages) }
}

export interface TutorMessageView {
  id: string
  role: 'user' | 'assistant'
  content: string
  citations: Citation[]
  createdAt: string
}

/** The learner's conversations, latest first (their path walks are not conversations). */
export async function tutorSessions(userId: string) {
  const rows = await prisma.tutorSession.findMany({
    where: { userId, ...CONVERSATION },
    orderBy: { lastActivity: 'desc' },
    take: 50,
    select: { id: true, title: true, lastActivity: true, _count: { select: { messages: true } } },
  })
  return rows.map((r) => ({
    id: r.id,
    title: r.title ?? 'Conversation',
    lastActivity: r.lastActivity.toISOString(),
    questions: Math.ceil(r._count.messages / 2),
  }))
}

/** One of the learner's own conversations with its messages; another learner's is not found. */
export async function tutorSession(userId: string, sessionId: string) {
  const session = await prisma.tutorSession.findFirst({
    where: { id: sessionId, userId, ...CONVERSATION },
    select: {
      id: true,
      title: true,
      messages: {
        where: { role: { in: ['user', 'assistant'] } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { id: true, role: true, content: true, citations: true, createdAt: true },
      },
    },
  })
  if (!session) throw new NotFound('There is no such conversation.')
  return {
    id: session.id,
    title: session.title ?? 'Conversation',
    messages: session.messages.map((m): TutorMessageView => ({
      id: m.id,
      role: m.role as 'user' | 'assistant',
      content: m.content,
      citations: Array.isArray(m.citations) ? (m.citations as unknown as Citation[]) : [],
      createdAt: m.createdAt.toISOString(),
    })),
  }
}
