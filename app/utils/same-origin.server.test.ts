import { describe, expect, it } from 'vitest'
import { isCrossSiteMutation } from './same-origin.server'

const base = { method: 'POST', path: '/feedback', host: 'questlog.example', origin: undefined, secFetchSite: undefined }

describe('isCrossSiteMutation', () => {
  it.each([
    ['a same-origin form post (Sec-Fetch-Site)', { secFetchSite: 'same-origin' }, false],
    ['a typed URL / bookmark (Sec-Fetch-Site: none)', { secFetchSite: 'none' }, false],
    ['a cross-site form post', { secFetchSite: 'cross-site' }, true],
    ['a same-site but other-origin post', { secFetchSite: 'same-site' }, true],
    ['a same-origin post from an older browser (Origin only)', { origin: 'https://questlog.example' }, false],
    ['a cross-origin post from an older browser', { origin: 'https://evil.example' }, true],
    ['an opaque origin (sandboxed iframe)', { origin: 'null' }, true],
    ['a non-browser client with neither header', {}, false],
    ['a GET, whatever its origin', { method: 'GET', secFetchSite: 'cross-site' }, false],
    ['a webhook, which proves itself by signature', { path: '/webhooks/polar', secFetchSite: 'cross-site' }, false],
    [
      'the one-click unsubscribe from a mail client (signed token)',
      { path: '/notifications/unsubscribe', secFetchSite: 'cross-site' },
      false,
    ],
    [
      'a path that only begins like the unsubscribe',
      { path: '/notifications/unsubscribe/x', secFetchSite: 'cross-site' },
      true,
    ],
    ['the notification centre from another site', { path: '/notifications', secFetchSite: 'cross-site' }, true],
    ['a DELETE from another site', { method: 'DELETE', origin: 'https://evil.example' }, true],
  ])('%s → %s', (_name, overrides, expected) => {
    expect(isCrossSiteMutation({ ...base, ...overrides })).toBe(expected)
  })
})
