import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { signWebhook } from '~/modules/billing/webhooks.server'
import { DEV_POLAR_WEBHOOK_SECRET } from '~/utils/env.server'
import { ORIGIN } from './accounts'

/**
 * Polar webhook payloads from tests/fixtures/polar, adjusted per test, and
 * deliveries signed the way Polar signs them.
 */
export type PolarFixture =
  | 'subscription.created'
  | 'subscription.active'
  | 'subscription.updated'
  | 'subscription.canceled'
  | 'subscription.uncanceled'
  | 'subscription.revoked'
  | 'subscription.past_due'
  | 'order.paid'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'polar')

type Json = Record<string, unknown>

/**
 * The fixture with our user as the customer (`USER_ID` placeholder) and `data`
 * fields replaced (Dates become ISO strings). For order.paid, `data` goes into the nested subscription.
 */
export function polarEvent(name: PolarFixture, options: { userId?: string; data?: Json } = {}): Json {
  const text = readFileSync(join(FIXTURES, `${name}.json`), 'utf8').replaceAll(
    'USER_ID',
    options.userId ?? 'no-such-user',
  )
  const event = JSON.parse(text) as { data: Json & { subscription?: Json; customer: Json } }
  const patch = Object.fromEntries(
    Object.entries(options.data ?? {}).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  )
  if (name === 'order.paid') event.data.subscription = { ...event.data.subscription, ...patch }
  else Object.assign(event.data, patch)
  return event
}

export function signedHeaders(
  body: string,
  options: { secret?: string; id?: string; timestamp?: number; signature?: string; omit?: string[] } = {},
): Headers {
  const id = options.id ?? `msg_${randomUUID()}`
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000)
  const headers = new Headers({
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature':
      options.signature ?? signWebhook(options.secret ?? DEV_POLAR_WEBHOOK_SECRET, id, timestamp, body),
  })
  for (const name of options.omit ?? []) headers.delete(name)
  return headers
}

export function webhookRequest(body: string, headers: Headers): Request {
  return new Request(`${ORIGIN}/webhooks/polar`, { method: 'POST', headers, body })
}
