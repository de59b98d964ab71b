import { describe, expect, it } from 'vitest'
import type { CitablePassage } from './tutor-answer'
import { citationsOf, systemPrompt } from './tutor-prompt'

const passage = (n: number): CitablePassage => ({
  chunkId: `c${n}`,
  documentId: `d${n}`,
  documentTitle: `Doc ${n}`,
  source: n === 2 ? 'https://example.com/two' : null,
  content: `Passage   ${n}\ntext.`,
  location: { heading: `Part ${n}`, section: null, page: null },
  score: 1,
})

describe('systemPrompt', () => {
  it('numbers each passage with its document and place, and asks for [n] citations', () => {
    const prompt = systemPrompt([passage(1), passage(2)])
    expect(prompt).toContain('[1] Doc 1 — Part 1\nPassage 1 text.')
    expect(prompt).toContain('[2] Doc 2 — Part 2\nPassage 2 text.')
    expect(prompt).toMatch(/Cite every statement .* \[1\]/)
  })
})

describe('citationsOf', () => {
  const passages = [passage(1), passage(2), passage(3)]
  it('keeps the passages the answer cites, in number order, ignoring numbers it was not given', () => {
    const { content, citations } = citationsOf('B is so [3]. A is so [1][3]. Not [9].', passages)
    expect(content).toBe('B is so [3]. A is so [1][3]. Not [9].')
    expect(citations.map((c) => [c.n, c.chunkId])).toEqual([
      [1, 'c1'],
      [3, 'c3'],
    ])
  })

  it('maps a citation to chunk, document, section and link', () => {
    expect(citationsOf('See [2].', passages).citations).toEqual([
      {
        n: 2,
        chunkId: 'c2',
        documentId: 'd2',
        title: 'Doc 2',
        where: 'Part 2',
        href: 'https://example.com/two',
        score: 1,
      },
    ])
  })

  it('lists every passage as its source when the answer cites none', () => {
    const { content, citations } = citationsOf('An answer without numbers.', passages.slice(0, 2))
    expect(content).toBe('An answer without numbers.\n\nFrom your documents: [1] [2]')
    expect(citations.map((c) => c.n)).toEqual([1, 2])
  })
})
