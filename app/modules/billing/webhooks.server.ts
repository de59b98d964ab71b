import { createHmac } from 'node:crypto'
import type { InStatement } from '@libsql/client'
import { webhooks } from '@polar-sh/sdk/2026-10'
import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { log } from '~/utils/log.server'
import { HANDLED_EVENT_TYPES, HandledPolarEvent, PolarEventEnvelope, snapshotOf } from './polar-events'
import { type SeatLimitStatement, type SnapshotOutcome, applySubscriptionSnapshot } from './subscriptions.server'

/**
 * Polar's webhooks (Standard Webhooks): verified on the raw body, recorded by
 * `webhook-id` in the same atomic batch as the state change they cause, so a
 * redelivery changes nothing. 403 = bad signature (nothing written), 2xx =
 * stored, 5xx only when we could not store (Polar then retries).
 */

/**
 * The `webhook-signature` header Polar sends: HMAC-SHA256 over `${id}.${timestamp}.${body}`
 * keyed with the secret's UTF-8 bytes (Polar's secret is not base64, unlike plain Standard Webhooks).
 * The offline sandbox and the tests sign with it.
 */
export function signWebhook(secret: string, id: string, timestamp: number | string, body: string): string {
  return `v1,${createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${id}.${timestamp}.${body}`).digest('base64')}`
}

export interface WebhookAnswer {
  status: 200 | 202 | 400 | 403 | 503
  body: { received: true; outcome: string } | { error: string }
}

const HEADER_NAMES = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const
const MAX_WEBHOOK_ID = 200

function isNamed(error: unknown, name: string): boolean {
  return error instanceof Error && error.name === name
}

/** Verifies the signature (five-minute tolerance). Returns the event type, or an answer to send. */
async function verify(
  body: string,
  headers: Headers,
  secret: string,
): Promise<{ ok: true } | { ok: false; answer: WebhookAnswer }> {
  const picked = Object.fromEntries(HEADER_NAMES.map((name) => [name, headers.get(name) ?? '']))
  try {
    await webhooks.validateEvent(body, picked, secret)
    return { ok: true }
  } catch (error) {
    // Thrown only after the signature was verified: an event type this SDK version does not know.
    if (error instanceof webhooks.PolarWebhookUnknownTypeError || isNamed(error, 'PolarWebhookUnknownTypeError'))
      return { ok: true }
    if (error instanceof webhooks.PolarWebhookVerificationError || isNamed(error, 'PolarWebhookVerificationError')) {
      return { ok: false, answer: { status: 403, body: { error: 'Invalid webhook signature' } } }
    }
    if (error instanceof webhooks.PolarWebhookError || isNamed(error, 'PolarWebhookError')) {
      return { ok: false, answer: { status: 400, body: { error: 'The payload is not JSON' } } }
    }
    throw error
  }
}

function recordStatement(id: string, eventType: string, body: string, now: Date, processed: boolean): InStatement {
  const at = toDbTimestamp(now)
  return {
    sql: `INSERT INTO "ProcessedWebhookEvent" ("id", "source", "eventType", "receivedAt", "processedAt", "payload", "createdAt") VALUES (?, 'polar', ?, ?, ?, ?, ?)`,
    args: [id, eventType, at, processed ? at : null, body, at],
  }
}

async function alreadyRecorded(id: string): Promise<boolean> {
  return (await prisma.processedWebhookEvent.findUnique({ where: { id }, select: { id: true } })) !== null
}

function outcomeName(outcome: SnapshotOutcome): string {
  return outcome.applied ? 'applied' : outcome.reason
}

/** Handles one delivery to POST /webhooks/polar. Never throws for a delivery it could store. */
export async function handlePolarWebhook(
  body: string,
  headers: Headers,
  options: { seatLimit: SeatLimitStatement; secret?: string; now?: Date },
): Promise<WebhookAnswer> {
  const secret = options.secret ?? getEnv().POLAR_WEBHOOK_SECRET
  const now = options.now ?? new Date()
  const verified = await verify(body, headers, secret)
  if (!verified.ok) return verified.answer

  const webhookId = headers.get('webhook-id')!
  if (webhookId.length > MAX_WEBHOOK_ID) return { status: 400, body: { error: 'webhook-id is too long' } }
  const envelope = PolarEventEnvelope.safeParse(JSON.parse(body))
  if (!envelope.success) return { status: 400, body: { error: 'The payload has no event type' } }
  const eventType = envelope.data.type

  try {
    if (await alreadyRecorded(webhookId)) return { status: 200, body: { received: true, outcome: 'duplicate' } }

    if (!HANDLED_EVENT_TYPES.has(eventType)) {
      await writeBatch([recordStatement(webhookId, eventType, body, now, true)])
      return { status: 202, body: { received: true, outcome: 'ignored-event-type' } }
    }

    const parsed = HandledPolarEvent.safeParse(JSON.parse(body))
    if (!parsed.success) {
      // Signed by Polar but not the shape we expect: keep it (processedAt null = not applied) for a
      // replay once the parser is fixed, instead of a 4xx that Polar would retry until it disables us.
      log.warn('billing.webhook.unparsed', {
        webhookId,
        eventType,
        issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
      })
      await writeBatch([recordStatement(webhookId, eventType, body, now, false)])
      return { status: 202, body: { received: true, outcome: 'not-understood' } }
    }

    const record = recordStatement(webhookId, eventType, body, now, true)
    const snapshot = snapshotOf(parsed.data)
    if (!snapshot) {
      await writeBatch([record])
      return { status: 202, body: { received: true, outcome: 'no-subscription' } }
    }
    const outcome = await applySubscriptionSnapshot(snapshot, { now, before: [record], seatLimit: options.seatLimit })
    log.info('billing.webhook.applied', {
      webhookId,
      eventType,
      outcome: outcomeName(outcome),
      polarSubscriptionId: snapshot.subscription.id,
    })
    const known = outcome.applied || outcome.reason === 'older-snapshot'
    return { status: known ? 200 : 202, body: { received: true, outcome: outcomeName(outcome) } }
  } catch (error) {
    // A concurrent delivery of the same webhook-id won the primary key: that one applied it.
    if (await alreadyRecorded(webhookId).catch(() => false))
      return { status: 200, body: { received: true, outcome: 'duplicate' } }
    log.warn('billing.webhook.store-failed', {
      webhookId,
      eventType,
      error: error instanceof Error ? error.message : String(error),
    })
    return { status: 503, body: { error: 'Could not store the event; please retry' } }
  }
}
