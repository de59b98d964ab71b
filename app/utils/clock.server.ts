import { readFileSync } from 'node:fs'
import { getEnv } from './env.server'

/**
 * "Now" for everything that depends on the learner's day (submissions, due reviews, streaks).
 * Normally the system clock; an end-to-end test can move it forward through TEST_CLOCK_FILE.
 */
export function serverNow(): Date {
  const file = getEnv().TEST_CLOCK_FILE
  if (!file) return new Date()
  let offset = 0
  try {
    offset = Number(readFileSync(file, 'utf8').trim()) || 0
  } catch {
    // no file yet: no offset
  }
  return new Date(Date.now() + offset)
}
