import { describe, expect, it } from 'vitest'
import { baseSecurityHeaders, contentSecurityPolicy } from './security-headers.server'

describe('securityHeaders', () => {
  it('enforces a nonce-based CSP that forbids plugins, base tags and framing', () => {
    const csp = contentSecurityPolicy('abc123', { dev: false })
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("base-uri 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    // the push service worker is a same-origin script
    expect(csp).toContain("worker-src 'self';")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('ws:')
  })

  it('lets forms redirect only to this site and to Polar’s checkout and portal (Chromium checks the redirect after a POST)', () => {
    expect(contentSecurityPolicy('n', { dev: false })).toContain(
      "form-action 'self' https://polar.sh https://buy.polar.sh https://sandbox.polar.sh;",
    )
  })

  it('lets the sign-in forms redirect to the configured providers’ authorization pages', () => {
    expect(
      contentSecurityPolicy('n', { dev: false, signInOrigins: ['https://github.com', 'https://accounts.google.com'] }),
    ).toContain(
      "form-action 'self' https://polar.sh https://buy.polar.sh https://sandbox.polar.sh https://github.com https://accounts.google.com;",
    )
  })

  it('sends HSTS only in production and allows the dev server socket only in development', () => {
    const prod = baseSecurityHeaders({ production: true })
    const dev = baseSecurityHeaders({ production: false })
    expect(prod['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains')
    expect(dev['Strict-Transport-Security']).toBeUndefined()
    expect(contentSecurityPolicy('n', { dev: true })).toContain("connect-src 'self' ws:")
    expect(prod['X-Content-Type-Options']).toBe('nosniff')
    expect(dev['X-Content-Type-Options']).toBe('nosniff')
  })
})
