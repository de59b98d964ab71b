import { describe, expect, it } from 'vitest'
import { DatabaseUnavailableError } from './db/errors.server'
import { Conflict, Forbidden, httpErrorFor, NotFound, QuotaExceeded, Unavailable, withHttpErrors } from './errors.server'

describe('httpErrorFor: domain errors become HTTP answers', () => {
  it.each([
    [new NotFound('No such topic'), 404, 'No such topic'],
    [new Forbidden(), 403, 'You do not have access to this'],
    [new Conflict('Already a member'), 409, 'Already a member'],
    [new QuotaExceeded('Monthly limit reached'), 429, 'Monthly limit reached'],
    [new Unavailable(), 503, 'nothing was saved'],
  ])('%s → %i', (error, status, text) => {
    const mapped = httpErrorFor(error)
    expect(mapped?.status).toBe(status)
    expect(mapped?.body.error).toContain(text)
  })

  it('answers 503 for an unreachable database, wrapped or not, saying nothing was saved', () => {
    const refused = new Error('Invalid `prisma.feedback.create()` invocation', { cause: new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:8080') }) })
    expect(httpErrorFor(refused)).toMatchObject({ status: 503, headers: { 'Retry-After': '30' } })
    expect(httpErrorFor(refused)?.body.error).toContain('nothing was saved')
  })

  it('says the outcome is unknown when the database did not answer in time', () => {
    const timedOut = new DatabaseUnavailableError('the primary did not answer within 10000 ms', { outcomeUnknown: true })
    expect(httpErrorFor(timedOut)?.body.error).toContain('cannot tell whether your change was saved')
    expect(httpErrorFor(new Error(`Prisma: ${timedOut.message}`))?.body.error).toContain('cannot tell')
  })

  it('leaves bugs alone (they become a 500 page without details)', () => {
    expect(httpErrorFor(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeUndefined()
  })

  it('withHttpErrors throws a response for known errors and rethrows the rest', async () => {
    await expect(withHttpErrors(() => Promise.reject(new NotFound()))).rejects.toMatchObject({ data: { error: 'Not found' }, init: { status: 404 } })
    const bug = new RangeError('bug')
    await expect(withHttpErrors(() => Promise.reject(bug))).rejects.toBe(bug)
    await expect(withHttpErrors(async () => 42)).resolves.toBe(42)
  })
})
