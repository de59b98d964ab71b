import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { MAX_DOCUMENT_BYTES } from './parse.server'

/**
 * Fetching a monitored page: http(s) only; a host that is (or resolves to) a loopback, private,
 * link-local, carrier-grade NAT, multicast or unspecified address is refused unless its name is in
 * the allow-list (env MONITORED_URL_ALLOWED_HOSTS) — the server must not become a way into the
 * network it sits in. Redirects are followed by hand (at most 3), each target checked the same way.
 * A conditional GET (If-None-Match / If-Modified-Since), a time limit for the whole exchange and a
 * size limit counted while the body streams in.
 *
 * Known limit: the address is checked before the request, so a DNS answer that changes between the
 * look-up and the connection (rebinding) is not caught.
 */

export interface FetchPolicy {
  /** host names or IP literals allowed even when private (lower case) */
  allowedHosts: readonly string[]
  timeoutMs: number
  maxBytes: number
}

export const DEFAULT_FETCH_POLICY: Omit<FetchPolicy, 'allowedHosts'> = {
  timeoutMs: 15_000,
  maxBytes: MAX_DOCUMENT_BYTES,
}

export type FetchOutcome =
  | { kind: 'not-modified' }
  | { kind: 'fetched'; bytes: Uint8Array; etag: string | null; lastModified: string | null; finalUrl: string }
  | { kind: 'refused'; reason: string }

const MAX_REDIRECTS = 3

/** True for an address no public page lives at (IPv4 and IPv6, IPv4-mapped IPv6 included). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  const ip = mapped ? mapped[1]! : address
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number]
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      a >= 224
    )
  }
  const v6 = ip.toLowerCase()
  return (
    v6 === '::' ||
    v6 === '::1' ||
    v6.startsWith('fc') ||
    v6.startsWith('fd') ||
    /^fe[89ab]/.test(v6) ||
    v6.startsWith('ff')
  )
}

/** Why this URL may not be fetched, or null when it may. */
export async function refusalOf(url: URL, allowedHosts: readonly string[]): Promise<string | null> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http:// and https:// addresses are fetched'
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  if (allowedHosts.includes(host)) return null
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address)
  if (addresses.length === 0) return `the host ${host} was not found`
  if (addresses.some(isPrivateAddress)) return `the host ${host} is a private or local address`
  return null
}

export async function fetchMonitoredPage(
  address: string,
  known: { etag: string | null; lastModified: string | null },
  policy: FetchPolicy,
): Promise<FetchOutcome> {
  const signal = AbortSignal.timeout(policy.timeoutMs)
  let url = new URL(address)
  for (let hop = 0; ; hop++) {
    const refusal = await refusalOf(url, policy.allowedHosts)
    if (refusal) return { kind: 'refused', reason: refusal }
    const headers = new Headers({ Accept: 'text/html, text/markdown, text/plain, application/pdf, */*;q=0.5' })
    if (known.etag) headers.set('If-None-Match', known.etag)
    if (known.lastModified) headers.set('If-Modified-Since', known.lastModified)
    const response = await fetch(url, { headers, redirect: 'manual', signal })
    if (response.status === 304) {
      await response.body?.cancel()
      return { kind: 'not-modified' }
    }
    if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
      await response.body?.cancel()
      if (hop >= MAX_REDIRECTS) return { kind: 'refused', reason: 'too many redirects' }
      url = new URL(response.headers.get('location')!, url)
      continue
    }
    if (!response.ok) {
      await response.body?.cancel()
      throw new Error(`the page answered HTTP ${response.status}`)
    }
    const length = Number(response.headers.get('content-length'))
    if (length > policy.maxBytes) {
      await response.body?.cancel()
      return { kind: 'refused', reason: `the page is larger than ${policy.maxBytes} bytes` }
    }
    const bytes = await readLimited(response, policy.maxBytes)
    if (!bytes) return { kind: 'refused', reason: `the page is larger than ${policy.maxBytes} bytes` }
    return {
      kind: 'fetched',
      bytes,
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
      finalUrl: url.href,
    }
  }
}

/** The body, or null as soon as it passes `maxBytes` (the rest is not read). */
async function readLimited(response: Awaited<ReturnType<typeof fetch>>, maxBytes: number): Promise<Uint8Array | null> {
  if (!response.body) return new Uint8Array()
  const reader = response.body.getReader()
  const parts: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      return null
    }
    parts.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const part of parts) {
    bytes.set(part, offset)
    offset += part.byteLength
  }
  return bytes
}
