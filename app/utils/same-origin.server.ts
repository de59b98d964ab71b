/**
 * Mutations must come from our own pages. SameSite=Lax cookies already keep a
 * session out of cross-site POSTs; this refuses them outright (403), using the
 * browser-set headers that a page cannot forge: Sec-Fetch-Site, else Origin.
 * Requests with neither (curl, server-to-server) are not browsers acting for a
 * victim, so they pass. Webhooks authenticate by signature and are exempt.
 * So is the one-click unsubscribe (RFC 8058): a mail client or webmail page POSTs it from its
 * own origin, and it is authorised by the signed token in its URL, not by a session; all it
 * can do is turn e-mail off for the types the token names.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const EXEMPT_PATH_PREFIXES = ['/webhooks/']
const EXEMPT_PATHS = new Set(['/notifications/unsubscribe'])

export interface RequestLike {
  method: string
  path: string
  host: string | undefined
  origin: string | undefined
  secFetchSite: string | undefined
}

export function isCrossSiteMutation({ method, path, host, origin, secFetchSite }: RequestLike): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false
  if (EXEMPT_PATH_PREFIXES.some((prefix) => path.startsWith(prefix))) return false
  if (EXEMPT_PATHS.has(path)) return false
  if (secFetchSite) return secFetchSite !== 'same-origin' && secFetchSite !== 'none'
  if (!origin) return false
  if (origin === 'null') return true
  try {
    return new URL(origin).host !== host
  } catch {
    return true
  }
}
