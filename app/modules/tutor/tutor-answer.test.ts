import { describe, expect, it } from 'vitest'
import { type CitablePassage, MAX_QUOTES, NOTHING_FOUND, composeAnswer, excerpt, whereIn } from './tutor-answer'

const passage = (n: number, content: string, extra: Partial<CitablePassage> = {}): CitablePassage => ({
  chunkId: `c${n}`,
  documentId: `d${n}`,
  documentTitle: `Doc ${n}`,
  source: null,
  content,
  location: { heading: null, section: null, page: null },
  score: 1 / (60 + n),
  ...extra,
})

describe('composeAnswer', () => {
  it('says it found nothing when no passage came back, with no citation', () => {
    expect(composeAnswer('anything?', [])).toEqual({ content: NOTHING_FOUND, citations: [], found: false })
  })

  it('quotes at most three passages, best first, each numbered and cited', () => {
    const answer = composeAnswer(
      'fractions',
      [1, 2, 3, 4].map((n) => passage(n, `Passage ${n} on fractions.`)),
    )
    expect(answer.found).toBe(true)
    expect(answer.citations.map((c) => [c.n, c.title])).toEqual([
      [1, 'Doc 1'],
      [2, 'Doc 2'],
      [3, 'Doc 3'],
    ])
    expect(answer.citations).toHaveLength(MAX_QUOTES)
    expect(answer.content).toContain('> Passage 1 on fractions. [1]')
    expect(answer.content).not.toContain('Passage 4')
  })

  it('links a web source and leaves an upload unlinked', () => {
    const [web, upload] = composeAnswer('x', [
      passage(1, 'a', { source: 'https://example.com/guide' }),
      passage(2, 'b', { source: 'upload:notes.md' }),
    ]).citations
    expect(web!.href).toBe('https://example.com/guide')
    expect(upload!.href).toBeNull()
  })
})

describe('whereIn', () => {
  it.each([
    [{ heading: 'Adding', section: 'Guide › Adding', page: 3 }, 'Adding, page 3'],
    [{ heading: null, section: 'Guide › Adding', page: null }, 'Guide › Adding'],
    [{ heading: null, section: null, page: 2 }, 'page 2'],
    [{ heading: null, section: null, page: null }, null],
  ])('%o → %s', (location, expected) => {
    expect(whereIn(location)).toBe(expected)
  })
})

describe('excerpt', () => {
  it('keeps a short passage whole', () => {
    expect(excerpt('One short passage.', 'passage')).toBe('One short passage.')
  })

  it('starts a long passage at the sentence sharing most words with the question, within the length', () => {
    const text = `${'Filler sentence here. '.repeat(20)}Common denominators make adding fractions easy. ${'More filler. '.repeat(20)}`
    const quoted = excerpt(text, 'How do common denominators help adding fractions?', 120)
    expect(quoted.startsWith('… Common denominators make adding fractions easy.')).toBe(true)
    expect(quoted.length).toBeLessThanOrEqual(130)
    expect(quoted.endsWith('…')).toBe(true)
  })
})
