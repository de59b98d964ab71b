import { describe, expect, it } from 'vitest'
import { type ChunkOptions, chunkDocument } from './chunking'
import { type Block, assembleLayout } from './document-layout'

const small: ChunkOptions = { targetTokens: 6, maxTokens: 8, minTokens: 4, overlapTokens: 2 }
const words = (n: number, word = 'w') => Array.from({ length: n }, (_, i) => `${word}${i + 1}`).join(' ')
const h = (text: string, level = 1, page?: number): Block => ({ kind: 'heading', text, level, page })
const p = (text: string, page?: number): Block => ({ kind: 'paragraph', text, page })

interface Case {
  name: string
  blocks: Block[]
  expected: {
    content: string
    heading?: string | null
    section?: string | null
    page?: number | null
    chunkType?: string
  }[]
}

const cases: Case[] = [
  { name: 'empty document', blocks: [], expected: [] },
  { name: 'one short paragraph', blocks: [p('a b c')], expected: [{ content: 'a b c', heading: null, section: null }] },
  {
    name: 'short paragraphs of one section join into one chunk with their heading',
    blocks: [h('Intro'), p('a b'), p('c d')],
    expected: [{ content: 'Intro\n\na b\n\nc d', heading: 'Intro', section: 'Intro' }],
  },
  {
    name: 'a chunk never crosses a heading',
    blocks: [h('One'), p('a b'), h('Two'), p('c d')],
    expected: [
      { content: 'One\n\na b', heading: 'One' },
      { content: 'Two\n\nc d', heading: 'Two' },
    ],
  },
  {
    name: 'heading path: nested headings, a heading with no body joins the next section',
    blocks: [h('Guide'), h('Fractions', 2), p('x y'), h('Adding', 3), p('z'), h('Decimals', 2), p('q')],
    expected: [
      { content: 'Guide\n\nFractions\n\nx y', heading: 'Fractions', section: 'Guide › Fractions' },
      { content: 'Adding\n\nz', heading: 'Adding', section: 'Guide › Fractions › Adding' },
      { content: 'Decimals\n\nq', heading: 'Decimals', section: 'Guide › Decimals' },
    ],
  },
  {
    name: 'a long section is cut at a paragraph boundary, with overlap',
    blocks: [p(words(5, 'a')), p(words(5, 'b'))],
    expected: [{ content: 'a1 a2 a3 a4 a5' }, { content: 'a4 a5\n\nb1 b2 b3 b4 b5' }],
  },
  {
    name: 'a long paragraph is cut at a sentence end when there is one',
    blocks: [p('s1 s2 s3 s4 s5. t1 t2 t3 t4 t5')],
    expected: [{ content: 's1 s2 s3 s4 s5.' }, { content: 's4 s5. t1 t2 t3 t4 t5' }],
  },
  {
    name: 'with no boundary at all, cut at the target size, with overlap',
    blocks: [p(words(14))],
    expected: [{ content: words(6) }, { content: 'w5 w6 w7 w8 w9 w10' }, { content: 'w9 w10 w11 w12 w13 w14' }],
  },
  {
    name: 'pages: a chunk keeps the page it starts on',
    blocks: [h('P1', 1, 1), p('a b', 1), h('P2', 1, 2), p('c d', 2)],
    expected: [
      { content: 'P1\n\na b', page: 1 },
      { content: 'P2\n\nc d', page: 2 },
    ],
  },
  {
    name: 'chunk types: code and tables alone keep their kind; a trailing heading is a heading chunk',
    blocks: [{ kind: 'code', text: 'let x = 1' }, h('Data'), { kind: 'table', text: 'a | b\n1 | 2' }, h('End')],
    expected: [
      { content: 'let x = 1', chunkType: 'code' },
      { content: 'Data\n\na | b\n1 | 2', chunkType: 'table' },
      { content: 'End', chunkType: 'heading' },
    ],
  },
]

describe('chunkDocument', () => {
  it.each(cases)('$name', ({ blocks, expected }) => {
    const layout = assembleLayout(blocks)
    const chunks = chunkDocument(layout, small)
    expect(chunks.map((c) => c.content)).toEqual(expected.map((e) => e.content))
    chunks.forEach((chunk, i) => {
      const want = expected[i]!
      expect(chunk.index).toBe(i)
      // every chunk is an exact slice of the document text, for citations
      expect(layout.content.slice(chunk.location.charStart, chunk.location.charEnd)).toBe(chunk.content)
      expect(chunk.tokenCount).toBe(chunk.content.split(/\s+/).length)
      expect(chunk.tokenCount).toBeLessThanOrEqual(small.maxTokens)
      if ('heading' in want) expect(chunk.location.heading).toBe(want.heading)
      if ('section' in want) expect(chunk.location.section).toBe(want.section)
      if ('page' in want) expect(chunk.location.page).toBe(want.page)
      if (want.chunkType) expect(chunk.chunkType).toBe(want.chunkType)
    })
  })

  it('default sizes: a 2 000-word section gives chunks of 200–400 words covering all of it', () => {
    const text = Array.from({ length: 40 }, (_, i) => `${words(49, `p${i}x`)}.`)
    const layout = assembleLayout([h('Long'), ...text.map((t) => p(t))])
    const chunks = chunkDocument(layout)
    expect(chunks.length).toBeGreaterThanOrEqual(5)
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.tokenCount).toBeGreaterThanOrEqual(200)
      expect(chunk.tokenCount).toBeLessThanOrEqual(400)
    }
    expect(chunks[0]!.location.charStart).toBe(0)
    expect(chunks.at(-1)!.location.charEnd).toBe(layout.content.length)
    for (let i = 1; i < chunks.length; i++)
      expect(chunks[i]!.location.charStart).toBeLessThan(chunks[i - 1]!.location.charEnd) // overlap
  })

  it('refuses inconsistent sizes', () => {
    expect(() => chunkDocument(assembleLayout([p('a')]), { ...small, overlapTokens: 4 })).toThrow()
    expect(() => chunkDocument(assembleLayout([p('a')]), { ...small, targetTokens: 9 })).toThrow()
  })
})
