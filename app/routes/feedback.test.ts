import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { action } from './feedback'
import { loader as receiptLoader } from './feedback_.$id'

function post(fields: Record<string, string>) {
  return new Request('http://127.0.0.1/feedback', { method: 'POST', body: new URLSearchParams(fields) })
}

async function dataOf(result: unknown) {
  // Single fetch: `data()` returns { data, init }, a redirect is a Response.
  return result as {
    data: { ok: false; fieldErrors: Record<string, string[]>; values: Record<string, string> }
    init: { status: number }
  }
}

describe('feedback form', () => {
  it('stores valid feedback and redirects to its receipt', async () => {
    const response = (await action({
      request: post({ kind: 'content', message: 'Task 3 has the wrong answer key.', email: 'Ana@Example.com' }),
      params: {},
      context: {},
    })) as Response
    expect(response.status).toBe(302)
    const id = /\/feedback\/(\w{26})$/.exec(response.headers.get('location') ?? '')?.[1]
    expect(id).toBeDefined()
    const stored = await prisma.feedback.findUniqueOrThrow({ where: { id: id! } })
    expect(stored).toMatchObject({
      kind: 'content',
      message: 'Task 3 has the wrong answer key.',
      email: 'ana@example.com',
    })

    const receipt = await receiptLoader({
      request: new Request(`http://127.0.0.1/feedback/${id}`),
      params: { id },
      context: {},
    })
    expect(receipt).toMatchObject({ id, kind: 'content', message: 'Task 3 has the wrong answer key.' })
  })

  it.each([
    ['no kind', { message: 'A perfectly fine message.' }, 'kind', 'Choose what your feedback is about'],
    [
      'an unknown kind',
      { kind: 'spam', message: 'A perfectly fine message.' },
      'kind',
      'Choose what your feedback is about',
    ],
    ['a short message', { kind: 'idea', message: 'short' }, 'message', 'Please write at least 10 characters'],
    ['a huge message', { kind: 'idea', message: 'x'.repeat(2001) }, 'message', 'Please keep it under 2000 characters'],
    [
      'a bad e-mail',
      { kind: 'idea', message: 'A perfectly fine message.', email: 'not-an-email' },
      'email',
      'Enter a valid e-mail address',
    ],
  ])('answers 400 naming the field for %s, and writes nothing', async (_name, fields, field, message) => {
    const before = await prisma.feedback.count()
    const result = await dataOf(await action({ request: post(fields), params: {}, context: {} }))
    expect(result.init.status).toBe(400)
    expect(result.data.fieldErrors[field]?.join(' ')).toContain(message)
    expect(result.data.values.message).toBe(fields.message)
    expect(await prisma.feedback.count()).toBe(before)
  })

  it('refuses a filled honeypot with 400 and stores nothing', async () => {
    const before = await prisma.feedback.count()
    const result = await dataOf(
      await action({
        request: post({ kind: 'idea', message: 'Buy cheap watches now!!!', website: 'http://spam.example' }),
        params: {},
        context: {},
      }),
    )
    expect(result.init.status).toBe(400)
    expect(await prisma.feedback.count()).toBe(before)
  })

  it('answers 404 for a malformed or unknown receipt id', async () => {
    for (const id of ['nope', '01ARZ3NDEKTSV4RRFFQ69G5FAV']) {
      const error = await receiptLoader({
        request: new Request(`http://127.0.0.1/feedback/${id}`),
        params: { id },
        context: {},
      }).catch((e: unknown) => e)
      expect(error).toMatchObject({ init: { status: 404 } })
    }
  })
})
