import { beforeEach, describe, expect, it } from 'vitest'
import { reviewQueue } from '~/modules/learning/reviews.server'
import { prisma } from '~/utils/db.server'
import { QuotaExceeded } from '~/utils/errors.server'
import { createUser } from '#tests/support/accounts'
import { RETRIEVAL_ONLY_MODEL } from './ai-config'
import { saveModelConfig } from './ai-config.server'
import { documentWithPassages } from './testing/fixtures'
import { type Scripted as LoopbackScripted, reply, loopbackChat } from './testing/loopback-chat'
import { NOTHING_FOUND } from './tutor-answer'
import { HISTORY_CHARS, HISTORY_TURNS, MAX_TOOL_ROUNDS } from './tutor-prompt'
import { MODEL_FAILED, askTutor, tutorSession } from './tutor.server'

/**
 * The model-backed tutor against a loopback OpenAI-compatible /v1/chat/completions server. Each
 * test queues the answers the "model" gives, in order; every request body is kept.
 */
type Body = {
  model: string
  stream: boolean
  temperature?: number
  tools?: { function: { name: string } }[]
  messages: { role: string; content: string | null; tool_call_id?: string }[]
}
type Scripted = LoopbackScripted<Body>

const NOW = new Date('2026-12-07T10:00:00Z')
let script: Scripted[] = []
let requests: Body[] = []
const chat = loopbackChat<Body>({ next: () => script.shift(), record: (body) => requests.push(body) })

const says = (content: string, usage?: { prompt_tokens: number; completion_tokens: number }) =>
  reply<Body>({ role: 'assistant', content }, usage)
const streams =
  (chunks: object[]): Scripted =>
  (_, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' })
    for (const chunk of chunks) response.write(`data: ${JSON.stringify(chunk)}\n\n`)
    response.end('data: [DONE]\n\n')
  }
const delta = (d: object) => ({ choices: [{ index: 0, delta: d }] })

beforeEach(() => {
  script = []
  requests = []
})

async function learnerWithHandbook() {
  const user = await createUser()
  const team = await prisma.team.create({ data: { name: 'Fraction team' }, select: { id: true } })
  await prisma.teamMember.create({ data: { teamId: team.id, userId: user.id, role: 'member' } })
  const { documentId, chunkIds } = await documentWithPassages(
    team.id,
    { title: 'Fractions handbook', source: 'https://example.com/fractions' },
    [
      'To add fractions with different denominators, first find a common denominator.',
      'Percentages are fractions of a hundred.',
    ].map((content, index) => ({ heading: `Part ${index + 1}`, content })),
  )
  return {
    user: { id: user.id, activeTeamId: team.id },
    teamId: team.id,
    documentId,
    chunkIds,
  }
}

const usageOf = (userId: string) =>
  prisma.aIUsage.findMany({
    where: { userId },
    select: { model: true, tokensUsed: true, costInCents: true, success: true, errorMessage: true },
  })

const storedAnswer = async (sessionId: string) =>
  prisma.tutorMessage.findFirstOrThrow({
    where: { sessionId, role: 'assistant' },
    select: { content: true, citations: true, toolCalls: true },
  })

describe('the model-backed tutor', () => {
  it('grounds the model on the numbered passages and stores its cited answer, tokens and cost', async () => {
    const { user, teamId, documentId, chunkIds } = await learnerWithHandbook()
    // the team's AIModelConfig names the model; its price comes from the built-in table
    await prisma.aIModelConfig.create({
      data: {
        scope: 'team',
        scopeId: teamId,
        tutoringModel: 'gpt-4o',
        tutoringTemp: 0.2,
        contentGenerationModel: 'x',
        narrativePlanningModel: 'x',
        metadataModel: 'x',
        embeddingModel: 'x',
      },
    })
    script = [
      says('Find a common denominator first, then add the numerators [1].', {
        prompt_tokens: 100_000,
        completion_tokens: 10_000,
      }),
    ]
    const asked = await askTutor(user, { question: 'How do I add fractions with different denominators?' }, NOW, {
      chat,
    })
    expect(requests).toHaveLength(1)
    const sent = requests[0]!
    expect(sent).toMatchObject({ model: 'gpt-4o', temperature: 0.2, stream: false })
    expect(sent.messages[0]!.role).toBe('system')
    expect(sent.messages[0]!.content).toContain(
      '[1] Fractions handbook — Part 1\nTo add fractions with different denominators, first find a common denominator.',
    )
    expect(sent.messages[1]).toEqual({ role: 'user', content: 'How do I add fractions with different denominators?' })
    expect(sent.tools!.map((t) => t.function.name)).toEqual(['search_documents', 'show_mastery', 'create_review_card'])

    expect(asked.modelFailed).toBe(false)
    expect(asked.answer.content).toBe('Find a common denominator first, then add the numerators [1].')
    const stored = await storedAnswer(asked.sessionId)
    expect(stored.content).toBe(asked.answer.content)
    expect(stored.citations).toEqual([
      {
        n: 1,
        chunkId: chunkIds[0],
        documentId,
        title: 'Fractions handbook',
        where: 'Part 1',
        href: 'https://example.com/fractions',
        score: expect.any(Number),
      },
    ])
    // 100k prompt tokens at 250 ¢/M + 10k completion tokens at 1000 ¢/M = 35 ¢
    expect(await usageOf(user.id)).toEqual([
      { model: 'gpt-4o', tokensUsed: 110_000, costInCents: 35, success: true, errorMessage: null },
    ])
    const month = await prisma.aIUsageMonthly.findFirstOrThrow({
      where: { userId: user.id },
      select: { requests: true, tokens: true, costInCents: true },
    })
    expect(month).toEqual({ requests: 1, tokens: 110_000, costInCents: 35 })
  })

  it('runs a tool round-trip: search_documents and show_mastery, then an answer citing the new passage', async () => {
    const { user, chunkIds } = await learnerWithHandbook()
    await prisma.conceptMastery.create({
      data: { userId: user.id, concept: 'fractions.percent', mastery: 42, level: 'familiar' },
    })
    script = [
      // streamed, with the tool calls' arguments split across chunks as real APIs send them
      streams([
        delta({
          tool_calls: [
            { index: 0, id: 'call_1', type: 'function', function: { name: 'search_documents', arguments: '{"que' } },
          ],
        }),
        delta({ tool_calls: [{ index: 0, function: { arguments: 'ry":"percentages hundred"}' } }] }),
        delta({
          tool_calls: [
            { index: 1, id: 'call_2', type: 'function', function: { name: 'show_mastery', arguments: '{}' } },
          ],
        }),
        { choices: [], usage: { prompt_tokens: 300, completion_tokens: 30 } },
      ]),
      (body, response) => {
        const tools = body.messages.filter((m) => m.role === 'tool')
        expect(tools.map((m) => m.tool_call_id)).toEqual(['call_1', 'call_2'])
        expect(tools[0]!.content).toContain('Percentages are fractions of a hundred.')
        expect(tools[1]!.content).toContain('"mastery":42')
        streams([
          delta({ content: 'Percentages are fractions ' }),
          delta({ content: 'of a hundred [2].' }),
          { choices: [], usage: { prompt_tokens: 500, completion_tokens: 40 } },
        ])(body, response)
      },
    ]
    const pieces: string[] = []
    const asked = await askTutor(user, { question: 'How do I add fractions?' }, NOW, {
      chat,
      onDelta: (text) => pieces.push(text),
    })
    expect(requests).toHaveLength(2)
    expect(requests.every((r) => r.stream)).toBe(true)
    expect(pieces).toEqual(['Percentages are fractions ', 'of a hundred [2].'])
    const stored = await storedAnswer(asked.sessionId)
    expect(stored.content).toBe(pieces.join(''))
    expect(stored.citations).toEqual([expect.objectContaining({ n: 2, chunkId: chunkIds[1] })])
    const calls = stored.toolCalls as { name: string; arguments: unknown; result: Record<string, unknown> }[]
    expect(calls.map((c) => c.name)).toEqual(['search_documents', 'search_documents', 'show_mastery'])
    expect(calls[1]!.arguments).toEqual({ query: 'percentages hundred' })
    expect(calls[1]!.result.passages).toEqual(
      expect.arrayContaining([expect.objectContaining({ n: 2, chunkId: chunkIds[1] })]),
    )
    expect(calls[2]!.result).toEqual({ concepts: [{ concept: 'fractions.percent', mastery: 42, level: 'familiar' }] })
    expect(await usageOf(user.id)).toEqual([
      expect.objectContaining({ model: 'gpt-4o-mini', tokensUsed: 870, costInCents: 1, success: true }),
    ])
  })

  it('makes a review card with create_review_card: due now in the learner’s queue, its passage cited as source', async () => {
    const { user, documentId, chunkIds } = await learnerWithHandbook()
    const card = {
      chunkId: chunkIds[0],
      question: 'What do you find first to add fractions with different denominators?',
      answers: ['a common denominator', 'the common denominator'],
    }
    script = [
      reply({
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'card_1', type: 'function', function: { name: 'create_review_card', arguments: JSON.stringify(card) } },
          {
            id: 'card_2',
            type: 'function',
            function: {
              name: 'create_review_card',
              arguments: JSON.stringify({ ...card, chunkId: 'not-a-passage-of-this-answer' }),
            },
          },
          {
            id: 'card_3',
            type: 'function',
            function: { name: 'create_review_card', arguments: JSON.stringify({ ...card, answers: [] }) },
          },
        ],
      }),
      (body, response) => {
        expect(body.messages[0]!.content).toContain(`[1] ${chunkIds[0]}`)
        says('Find a common denominator first. I made you a review card.')(body, response)
      },
    ]
    const asked = await askTutor(user, { question: 'How do I add fractions with different denominators?' }, NOW, {
      chat,
    })
    const answer = await prisma.tutorMessage.findFirstOrThrow({
      where: { sessionId: asked.sessionId, role: 'assistant' },
      select: { id: true, citations: true, toolCalls: true },
    })
    const calls = answer.toolCalls as { name: string; arguments: unknown; result: Record<string, unknown> }[]
    expect(calls.filter((c) => c.name === 'create_review_card').map((c) => c.result)).toEqual([
      expect.objectContaining({ saved: true, n: 1 }),
      { error: expect.stringContaining('numbered passages') },
      { error: expect.stringContaining('create_review_card needs') },
    ])
    expect(calls[1]!.arguments).toEqual(card)
    expect(answer.citations).toEqual(expect.arrayContaining([expect.objectContaining({ n: 1, chunkId: chunkIds[0] })]))

    const queue = await reviewQueue(user.id, { now: NOW })
    expect(queue.reviews.map((r) => r.prompt)).toEqual([card.question])
    const task = await prisma.task.findUniqueOrThrow({
      where: { id: queue.reviews[0]!.taskId },
      select: { ownerId: true, answer: true, source: true },
    })
    expect(task).toEqual({
      ownerId: user.id,
      answer: card.answers,
      source: expect.objectContaining({
        chunkId: chunkIds[0],
        documentId,
        title: 'Fractions handbook',
        href: 'https://example.com/fractions',
        tutorMessageId: answer.id,
      }),
    })
  })

  it('bounds the tool loop: after the last round the model is asked without tools and must answer', async () => {
    const { user } = await learnerWithHandbook()
    const again = reply({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'c', type: 'function', function: { name: 'no_such_tool', arguments: '{}' } }],
    })
    script = [...Array.from({ length: MAX_TOOL_ROUNDS }, () => again), says('Common denominators [1].')]
    const asked = await askTutor(user, { question: 'How do I add fractions?' }, NOW, { chat })
    expect(requests).toHaveLength(MAX_TOOL_ROUNDS + 1)
    expect(requests.slice(0, -1).every((r) => r.tools?.length === 3)).toBe(true)
    expect(requests.at(-1)!.tools).toBeUndefined()
    expect(asked.answer.content).toBe('Common denominators [1].')
    const calls = (await storedAnswer(asked.sessionId)).toolCalls as { result: unknown }[]
    expect(calls.slice(1).map((c) => c.result)).toEqual(
      Array.from({ length: MAX_TOOL_ROUNDS }, () => ({ error: 'There is no tool named no_such_tool.' })),
    )
  })

  it('a model 500 gives the learner a clear message with the matching passages, and marks the usage row as an error', async () => {
    const { user } = await learnerWithHandbook()
    script = [] // the server answers 500
    const asked = await askTutor(user, { question: 'How do I add fractions with different denominators?' }, NOW, {
      chat,
    })
    expect(requests).toHaveLength(1)
    expect(asked.modelFailed).toBe(true)
    expect(asked.answer.content.startsWith(MODEL_FAILED)).toBe(true)
    expect(asked.answer.content).toContain('> To add fractions with different denominators')
    expect(asked.answer.citations[0]).toMatchObject({ n: 1, title: 'Fractions handbook' })
    expect((await tutorSession(user.id, asked.sessionId)).messages.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(await usageOf(user.id)).toEqual([
      {
        model: 'gpt-4o-mini',
        tokensUsed: 0,
        costInCents: 0,
        success: false,
        errorMessage: expect.stringContaining('the chat model answered 500'),
      },
    ])
  })

  it('keeps a learner whose stored tutoring model is local:retrieval on the retrieval-only tutor', async () => {
    const { user } = await learnerWithHandbook()
    await saveModelConfig('learner', user.id, {
      tutoringModel: RETRIEVAL_ONLY_MODEL,
      tutoringTemp: 0.3,
      contentGenerationModel: 'x',
      contentGenerationTemp: 0.7,
      narrativePlanningModel: 'x',
      narrativePlanningTemp: 0.7,
      metadataModel: 'x',
    })
    script = [says('An answer the model should not give [1].')]
    const asked = await askTutor(user, { question: 'How do I add fractions with different denominators?' }, NOW, {
      chat,
    })
    expect(requests).toHaveLength(0)
    expect(asked.answer.content).toContain('> To add fractions with different denominators')
    expect(await usageOf(user.id)).toEqual([
      { model: RETRIEVAL_ONLY_MODEL, tokensUsed: 0, costInCents: 0, success: true, errorMessage: null },
    ])
  })

  it('says it found nothing, without calling the model, when no passage is relevant', async () => {
    const { user } = await learnerWithHandbook()
    script = [says('An invented answer.')]
    const asked = await askTutor(user, { question: 'Who painted the Mona Lisa?' }, NOW, { chat })
    expect(requests).toHaveLength(0)
    expect(asked.answer).toEqual({ content: NOTHING_FOUND, citations: [], found: false })
  })

  it('admits exactly the plan’s allowance under 40 concurrent questions on the model path', async () => {
    const { user } = await learnerWithHandbook()
    script = Array.from({ length: 40 }, () => says('A common denominator [1].'))
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        askTutor(user, { question: `How do I add fractions? (${i})` }, NOW, { chat }),
      ),
    )
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(25)
    expect(refused.every((r) => r.reason instanceof QuotaExceeded && r.reason.status === 429)).toBe(true)
    expect(requests).toHaveLength(25) // the model is asked only for admitted questions
    expect(await prisma.aIUsage.count({ where: { userId: user.id, success: true } })).toBe(25)
    const month = await prisma.aIUsageMonthly.findFirstOrThrow({
      where: { userId: user.id },
      select: { requests: true },
    })
    expect(month.requests).toBe(25)
  })

  it('records a voice question’s mode on the session', async () => {
    const { user } = await learnerWithHandbook()
    script = [says('A common denominator [1].'), says('Still a common denominator [1].')]
    const first = await askTutor(user, { question: 'How do I add fractions?' }, NOW, { chat })
    const mode = () => prisma.tutorSession.findUniqueOrThrow({ where: { id: first.sessionId }, select: { mode: true } })
    expect(await mode()).toEqual({ mode: 'text' })
    await askTutor(user, { question: 'And add fractions again?', sessionId: first.sessionId, mode: 'voice' }, NOW, {
      chat,
    })
    expect(await mode()).toEqual({ mode: 'voice' })
  })

  it('sends the earlier turns of the conversation before the new question, with this question’s passages', async () => {
    const { user } = await learnerWithHandbook()
    script = [says('Find a common denominator first [1].'), says('Then add the numerators [1].')]
    const first = await askTutor(user, { question: 'How do I add fractions?' }, NOW, { chat })
    await askTutor(user, { question: 'And then what?', sessionId: first.sessionId }, new Date(NOW.getTime() + 60_000), {
      chat,
    })
    // "And then what?" finds nothing by itself: searched with the question before it, it reaches the model
    expect(requests).toHaveLength(2)
    const [, followUp] = await prisma.tutorMessage.findMany({
      where: { sessionId: first.sessionId, role: 'assistant' },
      orderBy: { createdAt: 'asc' },
      select: { toolCalls: true },
    })
    expect((followUp!.toolCalls as { name: string; arguments: unknown }[])[0]).toMatchObject({
      name: 'search_documents',
      arguments: { query: 'How do I add fractions? And then what?' },
    })
    expect(requests[0]!.messages.map((m) => m.role)).toEqual(['system', 'user'])
    const second = requests[1]!.messages
    expect(second.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user'])
    expect(second[0]!.content).toContain('[1] Fractions handbook')
    // the old answer's [1] pointed at that question's passages, so it is sent without it
    expect(second.slice(1)).toEqual([
      { role: 'user', content: 'How do I add fractions?' },
      { role: 'assistant', content: 'Find a common denominator first.' },
      { role: 'user', content: 'And then what?' },
    ])
  })

  it('cuts a long conversation to the budget, dropping the oldest turns first', async () => {
    const { user } = await learnerWithHandbook()
    const turns = HISTORY_TURNS + 3
    script = Array.from({ length: turns + 1 }, (_, i) => says(`Answer ${i} about fractions [1].`))
    let sessionId: string | undefined
    for (let i = 0; i <= turns; i++) {
      const asked = await askTutor(
        user,
        { question: `Fractions question ${i}?`, ...(sessionId ? { sessionId } : {}) },
        new Date(NOW.getTime() + i * 60_000),
        { chat },
      )
      sessionId = asked.sessionId
    }
    const last = requests.at(-1)!.messages
    expect(last).toHaveLength(1 + HISTORY_TURNS * 2 + 1)
    const questions = last.filter((m) => m.role === 'user').map((m) => m.content)
    expect(questions).toEqual(
      Array.from({ length: HISTORY_TURNS + 1 }, (_, k) => `Fractions question ${turns - HISTORY_TURNS + k}?`),
    )
  })

  it('keeps the character budget: a very long earlier turn is dropped, the newer ones stay', async () => {
    const { user } = await learnerWithHandbook()
    script = [says(`Fractions ${'long '.repeat(HISTORY_CHARS / 5)}[1]`), says('Short [1].'), says('Again [1].')]
    const first = await askTutor(user, { question: 'Tell me everything about fractions?' }, NOW, { chat })
    await askTutor(user, { question: 'Short fractions?', sessionId: first.sessionId }, new Date(NOW.getTime() + 1000), {
      chat,
    })
    await askTutor(user, { question: 'Add fractions?', sessionId: first.sessionId }, new Date(NOW.getTime() + 2000), {
      chat,
    })
    expect(requests[2]!.messages.slice(1)).toEqual([
      { role: 'user', content: 'Short fractions?' },
      { role: 'assistant', content: 'Short.' },
      { role: 'user', content: 'Add fractions?' },
    ])
  })
})
