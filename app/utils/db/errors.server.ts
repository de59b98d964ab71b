import type { DatabaseConfig } from '../env.server'

/** Telling an unreachable database from a SQL error, and bounding waits on it. */

/**
 * The database could not be reached. `outcomeUnknown` is set when a request was
 * sent but not answered in time: a write may then have been applied or not.
 */
export class DatabaseUnavailableError extends Error {
  readonly outcomeUnknown: boolean
  constructor(message: string, options?: { cause?: unknown; outcomeUnknown?: boolean }) {
    super(message, options)
    this.name = 'DatabaseUnavailableError'
    this.outcomeUnknown = options?.outcomeUnknown ?? false
  }
}

const CONNECTIVITY_PATTERNS = [
  /fetch failed/i,
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|socket hang up/i,
  /error trying to connect|connection refused|connection reset/i,
  /WriteDelegation|PrimaryHandshakeTimeout|Timed out while opening database connection/i,
  /timed out|did not answer within/i,
]

/** True when the error, or any error in its `cause` chain, satisfies the test. */
export function anyCause(error: unknown, test: (e: unknown, message: string) => boolean): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth++) {
    const message = e instanceof Error ? `${e.message} ${(e as { code?: unknown }).code ?? ''}` : String(e)
    if (test(e, message)) return true
    e = e instanceof Error ? e.cause : undefined
  }
  return false
}

/** True for errors that mean "could not reach the database", as opposed to a SQL error. */
export function isConnectivityError(error: unknown): boolean {
  return anyCause(
    error,
    (e, message) => e instanceof DatabaseUnavailableError || CONNECTIVITY_PATTERNS.some((p) => p.test(message)),
  )
}

/** True when the primary refused our credentials: a configuration error, not an outage. */
export function isAuthError(error: unknown): boolean {
  return anyCause(error, (_e, message) =>
    /unauthori[sz]ed|\b401\b|invalid.*(token|jwt)|jwt|authentication/i.test(message),
  )
}

/** A request was sent but not answered in time: a write may or may not have been applied. */
export function isOutcomeUnknown(error: unknown): boolean {
  return anyCause(
    error,
    (e, message) =>
      (e instanceof DatabaseUnavailableError && e.outcomeUnknown) || /did not answer within/.test(message),
  )
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DatabaseUnavailableError(`${what} did not answer within ${ms} ms`, { outcomeUnknown: true })),
      ms,
    )
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * The primary is unreachable (not refusing our token) while we are not on a
 * local file: work that needs it is skipped, since the replica can still serve reads.
 */
export function isPrimaryOutage(mode: DatabaseConfig['mode'], error: unknown): boolean {
  return mode !== 'local' && isConnectivityError(error) && !isAuthError(error)
}
