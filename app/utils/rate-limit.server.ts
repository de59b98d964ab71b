import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { RateLimited } from './errors.server'

/**
 * Rate limits for the routes a stranger can hammer. Counters live in this
 * process's memory (docs/decisions/0005-accounts-and-sessions.md): each app
 * instance limits on its own, and a restart forgets them.
 */
const LIMITS = {
  /** every login attempt from one address */
  'login:ip': { points: 10, duration: 60 },
  // For the failure counters, going over `points` starts the block: the 5th failure locks.
  /** failed logins for one account from one address: the 5th starts a 15-minute pause for that pair */
  'login-failures:account-ip': { points: 4, duration: 15 * 60, blockDuration: 15 * 60 },
  /**
   * failed logins for one account from anywhere: the 20th starts a 5-minute pause,
   * short so that a stranger cannot lock the owner out for long
   */
  'login-failures:account': { points: 19, duration: 15 * 60, blockDuration: 5 * 60 },
  'signup:ip': { points: 5, duration: 10 * 60 },
  'password-reset:ip': { points: 5, duration: 15 * 60 },
  'password-reset:email': { points: 3, duration: 60 * 60 },
  'verify-email:user': { points: 3, duration: 15 * 60 },
  'invite:user': { points: 30, duration: 60 * 60 },
} as const

export type LimitName = keyof typeof LIMITS

const limiters = new Map<LimitName, RateLimiterMemory>()
function limiter(name: LimitName) {
  let found = limiters.get(name)
  if (!found) limiters.set(name, (found = new RateLimiterMemory({ keyPrefix: name, ...LIMITS[name] })))
  return found
}

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number }

const blocked = (res: RateLimiterRes): LimitResult => ({
  ok: false,
  retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
})

/** Counts one event against the limit; refuses once it is used up. */
export async function consume(name: LimitName, key: string): Promise<LimitResult> {
  try {
    await limiter(name).consume(key.toLowerCase())
    return { ok: true }
  } catch (error) {
    if (error instanceof RateLimiterRes) return blocked(error)
    throw error
  }
}

/** Counts one event; once the limit is used up, throws `RateLimited` (429 with Retry-After), about `field` if given. */
export async function enforceLimit(name: LimitName, key: string, field?: string): Promise<void> {
  const result = await consume(name, key)
  if (!result.ok) throw rateLimited(result.retryAfterSeconds, field)
}

/** Throws `RateLimited` while the key is refused, without counting. */
export async function assertNotLimited(name: LimitName, key: string, field?: string): Promise<void> {
  const result = await check(name, key)
  if (!result.ok) throw rateLimited(result.retryAfterSeconds, field)
}

export function rateLimited(retryAfterSeconds: number, field?: string): RateLimited {
  return new RateLimited(retryAfterMessage(retryAfterSeconds), retryAfterSeconds, field)
}

/** Asks without counting: is this key currently refused? */
export async function check(name: LimitName, key: string): Promise<LimitResult> {
  const res = await limiter(name).get(key.toLowerCase())
  if (!res) return { ok: true }
  const { points } = LIMITS[name]
  return res.consumedPoints > points ? blocked(res) : { ok: true }
}

export async function reset(name: LimitName, key: string): Promise<void> {
  await limiter(name).delete(key.toLowerCase())
}

export function retryAfterMessage(seconds: number): string {
  if (seconds < 90) return `Too many attempts. Please try again in ${seconds} seconds.`
  return `Too many attempts. Please try again in ${Math.ceil(seconds / 60)} minutes.`
}

/** For tests: forget every counter. */
export function resetAllRateLimits() {
  limiters.clear()
}
