import { describe, expect, it } from 'vitest'
import { learnerWithDocument } from '~/modules/tutor/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { args, request } from '#tests/support/accounts'
import { action, loader } from './api.tutor.ask'

/** The events of a text/event-stream body, in order. */
function events(text: string) {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((block) => {
      const [event, data] = block.split('\n')
      return {
        event: event!.replace('event: ', ''),
        data: JSON.parse(data!.replace('data: ', '')) as Record<string, unknown>,
      }
    })
}

const ask = (cookie: string | undefined, form: Record<string, string>) =>
  action(args(request('/api/tutor/ask', { cookie, form })))

describe('POST /api/tutor/ask', () => {
  it('streams the answer as server-sent events, then stores it and names the conversation', async () => {
    const { user, cookie } = await learnerWithDocument()
    const answer = await ask(cookie, { question: 'What are mitochondria?', mode: 'voice' })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    expect(answer.headers.get('cache-control')).toContain('no-transform')
    const received = events(await answer.text())
    expect(received.map((e) => e.event)).toEqual(['delta', 'done'])
    const done = received[1]!.data
    expect(done).toMatchObject({ found: true, modelFailed: false })
    expect(done.url).toBe(`/tutor/${String(done.sessionId)}#latest`)
    const stored = await prisma.tutorMessage.findFirstOrThrow({
      where: { sessionId: String(done.sessionId), role: 'assistant' },
      select: { content: true },
    })
    expect(stored.content).toBe(received[0]!.data.text)
    expect(stored.content).toContain('Mitochondria are the powerhouse of the cell. [1]')
    const session = await prisma.tutorSession.findUniqueOrThrow({
      where: { id: String(done.sessionId) },
      select: { userId: true, mode: true },
    })
    expect(session).toEqual({ userId: user.id, mode: 'voice' })
  })

  it('refuses before streaming: 401 signed out, 400 naming the question, 429 past the allowance, 404 another’s conversation', async () => {
    const { user, cookie } = await learnerWithDocument()
    expect((await ask(undefined, { question: 'What are mitochondria?' })).status).toBe(401)

    const empty = await ask(cookie, { question: ' ' })
    expect(empty.status).toBe(400)
    expect(((await empty.json()) as { fieldErrors: object }).fieldErrors).toHaveProperty('question')

    const other = await learnerWithDocument()
    const theirs = events(await (await ask(other.cookie, { question: 'What are mitochondria?' })).text())
    const foreign = await ask(cookie, { question: 'And theirs?', sessionId: String(theirs[1]!.data.sessionId) })
    expect(foreign.status).toBe(404)

    // nothing was counted for the refused question above: the month starts at the allowance
    await prisma.aIUsageMonthly.create({
      data: { userId: user.id, usageMonth: new Date().toISOString().slice(0, 7), requests: 25 },
    })
    const over = await ask(cookie, { question: 'What are mitochondria?' })
    expect(over.status).toBe(429)
    expect(((await over.json()) as { error: string }).error).toContain('Monthly AI limit reached')
    expect(await prisma.tutorSession.count({ where: { userId: user.id } })).toBe(0)
  })

  it('answers a GET with 405', async () => {
    const { cookie } = await learnerWithDocument()
    expect((await loader(args(request('/api/tutor/ask', { cookie })))).status).toBe(405)
  })
})
