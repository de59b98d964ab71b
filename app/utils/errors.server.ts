/**
 * Typed domain errors. Modules throw them; the answer layer (`app/utils/http.server.ts`)
 * is the one place that turns them into HTTP answers. `field` names the form field a
 * refusal is about (shown beside it), `retryAfterSeconds` becomes `Retry-After`.
 */
export class DomainError extends Error {
  readonly retryAfterSeconds?: number
  /** extra fields of the JSON answer (an API's `{ error, ...details }`) */
  readonly details?: Record<string, unknown>

  constructor(
    message: string,
    readonly status: number,
    readonly field?: string,
  ) {
    super(message)
    this.name = new.target.name
  }
}
/** The input was understood but is not acceptable (400). */
export class Invalid extends DomainError {
  constructor(message: string, field?: string) {
    super(message, 400, field)
  }
}
export class NotFound extends DomainError {
  constructor(message = 'Not found') {
    super(message, 404)
  }
}
export class Forbidden extends DomainError {
  constructor(message = 'You do not have access to this', field?: string) {
    super(message, 403, field)
  }
}
export class Conflict extends DomainError {
  constructor(message: string, field?: string) {
    super(message, 409, field)
  }
}
/** A used-up allowance of a plan (the AI requests of a month): no retry helps before it renews. */
export class QuotaExceeded extends DomainError {
  constructor(
    message: string,
    override readonly details?: Record<string, unknown>,
  ) {
    super(message, 429)
  }
}
/** Too many attempts in a short time: the same request works again after `retryAfterSeconds`. */
export class RateLimited extends DomainError {
  override readonly retryAfterSeconds: number

  constructor(message: string, retryAfterSeconds: number, field?: string) {
    super(message, 429, field)
    this.retryAfterSeconds = retryAfterSeconds
  }
}
export class Unavailable extends DomainError {
  override readonly retryAfterSeconds = 30

  constructor(message = 'The database is unreachable right now, so nothing was saved. Please try again in a minute.') {
    super(message, 503)
  }
}
