import { data } from '@remix-run/node'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { cookieFor, createUser, request } from '#tests/support/accounts'
import { MAX_API_BODY_BYTES, bodyValues, formValues, parseValues, requireApiUser } from './api.server'
import { api } from './http.server'
import { Conflict, NotFound } from './errors.server'
import { setLogSink } from './log.server'

afterEach(() => setLogSink(null))

/** What api() answers when the handler throws or returns this. */
async function answerOf(run: () => Promise<Response>) {
  const response = await api(run)(undefined)
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  }
}

const post = (body: BodyInit, contentType: string) =>
  new Request('http://127.0.0.1:3000/api/x', { method: 'POST', headers: { 'content-type': contentType }, body })

describe('requireApiUser', () => {
  it('answers 401 JSON (not a redirect) without a valid session, and returns the user with one', async () => {
    const refused = await answerOf(async () => {
      await requireApiUser(request('/api/x'))
      return Response.json({})
    })
    expect(refused).toMatchObject({ status: 401, body: { error: expect.stringContaining('Sign in') } })
    expect(refused.headers.get('location')).toBeNull()
    expect(refused.headers.get('cache-control')).toBe('no-store')

    const user = await createUser()
    expect((await requireApiUser(request('/api/x', { cookie: await cookieFor(user.id) }))).id).toBe(user.id)
  })
})

describe('parseValues', () => {
  const Schema = z.object({
    topicSlug: z.string().min(1, 'Give a topic slug'),
    limit: z.coerce.number().int('Use a whole number').optional(),
  })

  it('returns the parsed values', () => {
    expect(parseValues({ topicSlug: 'fractions', limit: '3' }, Schema)).toEqual({ topicSlug: 'fractions', limit: 3 })
  })

  it('throws 400 naming every field at fault, in the message and in fieldErrors', async () => {
    const answer = await answerOf(async () => Response.json(parseValues({ limit: '1.5' }, Schema)))
    expect(answer.status).toBe(400)
    expect(Object.keys(answer.body.fieldErrors as object).sort()).toEqual(['limit', 'topicSlug'])
    expect(answer.body.error).toContain('topicSlug:')
    expect(answer.body.error).toContain('limit: Use a whole number')
  })
})

describe('bodyValues', () => {
  it('reads a JSON object', async () => {
    expect(
      await bodyValues(post(JSON.stringify({ answer: [0, 2], hintUsed: true }), 'application/json; charset=utf-8')),
    ).toEqual({ answer: [0, 2], hintUsed: true })
  })

  it.each([
    ['malformed JSON', '{"answer": ', 400],
    ['a JSON array', '[1, 2]', 400],
    ['JSON null', 'null', 400],
    ['a body over the limit', JSON.stringify({ answer: 'x'.repeat(MAX_API_BODY_BYTES) }), 413],
  ] as const)('refuses %s', async (_what, body, status) => {
    expect((await answerOf(async () => Response.json(await bodyValues(post(body, 'application/json'))))).status).toBe(
      status,
    )
  })

  it('reads a form, joining the repeated values of the keys named multi', async () => {
    const form = new URLSearchParams([
      ['answer', '0'],
      ['answer', '2'],
      ['taskId', 'a'],
      ['taskId', 'b'],
    ])
    expect(await bodyValues(post(form, 'application/x-www-form-urlencoded'), { multi: ['answer'] })).toEqual({
      answer: '0,2',
      taskId: 'b',
    })
    const multipart = new FormData()
    multipart.set('answer', '1')
    expect(formValues(multipart)).toEqual({ answer: '1' })
  })
})

describe('api()', () => {
  it('answers a domain error with its status as JSON', async () => {
    expect(await answerOf(async () => Promise.reject(new NotFound('There is no such task.')))).toMatchObject({
      status: 404,
      body: { error: 'There is no such task.' },
    })
    expect(await answerOf(async () => Promise.reject(new Conflict('Used before.')))).toMatchObject({
      status: 409,
      body: { error: 'Used before.' },
    })
    expect(await answerOf(async () => Promise.reject(data({ error: 'Nope' }, { status: 403 })))).toMatchObject({
      status: 403,
      body: { error: 'Nope' },
    })
  })

  it('answers a bug with a plain 500: no message, no stack trace; the log names the error', async () => {
    const lines: string[] = []
    setLogSink((_level, line) => lines.push(line))
    const answer = await answerOf(async () => Promise.reject(new TypeError('secret internals at /app/x.ts:12')))
    expect(answer.status).toBe(500)
    expect(JSON.stringify(answer.body)).not.toMatch(/secret|internals|x\.ts|at /)
    expect(lines.join('\n')).toContain('TypeError: secret internals')
  })
})
