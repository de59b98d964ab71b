import { describe, expect, it } from 'vitest'
import { PushRemoveForm, pushSubscriptionInput } from './push-input'
import { browserKeys } from './testing/push-service'

const keys = browserKeys()
const subscription = (over: Record<string, unknown> = {}, keyOver: Record<string, unknown> = {}) => ({
  endpoint: 'https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk',
  expirationTime: null,
  keys: { p256dh: keys.p256dh, auth: keys.auth, ...keyOver },
  ...over,
})
const strict = pushSubscriptionInput({ allowLoopback: false })
const dev = pushSubscriptionInput({ allowLoopback: true })

const problems = (schema: typeof strict, value: unknown) => {
  const result = schema.safeParse(value)
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('pushSubscriptionInput', () => {
  it('takes a browser’s PushSubscription JSON', () => {
    expect(strict.parse(subscription())).toEqual(subscription())
    expect(strict.parse(subscription({ expirationTime: undefined }, { auth: `${keys.auth}==` })).keys.auth).toBe(
      keys.auth,
    )
    expect(problems(strict, subscription({ endpoint: 'https://fcm.googleapis.com/fcm/send/abc:def' }))).toEqual([])
  })

  it.each([
    ['no endpoint', subscription({ endpoint: undefined }), 'endpoint: endpoint is missing'],
    ['not a URL', subscription({ endpoint: 'push me' }), 'endpoint: endpoint must be a URL'],
    ['plain http', subscription({ endpoint: 'http://push.example.com/x' }), 'endpoint: endpoint must be an https URL'],
    [
      'loopback',
      subscription({ endpoint: 'https://127.0.0.1/x' }),
      'endpoint: endpoint must be on the host of a push service',
    ],
    [
      'an IP address',
      subscription({ endpoint: 'https://10.0.0.7/x' }),
      'endpoint: endpoint must be on the host of a push service',
    ],
    [
      'a bare name',
      subscription({ endpoint: 'https://intranet/x' }),
      'endpoint: endpoint must be on the host of a push service',
    ],
    [
      'credentials',
      subscription({ endpoint: 'https://a:b@push.example.com/x' }),
      'endpoint: endpoint must not carry a user name or password',
    ],
    [
      'a huge endpoint',
      subscription({ endpoint: `https://push.example.com/${'x'.repeat(2100)}` }),
      'endpoint: endpoint must be at most 2048 characters',
    ],
    ['no keys', subscription({ keys: undefined }), 'keys: keys must be an object with p256dh and auth'],
    ['no p256dh', subscription({}, { p256dh: undefined }), 'keys.p256dh: keys.p256dh is missing'],
    ['p256dh not base64url', subscription({}, { p256dh: 'a+b/c' }), 'keys.p256dh: keys.p256dh must be base64url'],
    [
      'p256dh too short',
      subscription({}, { p256dh: keys.auth }),
      'keys.p256dh: keys.p256dh must be an uncompressed P-256 public key (65 bytes)',
    ],
    [
      'p256dh compressed',
      subscription({}, { p256dh: Buffer.alloc(65, 3).toString('base64url') }),
      'keys.p256dh: keys.p256dh must be an uncompressed P-256 public key (65 bytes)',
    ],
    [
      'auth of 15 bytes',
      subscription({}, { auth: Buffer.alloc(15).toString('base64url') }),
      'keys.auth: keys.auth must be 16 bytes',
    ],
  ])('refuses %s, naming the field', (_label, value, problem) => {
    expect(problems(strict, value)).toEqual([problem])
  })

  it('takes a loopback endpoint (http or https) only in development and tests', () => {
    for (const endpoint of ['http://127.0.0.1:4100/push/a', 'https://127.0.0.1/push/a', 'http://localhost:9/x']) {
      expect(problems(dev, subscription({ endpoint }))).toEqual([])
      expect(problems(strict, subscription({ endpoint }))).not.toEqual([])
    }
    expect(problems(dev, subscription({ endpoint: 'http://10.0.0.7/x' }))).toEqual([
      'endpoint: endpoint must be an https URL',
    ])
    expect(problems(dev, subscription({ endpoint: 'ftp://127.0.0.1/x' }))).toEqual([
      'endpoint: endpoint must be an http or https URL',
    ])
  })
})

describe('PushRemoveForm', () => {
  it('takes a device id and names a bad one', () => {
    expect(PushRemoveForm.safeParse({ intent: 'remove', id: '01JDEVICE0000000000000000A' }).success).toBe(false)
    expect(PushRemoveForm.parse({ intent: 'remove', id: '01JFZ6B3Q8Y4M2N7P5R9S0T1V2' }).id).toBe(
      '01JFZ6B3Q8Y4M2N7P5R9S0T1V2',
    )
  })
})
