import { describe, expect, it } from 'vitest'
import { securityHeaders } from './security-headers.server'

describe('securityHeaders', () => {
  it('enforces a nonce-based CSP that forbids plugins, base tags and framing', () => {
    const csp = securityHeaders('abc123', { dev: false, production: true })['Content-Security-Policy']
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("base-uri 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('ws:')
  })

  it('sends HSTS only in production and allows the dev server socket only in development', () => {
    const prod = securityHeaders('n', { dev: false, production: true })
    const dev = securityHeaders('n', { dev: true, production: false })
    expect(prod['Strict-Transport-Security']).toBe('max-age=31536000; includeSubDomains')
    expect(dev['Strict-Transport-Security']).toBeUndefined()
    expect(dev['Content-Security-Policy']).toContain("connect-src 'self' ws:")
    expect(prod['X-Content-Type-Options']).toBe('nosniff')
  })
})
