import { describe, expect, it } from 'vitest'
import { documentHref, documentSections, slugOf, sourceOf } from './document-view'

const chunk = (id: string, heading: string | null, page: number | null = null) => ({
  id,
  content: `text ${id}`,
  heading,
  page,
})

describe('documentSections', () => {
  it('groups consecutive chunks by heading, anchors each chunk, and keeps slugs unique', () => {
    const sections = documentSections([
      chunk('a', null),
      chunk('b', 'Adding fractions'),
      chunk('c', 'Adding fractions', 2),
      chunk('d', 'Percentages'),
      chunk('e', 'Adding fractions'),
    ])
    expect(sections.map((s) => [s.heading, s.slug, s.chunks.map((c) => c.anchor)])).toEqual([
      [null, 'start', ['chunk-a']],
      ['Adding fractions', 'adding-fractions', ['chunk-b', 'chunk-c']],
      ['Percentages', 'percentages', ['chunk-d']],
      ['Adding fractions', 'adding-fractions-2', ['chunk-e']],
    ])
    expect(sections[1]!.chunks[1]).toEqual({ id: 'c', anchor: 'chunk-c', content: 'text c', page: 2 })
  })
  it('gives no section to a document with no chunk', () => {
    expect(documentSections([])).toEqual([])
  })
})

describe.each([
  ['Adding fractions', 'adding-fractions'],
  ['Ça va — über 2 Töne!', 'ca-va-uber-2-tone'],
  ['***', 'section'],
])('slugOf(%j)', (text, slug) => {
  it(`is ${slug}`, () => expect(slugOf(text)).toBe(slug))
})

describe('sourceOf and documentHref', () => {
  it.each([
    ['upload:notes.pdf', { kind: 'file', label: 'notes.pdf' }],
    ['https://example.com/a', { kind: 'url', label: 'https://example.com/a' }],
    ['/srv/docs/a.md', { kind: 'path', label: '/srv/docs/a.md' }],
    [null, null],
  ])('%j', (source, expected) => expect(sourceOf(source)).toEqual(expected))
  it('links to the document, or to one passage of it', () => {
    expect(documentHref('D1')).toBe('/documents/D1')
    expect(documentHref('D1', 'C1')).toBe('/documents/D1#chunk-C1')
  })
})
