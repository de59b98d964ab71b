import { describe, expect, it } from 'vitest'
import type { CitablePassage } from './tutor-answer'
import { citationsOf, historyMessages, systemPrompt } from './tutor-prompt'

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

describe('historyMessages', () => {
  const turn = (n: number, size = 10) => ({ question: `q${n}`.padEnd(size, '?'), answer: `a${n} [1].` })
  it('sends the earlier turns oldest first, without their old [n] markers and sources line', () => {
    expect(
      historyMessages([
        { question: 'q1', answer: 'a1 [1][2].' },
        { question: 'q2', answer: 'a2.\n\nFrom your documents: [1] [2]' },
      ]),
    ).toEqual([
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: 'a1.' },
      { role: 'user', content: 'q2' },
      { role: 'assistant', content: 'a2.' },
    ])
  })
  it.each([
    { turns: 2, chars: 1_000, kept: ['q3', 'q4'] },
    // a turn here is 10 + 3 characters (q…??? and a… without its marker)
    { turns: 10, chars: 26, kept: ['q3', 'q4'] },
    { turns: 10, chars: 25, kept: ['q4'] },
    { turns: 10, chars: 12, kept: [] },
    { turns: 0, chars: 1_000, kept: [] },
  ])('keeps the newest whole turns within $turns turns and $chars characters', ({ turns, chars, kept }) => {
    const sent = historyMessages([turn(1), turn(2), turn(3), turn(4)], { turns, chars })
    expect(sent.filter((m) => m.role === 'user').map((m) => m.content.replace(/\?+$/, ''))).toEqual(kept)
  })
})
