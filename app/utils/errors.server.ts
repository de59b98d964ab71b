import { data } from '@remix-run/node'
import { isConnectivityError, isOutcomeUnknown } from './db/errors.server'

/**
 * Typed domain errors, and the one place that turns them into HTTP answers.
 * Routes wrap their work in `withHttpErrors`; an error it does not know stays a
 * 500, which the error boundary shows without a stack trace.
 */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
    this.name = new.target.name
  }
}
export class NotFound extends DomainError {
  constructor(message = 'Not found') {
    super(message, 404)
  }
}
export class Forbidden extends DomainError {
  constructor(message = 'You do not have access to this') {
    super(message, 403)
  }
}
export class Conflict extends DomainError {
  constructor(message: string) {
    super(message, 409)
  }
}
export class QuotaExceeded extends DomainError {
  constructor(message: string) {
    super(message, 429)
  }
}
export class Unavailable extends DomainError {
  constructor(message = 'The database is unreachable right now, so nothing was saved. Please try again in a minute.') {
    super(message, 503)
  }
}

const OUTCOME_UNKNOWN =
  'The database did not answer in time, so we cannot tell whether your change was saved. Please check, then try again if needed.'

export interface ErrorBody {
  error: string
}

/** Maps an error to its HTTP answer, or undefined when it is a bug (500). */
export function httpErrorFor(error: unknown): { status: number; body: ErrorBody; headers?: HeadersInit } | undefined {
  if (error instanceof DomainError) return { status: error.status, body: { error: error.message } }
  if (isConnectivityError(error)) {
    const message = isOutcomeUnknown(error) ? OUTCOME_UNKNOWN : new Unavailable().message
    return { status: 503, body: { error: message }, headers: { 'Retry-After': '30' } }
  }
  return undefined
}

/** Runs a loader/action body; known errors become thrown responses the error boundary renders. */
export async function withHttpErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    const mapped = httpErrorFor(error)
    if (!mapped) throw error
    throw data(mapped.body, { status: mapped.status, headers: mapped.headers })
  }
}

/** Throws a `data` response (rendered by the nearest error boundary) unless the condition holds. */
export function invariantResponse(condition: unknown, message: string, init: { status: number } = { status: 400 }): asserts condition {
  if (!condition) throw data({ error: message }, init)
}
