/**
 * The enforced Content-Security-Policy of an HTML response, with a fresh nonce per
 * request for the scripts Remix renders (set in entry.server.tsx).
 */
export function contentSecurityPolicy(
  nonce: string,
  { dev, signInOrigins = [] }: { dev: boolean; signInOrigins?: string[] },
): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': dev ? ["'self'", 'ws:'] : ["'self'"],
    // Chromium applies form-action to the redirect after a POST: checkout and the customer portal redirect to Polar,
    // "Log in with GitHub/Google" to the provider's authorization page.
    'form-action': [
      "'self'",
      'https://polar.sh',
      'https://buy.polar.sh',
      'https://sandbox.polar.sh',
      ...new Set(signInOrigins),
    ],
    // The push service worker (/sw.js); without it worker-src falls back to script-src, whose
    // 'strict-dynamic' ignores 'self'.
    'worker-src': ["'self'"],
    'frame-src': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
  }
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ')
}

/** Headers for every response, set by the server (server/index.ts) before Remix or static files answer. */
export function baseSecurityHeaders({ production }: { production: boolean }): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(production ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  }
}
