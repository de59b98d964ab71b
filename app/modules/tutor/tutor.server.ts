import type { InStatement } from '@libsql/client'
import { requireAiRequest, recordAiUsage } from '~/modules/billing/usage.server'
import { EmbeddingFailed, configuredEmbedder } from '~/modules/knowledge/embedder.server'
import { searchPassages } from '~/modules/knowledge/retrieval.server'
import { serverNow } from '~/utils/clock.server'
import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { NotFound } from '~/utils/errors.server'
import { log } from '~/utils/log.server'
import { ulid } from '~/utils/ulid.server'
import { type Citation, MAX_QUOTES, type TutorAnswer, composeAnswer } from './tutor-answer'
import type { AskInputValue } from './tutor-input'

/**
 * The tutor (docs/tutor.md). Each question first reserves one AI request against the learner's
 * plan (billing's `requireAiRequest`: a 429 past the allowance, nothing counted), then searches the
 * documents the learner may read (knowledge's hybrid retrieval), answers with the best passages
 * quoted and cited, and stores the exchange — the question, the search as a tool call, the answer
 * with its citations — in one batch; the call is recorded in AIUsage. Without a chat model this
 * retrieval-only answer is the whole answer.
 */
export const RETRIEVAL_MODEL = 'local:retrieval'
const TITLE_CHARS = 80

export interface Asked {
  sessionId: string
  answer: TutorAnswer
}

export async function askTutor(
  user: { id: string; activeTeamId: string | null },
  input: AskInputValue,
  now = serverNow(),
): Promise<Asked> {
  const existing = input.sessionId ? await ownSession(user.id, input.sessionId) : null
  const reservation = await requireAiRequest(user.id, now)
  const passages = await searchPassages(user.id, await queryOf(input.question), { limit: MAX_QUOTES })
  const answer = composeAnswer(input.question, passages)
  const sessionId = existing?.id ?? ulid()
  const at = toDbTimestamp(now)
  const later = toDbTimestamp(new Date(now.getTime() + 1)) // the answer sorts after the question
  const statements: InStatement[] = [
    existing
      ? { sql: `UPDATE "TutorSession" SET "lastActivity" = ? WHERE "id" = ?`, args: [at, sessionId] }
      : {
          sql: `INSERT INTO "TutorSession" ("id", "userId", "teamId", "mode", "title", "startedAt", "lastActivity", "createdAt")
                VALUES (?, ?, ?, 'text', ?, ?, ?, ?)`,
          args: [sessionId, user.id, user.activeTeamId, input.question.slice(0, TITLE_CHARS), at, at, at],
        },
    {
      sql: `INSERT INTO "TutorMessage" ("id", "sessionId", "role", "content", "createdAt") VALUES (?, ?, 'user', ?, ?)`,
      args: [ulid(), sessionId, input.question, at],
    },
    {
      sql: `INSERT INTO "TutorMessage" ("id", "sessionId", "role", "content", "toolCalls", "citations", "createdAt") VALUES (?, ?, 'assistant', ?, ?, ?, ?)`,
      args: [
        ulid(),
        sessionId,
        answer.content,
        JSON.stringify([
          {
            id: ulid(),
            name: 'search_documents',
            arguments: { query: input.question },
            result: { chunkIds: passages.map((p) => p.chunkId) },
          },
        ]),
        JSON.stringify(answer.citations),
        later,
      ],
    },
  ]
  await writeBatch(statements)
  await recordAiUsage({
    userId: user.id,
    type: 'tutor',
    model: RETRIEVAL_MODEL,
    prompt: input.question,
    response: answer.content,
    tokens: 0,
    costInCents: 0,
    success: true,
    tutorSessionId: sessionId,
    usageMonth: reservation.usageMonth,
    now,
  })
  return { sessionId, answer }
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

async function ownSession(userId: string, sessionId: string) {
  const session = await prisma.tutorSession.findFirst({ where: { id: sessionId, userId }, select: { id: true } })
  if (!session) throw new NotFound('There is no such conversation.')
  return session
}

export interface TutorMessageView {
  id: string
  role: 'user' | 'assistant'
  content: string
  citations: Citation[]
  createdAt: string
}

/** The learner's conversations, latest first. */
export async function tutorSessions(userId: string) {
  const rows = await prisma.tutorSession.findMany({
    where: { userId },
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
    where: { id: sessionId, userId },
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
