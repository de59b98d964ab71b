import { data, redirect } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { DatabaseUnavailableError } from './db/errors.server'
import {
  Conflict,
  DomainError,
  Forbidden,
  Invalid,
  NotFound,
  QuotaExceeded,
  RateLimited,
  Unavailable,
} from './errors.server'
import { parseForm } from './forms'
import {
  answerFor,
  answerLayerOf,
  api,
  page,
  redirectWithToast,
  refuseForm,
  takeToast,
  toastHeader,
} from './http.server'

const unreachable = () =>
  new Error('Invalid `prisma.feedback.create()` invocation', {
    cause: new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:8080') }),
  })

/** What a thrown or returned `data(...)` carries. */
const dataOf = (value: unknown) =>
  value as { data: Record<string, unknown>; init: { status: number; headers?: HeadersInit } }

describe('answerFor: outcomes become HTTP answers in one place', () => {
  it.each([
    [new NotFound('No such topic'), 404, 'No such topic'],
    [new Forbidden(), 403, 'You do not have access to this'],
    [new Conflict('Already a member'), 409, 'Already a member'],
    [new Invalid('Bad robot'), 400, 'Bad robot'],
    [new QuotaExceeded('Monthly limit reached'), 429, 'Monthly limit reached'],
    [new Unavailable(), 503, 'nothing was saved'],
  ])('%s → %i', (error, status, text) => {
    const answer = answerFor(error)
    expect(answer?.status).toBe(status)
    expect(answer?.body.error).toContain(text)
  })

  it('sets Retry-After for a rate limit and an unavailable database, and for nothing else', () => {
    expect(answerFor(new RateLimited('Too many attempts.', 42.3))?.headers.get('retry-after')).toBe('43')
    expect(answerFor(new Unavailable())?.headers.get('retry-after')).toBe('30')
    expect(answerFor(new Conflict('x'))?.headers.get('retry-after')).toBeNull()
    expect(answerFor(new QuotaExceeded('x'))?.headers.get('retry-after')).toBeNull()
  })

  it('puts the details of a domain error into the body beside its message', () => {
    expect(answerFor(new QuotaExceeded('Monthly limit reached', { limit: 20, used: 20 }))?.body).toEqual({
      error: 'Monthly limit reached',
      limit: 20,
      used: 20,
    })
  })

  it('answers 503 for an unreachable database, wrapped or not, saying nothing was saved', () => {
    const answer = answerFor(unreachable())
    expect(answer?.status).toBe(503)
    expect(answer?.headers.get('retry-after')).toBe('30')
    expect(answer?.body.error).toContain('nothing was saved')
  })

  it('says the outcome is unknown when the database did not answer in time', () => {
    const timedOut = new DatabaseUnavailableError('the primary did not answer within 10000 ms', {
      outcomeUnknown: true,
    })
    expect(answerFor(timedOut)?.body.error).toContain('cannot tell whether your change was saved')
    expect(answerFor(new Error(`Prisma: ${timedOut.message}`))?.body.error).toContain('cannot tell')
  })

  it('leaves bugs alone (they become a 500 page without details)', () => {
    expect(answerFor(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeUndefined()
  })
})

describe('page(): a page loader or action', () => {
  it('returns what the handler returns, and passes thrown responses through', async () => {
    expect(await page(async () => 42)(undefined)).toBe(42)
    const moved = redirect('/login')
    await expect(page(async () => Promise.reject(moved))(undefined)).rejects.toBe(moved)
    const answered = data({ error: 'Gone' }, { status: 410 })
    await expect(page(async () => Promise.reject(answered))(undefined)).rejects.toBe(answered)
  })

  it('throws a known error as the error boundary’s answer, with its headers', async () => {
    const thrown = await page(async () => Promise.reject(new RateLimited('Too many attempts.', 9)))(undefined).catch(
      (e: unknown) => e,
    )
    expect(dataOf(thrown).data).toEqual({ error: 'Too many attempts.' })
    expect(dataOf(thrown).init.status).toBe(429)
    expect(new Headers(dataOf(thrown).init.headers).get('retry-after')).toBe('9')
  })

  it('rethrows a bug unchanged', async () => {
    const bug = new RangeError('bug')
    await expect(page(async () => Promise.reject(bug))(undefined)).rejects.toBe(bug)
  })

  it('marks the handlers it wraps, so the route suite can find one that is not', () => {
    expect(answerLayerOf(page(async () => null))).toBe('page')
    expect(answerLayerOf(api(async () => new Response()))).toBe('api')
    expect(answerLayerOf(async () => null)).toBeUndefined()
  })
})

describe('api(): a JSON API loader or action', () => {
  it('answers a known error as JSON with its status, and a bug as a 500 without details', async () => {
    const limited = await api(async () => Promise.reject(new RateLimited('Slow down.', 5)))(undefined)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('5')
    expect(await limited.json()).toEqual({ error: 'Slow down.' })
    const bug = await api(async () => Promise.reject(new Error('secret internals at line 12')))(undefined)
    expect(bug.status).toBe(500)
    expect(await bug.text()).not.toContain('secret internals')
  })
})

describe('refuseForm', () => {
  const Schema = z.object({ email: z.email('Enter an e-mail address'), password: z.string().min(8, 'Too short') })
  const form = (values: Record<string, string>) => {
    const body = new FormData()
    for (const [key, value] of Object.entries(values)) body.set(key, value)
    return body
  }

  it('answers a form that did not parse with 400, its field errors, and what was typed — never a password', () => {
    const parsed = parseForm(form({ email: 'nope', password: 'short' }), Schema)
    const answer = dataOf(refuseForm(parsed, { intent: 'login' }))
    expect(answer.init.status).toBe(400)
    expect(answer.data).toMatchObject({
      ok: false,
      intent: 'login',
      fieldErrors: { email: ['Enter an e-mail address'], password: ['Too short'] },
      values: { email: 'nope' },
    })
    expect(answer.data.values).not.toHaveProperty('password')
  })

  it('shows a domain error beside its field, or in the summary when it has none', () => {
    expect(dataOf(refuseForm(new Conflict('Taken', 'username'))).data).toMatchObject({
      fieldErrors: { username: ['Taken'] },
      formErrors: [],
    })
    const general = dataOf(refuseForm(new DomainError('Not now', 409), { values: { name: 'Ana', newPassword: 'x' } }))
    expect(general.init.status).toBe(409)
    expect(general.data).toMatchObject({ fieldErrors: {}, formErrors: ['Not now'], values: { name: 'Ana' } })
    expect(general.data.values).not.toHaveProperty('newPassword')
  })

  it('keeps the Retry-After of a rate limit', () => {
    const answer = dataOf(refuseForm(new RateLimited('Too many attempts. Please try again in 30 seconds.', 30)))
    expect(answer.init.status).toBe(429)
    expect(new Headers(answer.init.headers).get('retry-after')).toBe('30')
  })

  it('rethrows what is not a refusal: an unreachable database as its 503 answer, a bug as it is', () => {
    const bug = new TypeError('bug')
    expect(() => refuseForm(bug)).toThrow(bug)
    let thrown: unknown
    try {
      refuseForm(unreachable())
    } catch (error) {
      thrown = error
    }
    expect(dataOf(thrown).init.status).toBe(503)
  })
})

describe('toasts', () => {
  const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? ''
  const requestWith = (cookie: string) => new Request('http://127.0.0.1:3000/', { headers: { cookie } })

  it('carries a notice across a redirect, once', async () => {
    const response = await redirectWithToast('/teams', 'You left the team.')
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/teams')
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly/i)
    const taken = await takeToast(requestWith(cookieOf(response)))
    expect(taken.toast).toEqual({ kind: 'success', message: 'You left the team.' })
    expect(taken.setCookie).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i)
    expect(await takeToast(requestWith(''))).toEqual({ toast: null, setCookie: null })
  })

  it('keeps the other headers of the redirect', async () => {
    const response = await redirectWithToast('/', 'Bye.', { headers: { 'Set-Cookie': 'questlog_session=; Max-Age=0' } })
    expect(response.headers.getSetCookie()).toHaveLength(2)
  })

  it('reads a forged or tampered cookie as no toast', async () => {
    const genuine = (await toastHeader('Saved.')).split(';')[0]!
    const [name, value] = genuine.split('=')
    const forged = `${name}=${Buffer.from(JSON.stringify({ kind: 'success', message: 'You won a prize' })).toString('base64')}`
    expect((await takeToast(requestWith(forged))).toast).toBeNull()
    expect((await takeToast(requestWith(`${name}=${value!.slice(0, -3)}abc`))).toast).toBeNull()
  })
})
