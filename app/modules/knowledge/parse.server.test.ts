import { describe, expect, it } from 'vitest'
import { makeDocx, makePdf, sentences } from './testing/fixtures'
import { MAX_DOCUMENT_BYTES, detectDocumentKind, parseDocument, textKind } from './parse.server'

const encode = (text: string) => new TextEncoder().encode(text)

function headings(parsed: Awaited<ReturnType<typeof parseDocument>>) {
  return parsed.blocks
    .filter((block) => block.kind === 'heading')
    .map((block) => [block.level, parsed.content.slice(block.charStart, block.charEnd)])
}

describe('document type by content', () => {
  it.each([
    ['<!doctype html><html><body><p>Hi</p></body></html>', 'html'],
    ['<div><p>One</p><p>Two</p></div>', 'html'],
    ['# Title\n\nSome text.', 'md'],
    ['Intro\n\n- one\n- two\n\nSee [docs](https://example.com) and **this**.', 'md'],
    ['Just a note.\n\nWith two paragraphs.', 'txt'],
    ['a < b and c > d in plain maths', 'txt'],
  ])('%j is %s', (text, kind) => {
    expect(textKind(text)).toBe(kind)
  })

  it('ignores the name: a PDF is a PDF, an image or binary data is refused, size is capped', async () => {
    expect(await detectDocumentKind(await makePdf([{ heading: 'H', paragraphs: ['p'] }]))).toBe('pdf')
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
    await expect(detectDocumentKind(png)).rejects.toMatchObject({ status: 400 })
    await expect(detectDocumentKind(Uint8Array.from([0xff, 0xfe, 0x00, 0x01, 0x02]))).rejects.toMatchObject({
      status: 400,
    })
    await expect(detectDocumentKind(new Uint8Array(0))).rejects.toMatchObject({ status: 400 })
    await expect(detectDocumentKind(new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x61))).rejects.toMatchObject({
      status: 413,
    })
  })
})

describe('parsers', () => {
  it('plain text: paragraphs, no headings', async () => {
    const parsed = await parseDocument(encode('First paragraph\nwraps here.\n\nSecond one.'))
    expect(parsed.kind).toBe('txt')
    expect(parsed.content).toBe('First paragraph wraps here.\n\nSecond one.')
    expect(parsed.blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph'])
  })

  it('markdown: headings with levels, code, tables, inline markup reduced to text', async () => {
    const parsed = await parseDocument(
      encode(
        '# Guide\n\nIntro with **bold** and a [link](https://x.test).\n\n## Adding\n\n```js\nconst a = 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
      ),
    )
    expect(parsed.kind).toBe('md')
    expect(parsed.title).toBe('Guide')
    expect(headings(parsed)).toEqual([
      [1, 'Guide'],
      [2, 'Adding'],
    ])
    expect(parsed.content).toContain('Intro with bold and a link.')
    expect(parsed.blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'heading', 'code', 'table'])
    expect(parsed.content).toContain('a | b\n1 | 2')
  })

  it('html: title, headings, paragraphs; scripts and navigation left out; entities decoded', async () => {
    const parsed = await parseDocument(
      encode(
        '<!DOCTYPE html><html><head><title>Fractions &amp; more</title><style>p{}</style></head><body><nav>Menu</nav><h1>Fractions</h1><p>Parts &lt;of&gt; a whole.</p><script>alert(1)</script><h2>Adding</h2><ul><li>Same denominator</li></ul><pre>1/2 + 1/2</pre></body></html>',
      ),
    )
    expect(parsed.kind).toBe('html')
    expect(parsed.title).toBe('Fractions & more')
    expect(headings(parsed)).toEqual([
      [1, 'Fractions'],
      [2, 'Adding'],
    ])
    expect(parsed.content).toContain('Parts <of> a whole.')
    expect(parsed.content).not.toMatch(/Menu|alert/)
  })

  it('pdf: pages, headings by font size, metadata title', async () => {
    const bytes = await makePdf([
      { heading: 'Fractions', paragraphs: [sentences(3), 'Second paragraph on page one.'] },
      { heading: 'Decimals', paragraphs: ['Decimals are fractions with a power of ten below.'] },
    ])
    const parsed = await parseDocument(bytes)
    expect(parsed.kind).toBe('pdf')
    expect(parsed.pages).toBe(2)
    expect(parsed.title).toBe('Fractions Guide')
    expect(headings(parsed)).toEqual([
      [1, 'Fractions'],
      [1, 'Decimals'],
    ])
    const decimals = parsed.blocks.find((b) => parsed.content.slice(b.charStart, b.charEnd).startsWith('Decimals are'))
    expect(decimals?.page).toBe(2)
    expect(parsed.blocks.filter((b) => b.kind === 'paragraph')).toHaveLength(3)
  })

  it('docx: Word headings and paragraphs', async () => {
    const bytes = await makeDocx([
      { style: 'Heading1', text: 'Fractions' },
      { text: 'Parts of a whole.' },
      { style: 'Heading2', text: 'Adding' },
      { text: 'Same denominator: add the numerators.' },
    ])
    const parsed = await parseDocument(bytes)
    expect(parsed.kind).toBe('docx')
    expect(headings(parsed)).toEqual([
      [1, 'Fractions'],
      [2, 'Adding'],
    ])
    expect(parsed.content).toBe('Fractions\n\nParts of a whole.\n\nAdding\n\nSame denominator: add the numerators.')
  })

  it('a corrupt PDF is refused with 400', async () => {
    const bytes = encode('%PDF-1.7\n1 0 obj garbage')
    await expect(parseDocument(bytes)).rejects.toMatchObject({ status: 400 })
  })
})
