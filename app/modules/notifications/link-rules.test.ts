import { describe, expect, it } from 'vitest'
import { safeInAppPath } from './link-rules'

describe('safeInAppPath', () => {
  it.each([
    ['/achievements', '/achievements'],
    ['/reviews?due=1#top', '/reviews?due=1#top'],
    ['/a/../b', '/b'],
  ])('keeps the in-app path %s', (link, expected) => {
    expect(safeInAppPath(link)).toBe(expected)
  })

  it.each([
    null,
    '',
    'https://evil.example/',
    '//evil.example/x',
    '/\\evil.example',
    'javascript:alert(1)',
    'achievements',
    '/\tx',
  ])('refuses %j', (link) => {
    expect(safeInAppPath(link)).toBeNull()
  })
})
