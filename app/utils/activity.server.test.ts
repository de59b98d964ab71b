import { describe, expect, it } from 'vitest'
import { activityContext, deviceClass } from './activity.server'

describe('deviceClass', () => {
  it.each([
    [null, 'unknown'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148', 'mobile'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36', 'mobile'],
    ['Mozilla/5.0 (Linux; Android 13; SM-X700) Safari/537.36', 'tablet'],
    ['Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X)', 'tablet'],
    ['Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36', 'desktop'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64)', 'desktop'],
    ['Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0', 'bot'],
    ['Googlebot/2.1', 'bot'],
    ['curl/8.0', 'unknown'],
  ])('%s → %s', (ua, expected) => {
    expect(deviceClass(ua)).toBe(expected)
  })

  it('keeps the path and session, not the query or the user agent', () => {
    const request = new Request('http://127.0.0.1/practice/fractions?task=1', {
      headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0)' },
    })
    expect(activityContext(request, 's1')).toEqual({ sessionId: 's1', device: 'desktop', path: '/practice/fractions' })
  })
})
