import type { InStatement } from '@libsql/client'
import { writeBatch } from '~/utils/db.server'
import { Conflict } from '~/utils/errors.server'

/**
 * The quests module's write batches: each is atomic (`writeBatch`) and guarded, so a batch
 * planned from a state that changed meanwhile writes nothing and is planned again.
 */

/**
 * Aborts the batch unless the previous statement changed exactly one row. SQLite has no RAISE
 * outside triggers; json() of a non-JSON string fails the statement instead (as in learning's
 * submission batch).
 */
export function guard(what: string): InStatement {
  return { sql: `SELECT CASE WHEN changes() = 1 THEN 1 ELSE json('stale ' || ?) END`, args: [what] }
}

/** Aborts the batch unless the SQL condition (over the rows the batch wrote so far) holds. */
export function guardThat(condition: string, args: (string | number)[], what: string): InStatement {
  return { sql: `SELECT CASE WHEN ${condition} THEN 1 ELSE json('stale ' || ?) END`, args: [...args, what] }
}

export function isStale(error: unknown): boolean {
  return /malformed JSON/.test(String((error as { message?: unknown })?.message ?? error))
}

const TRIES = 8
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** attempt))

/**
 * Plans and writes a batch until no guard objects: `plan` reads the state, decides (throwing
 * a domain error when the state forbids it) and returns the statements and the result.
 * `retryOn` names further errors that mean "read again" (a payment made meanwhile).
 */
export async function planAndWrite<T>(
  plan: () => Promise<{ statements: InStatement[]; result: T }>,
  retryOn: (error: unknown) => boolean = () => false,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const { statements, result } = await plan()
    try {
      await writeBatch(statements)
      return result
    } catch (error) {
      if (!isStale(error) && !retryOn(error)) throw error
      if (attempt >= TRIES) throw new Conflict('This quest changed meanwhile. Please reload the page and try again.')
      await pause(attempt)
    }
  }
}
