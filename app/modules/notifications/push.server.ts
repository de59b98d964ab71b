import webpush from 'web-push'
import { getEnv } from '~/utils/env.server'
import { log } from '~/utils/log.server'
import { type PushTarget, pushTargetsOf, recordPushResults } from './push-subscriptions.server'

/**
 * Web push through `web-push` (VAPID, RFC 8291 aes128gcm payload encryption). The delivery pass
 * calls `sendPushToUser` for a due push delivery.
 */
export interface PushMessage {
  title: string
  body: string | null
  /** path inside the app the notification opens when clicked */
  link: string | null
  /** the Notification id: a device shows one notification per tag */
  tag: string
}

export interface PushOutcome {
  /** devices that accepted the message */
  sent: number
  /** subscriptions removed because their push service answered 404/410 */
  removed: number
  /** devices that failed otherwise (network, 5xx): worth a retry */
  failed: number
}

/** A notification a day old is not worth showing any more: the push service drops it then. */
export const PUSH_TTL_SECONDS = 24 * 60 * 60
export const PUSH_TIMEOUT_MS = 10_000
/** Devices of one learner pushed to at the same time. */
const CONCURRENCY = 4

/** Whether VAPID keys are configured; without them push is off and deliveries are skipped. */
export function pushConfigured(): boolean {
  return getEnv().vapid !== null
}

type Result = 'sent' | 'gone' | 'failed'

/**
 * Sends `message` to every device of the learner. A device whose push service answers 404 or
 * 410 has unsubscribed (or expired) and is removed; any other failure counts as failed and keeps
 * the device. Without VAPID keys nothing is sent.
 */
export async function sendPushToUser(userId: string, message: PushMessage, now: Date): Promise<PushOutcome> {
  const vapid = getEnv().vapid
  if (!vapid) return { sent: 0, removed: 0, failed: 0 }
  const targets = await pushTargetsOf(userId)
  const payload = JSON.stringify({ title: message.title, body: message.body, link: message.link, tag: message.tag })
  const results = await mapBounded(targets, CONCURRENCY, (target) => pushTo(target, payload, vapid, userId))
  const accepted = targets.filter((_, i) => results[i] === 'sent').map((t) => t.id)
  const gone = targets.filter((_, i) => results[i] === 'gone').map((t) => t.id)
  await recordPushResults(accepted, gone, now)
  return { sent: accepted.length, removed: gone.length, failed: results.filter((r) => r === 'failed').length }
}

/**
 * One device. web-push signs (VAPID) and encrypts the request; it is sent with fetch, which
 * bounds the wait, refuses redirects, and also reaches a loopback push endpoint over plain http
 * (web-push's own sender speaks https only).
 */
async function pushTo(
  target: PushTarget,
  payload: string,
  vapid: { publicKey: string; privateKey: string; subject: string },
  userId: string,
): Promise<Result> {
  const host = hostOf(target.endpoint)
  try {
    const request = webpush.generateRequestDetails(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      payload,
      { vapidDetails: vapid, TTL: PUSH_TTL_SECONDS, urgency: 'normal', contentEncoding: 'aes128gcm' },
    )
    const headers = new Headers()
    for (const [name, value] of Object.entries(request.headers)) {
      // fetch sets the length of the body itself
      if (name.toLowerCase() !== 'content-length') headers.set(name, String(value))
    }
    const response = await fetch(request.endpoint, {
      method: request.method,
      headers,
      body: request.body ? new Uint8Array(request.body) : undefined,
      redirect: 'error',
      signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
    })
    await response.body?.cancel()
    if (response.ok) return 'sent'
    if (response.status === 404 || response.status === 410) {
      log.info('push subscription gone', { userId, host, status: response.status })
      return 'gone'
    }
    log.warn('push refused', { userId, host, status: response.status })
    return 'failed'
  } catch (error) {
    // The endpoint's path identifies the browser: only its host is logged.
    log.warn('push failed', { userId, host, error: error instanceof Error ? error.name : 'unknown' })
    return 'failed'
  }
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host
  } catch {
    return 'invalid'
  }
}

/** `fn` over `items`, at most `limit` at a time, results in order. */
async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
