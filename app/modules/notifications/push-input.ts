import { z } from 'zod'

/**
 * What the browser sends for web push: its `PushSubscription.toJSON()` when subscribing, the
 * endpoint when unsubscribing, a device's id from the remove form of the settings page.
 */

const MAX_ENDPOINT_LENGTH = 2048
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/

const base64urlBytes = (value: string) => Buffer.from(value.replace(/=+$/, ''), 'base64url')

/** A key of the subscription: base64url (padding dropped) decoding to exactly `bytes` bytes. */
const Key = (name: string, bytes: number, what: string, check: (decoded: Buffer) => boolean = () => true) =>
  z
    .string({ message: `${name} is missing` })
    .trim()
    .max(200, `${name} is too long`)
    .superRefine((v, ctx) => {
      if (!BASE64URL.test(v)) ctx.addIssue({ code: 'custom', message: `${name} must be base64url` })
      else {
        const decoded = base64urlBytes(v)
        if (decoded.length !== bytes || !check(decoded))
          ctx.addIssue({ code: 'custom', message: `${name} must be ${what}` })
      }
    })
    .transform((v) => v.replace(/=+$/, ''))

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost'])
const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i

/**
 * A push service's endpoint: an https URL on a named host (push services are public, and the
 * server will POST to it). With `allowLoopback` (development and tests) also a URL on 127.0.0.1,
 * http or https — the loopback push endpoint of the tests.
 */
function endpoint(allowLoopback: boolean) {
  return z
    .string({ message: 'endpoint is missing' })
    .trim()
    .min(1, 'endpoint is missing')
    .max(MAX_ENDPOINT_LENGTH, `endpoint must be at most ${MAX_ENDPOINT_LENGTH} characters`)
    .superRefine((value, ctx) => {
      let url: URL
      try {
        url = new URL(value)
      } catch {
        ctx.addIssue({ code: 'custom', message: 'endpoint must be a URL' })
        return
      }
      const loopback = LOOPBACK.has(url.hostname)
      if (url.username || url.password)
        ctx.addIssue({ code: 'custom', message: 'endpoint must not carry a user name or password' })
      else if (loopback && allowLoopback) {
        if (url.protocol !== 'https:' && url.protocol !== 'http:')
          ctx.addIssue({ code: 'custom', message: 'endpoint must be an http or https URL' })
      } else if (url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'endpoint must be an https URL' })
      else if (loopback || IP_LITERAL.test(url.hostname) || !url.hostname.includes('.'))
        ctx.addIssue({ code: 'custom', message: 'endpoint must be on the host of a push service' })
    })
}

export interface PushInputOptions {
  /** accept an endpoint on the loopback address (development and tests, never production) */
  allowLoopback: boolean
}

/** `PushSubscription.toJSON()`: endpoint, keys.p256dh (an uncompressed P-256 point), keys.auth (16 bytes). */
export function pushSubscriptionInput({ allowLoopback }: PushInputOptions) {
  return z.object({
    endpoint: endpoint(allowLoopback),
    expirationTime: z.number().nullable().optional(),
    keys: z.object(
      {
        // 65 bytes, the first 0x04: the browser's public key, uncompressed
        p256dh: Key('keys.p256dh', 65, 'an uncompressed P-256 public key (65 bytes)', (decoded) => decoded[0] === 4),
        auth: Key('keys.auth', 16, '16 bytes'),
      },
      { message: 'keys must be an object with p256dh and auth' },
    ),
  })
}
export type PushSubscriptionInput = z.output<ReturnType<typeof pushSubscriptionInput>>

/** DELETE from the page's script: the endpoint the browser unsubscribed. */
export const PushUnsubscribeInput = z.object({
  endpoint: z
    .string({ message: 'endpoint is missing' })
    .trim()
    .min(1, 'endpoint is missing')
    .max(MAX_ENDPOINT_LENGTH, `endpoint must be at most ${MAX_ENDPOINT_LENGTH} characters`),
})

/** The remove form of a listed device (works without JavaScript). */
export const PushRemoveForm = z.object({
  intent: z.literal('remove', { message: 'Choose what to do' }),
  id: z.ulid('Choose a device to remove'),
})
