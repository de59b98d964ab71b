import { fileTypeFromBuffer } from 'file-type'
import mammoth from 'mammoth'
import { marked, type Token, type Tokens } from 'marked'
import { type HTMLElement, NodeType, type Node as HtmlNode, parse as parseHtmlDocument } from 'node-html-parser'
import { extractTextItems, getDocumentProxy, getMeta, type StructuredTextItem } from 'unpdf'
import { DomainError, Invalid } from '~/utils/errors.server'
import { type Block, type DocumentLayout, assembleLayout, firstHeading, pageCount } from './document-layout'

/**
 * Reading an uploaded document: its type from its bytes (magic numbers for PDF and DOCX, a strict
 * UTF-8 decode and a look at the text for HTML, Markdown and plain text — never the file name),
 * its size against the limit, then its text as blocks (headings, paragraphs, code, tables; pages
 * for PDF) with a library made for each format: unpdf (PDF.js) for PDF, mammoth for DOCX,
 * node-html-parser for HTML, marked's lexer for Markdown.
 */

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
export const DOCUMENT_TOO_LARGE = 'This document is larger than 10 MB. Please upload a smaller one.'
const NOT_A_DOCUMENT =
  'This file is not a document we can read. Please upload a PDF, Word (.docx), HTML, Markdown or plain-text file.'

export const DOCUMENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  md: 'text/markdown',
  txt: 'text/plain',
} as const
export type DocumentKind = keyof typeof DOCUMENT_TYPES

export class DocumentRejected extends DomainError {
  constructor(message: string, status: 400 | 413, field?: string) {
    super(message, status, field)
  }
}

export interface ParsedDocument extends DocumentLayout {
  kind: DocumentKind
  mimeType: string
  /** from the document's metadata (PDF info, HTML <title>) or its first heading */
  title: string | null
  pages: number | null
}

const HTML_START = /^\s*(<!--[\s\S]*?-->\s*)*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i
const HTML_TAGS = /<(p|div|h[1-6]|ul|ol|li|table|article|section|br)[\s>/]/gi
const MARKDOWN_SIGNS =
  /^(#{1,6}\s+\S|```|~~~|\s*[-*+]\s+\S|\s*\d+\.\s+\S|>\s|\|.*\|\s*$)|\[[^\]]+\]\([^)]+\)|\*\*[^*]+\*\*/gm

/** The kind of a document from its content. Throws DocumentRejected when it is none we read. */
export async function detectDocumentKind(bytes: Uint8Array, field?: string): Promise<DocumentKind> {
  if (bytes.byteLength === 0) throw new DocumentRejected('This file is empty.', 400, field)
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) throw new DocumentRejected(DOCUMENT_TOO_LARGE, 413, field)
  const detected = await fileTypeFromBuffer(bytes)
  if (detected) {
    if (detected.mime === DOCUMENT_TYPES.pdf) return 'pdf'
    if (detected.mime === DOCUMENT_TYPES.docx) return 'docx'
    throw new DocumentRejected(NOT_A_DOCUMENT, 400, field)
  }
  const text = decodeText(bytes)
  if (text === null) throw new DocumentRejected(NOT_A_DOCUMENT, 400, field)
  return textKind(text)
}

/** Strict UTF-8 (a BOM is allowed); null for binary data or another encoding. */
function decodeText(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    if (/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 64 * 1024))) return null
    return text
  } catch {
    return null
  }
}

export function textKind(text: string): 'html' | 'md' | 'txt' {
  const head = text.slice(0, 4096)
  if (HTML_START.test(head) || (head.trimStart().startsWith('<') && (head.match(HTML_TAGS)?.length ?? 0) >= 2))
    return 'html'
  const signs = text.slice(0, 64 * 1024).match(MARKDOWN_SIGNS)?.length ?? 0
  return /^#{1,6}\s+\S/m.test(head) || signs >= 3 ? 'md' : 'txt'
}

/** Detects the kind and extracts the document; unreadable content throws Invalid (400). */
export async function parseDocument(bytes: Uint8Array, field?: string): Promise<ParsedDocument> {
  const kind = await detectDocumentKind(bytes, field)
  let blocks: Block[]
  let title: string | null = null
  try {
    if (kind === 'pdf') ({ blocks, title } = await pdfBlocks(bytes))
    else if (kind === 'docx') blocks = await docxBlocks(bytes)
    else {
      const text = decodeText(bytes)!.replace(/^\uFEFF/, '')
      if (kind === 'html') ({ blocks, title } = htmlBlocks(text))
      else if (kind === 'md') blocks = markdownBlocks(text)
      else blocks = plainTextBlocks(text)
    }
  } catch (error) {
    throw new Invalid(`This ${kind.toUpperCase()} file could not be read (${shortError(error)}).`, field)
  }
  const layout = assembleLayout(blocks)
  if (!layout.content) throw new Invalid('This document contains no text we could extract.', field)
  return {
    ...layout,
    kind,
    mimeType: DOCUMENT_TYPES[kind],
    title: title?.trim() || firstHeading(layout),
    pages: kind === 'pdf' ? (pageCount(layout) ?? 0) : null,
  }
}

function shortError(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200)
}

// ── plain text ────────────────────────────────────────────────────────────────────────────────

/** Paragraphs are separated by blank lines; plain text has no headings. */
export function plainTextBlocks(text: string): Block[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => ({ kind: 'paragraph' as const, text: paragraph }))
}

// ── Markdown ──────────────────────────────────────────────────────────────────────────────────

/** Inline Markdown (emphasis, links, code spans) reduced to its text. */
function inlineText(tokens: Token[] | undefined, fallback: string): string {
  if (!tokens) return fallback
  return tokens
    .map((token) => {
      if ('tokens' in token && token.tokens) return inlineText(token.tokens, token.raw)
      if (token.type === 'br') return '\n'
      if (token.type === 'image') return (token as Tokens.Image).text
      return 'text' in token ? decodeEntities(String(token.text)) : ''
    })
    .join('')
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'quot' ? '"' : "'",
  )
}

export function markdownBlocks(text: string): Block[] {
  const blocks: Block[] = []
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      switch (token.type) {
        case 'heading': {
          const heading = token as Tokens.Heading
          blocks.push({ kind: 'heading', level: heading.depth, text: inlineText(heading.tokens, heading.text) })
          break
        }
        case 'paragraph': {
          const paragraph = token as Tokens.Paragraph
          blocks.push({ kind: 'paragraph', text: inlineText(paragraph.tokens, paragraph.text) })
          break
        }
        case 'code':
          blocks.push({ kind: 'code', text: (token as Tokens.Code).text })
          break
        case 'table': {
          const table = token as Tokens.Table
          const row = (cells: Tokens.TableCell[]) => cells.map((cell) => inlineText(cell.tokens, cell.text)).join(' | ')
          blocks.push({ kind: 'table', text: [row(table.header), ...table.rows.map(row)].join('\n') })
          break
        }
        case 'list': {
          const list = token as Tokens.List
          for (const item of list.items) {
            const inner = item.tokens.filter((t) => t.type !== 'list')
            blocks.push({
              kind: 'paragraph',
              text: inner.map((t) => inlineText('tokens' in t ? t.tokens : undefined, t.raw)).join(' '),
            })
            walk(item.tokens.filter((t) => t.type === 'list'))
          }
          break
        }
        case 'blockquote':
          walk((token as Tokens.Blockquote).tokens)
          break
        case 'html':
        case 'text':
          if ('text' in token && String(token.text).trim()) blocks.push({ kind: 'paragraph', text: String(token.text) })
          break
        default:
          break
      }
    }
  }
  walk(marked.lexer(text.replace(/\r\n?/g, '\n')))
  return blocks
}

// ── HTML (and DOCX through mammoth's HTML) ────────────────────────────────────────────────────

const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'nav',
  'head',
  'iframe',
  'form',
  'button',
])
const PARAGRAPH_TAGS = new Set(['p', 'li', 'dt', 'dd', 'blockquote', 'figcaption', 'caption', 'summary', 'address'])

function textOf(element: HtmlNode): string {
  return element.text
}

export function htmlBlocks(html: string): { blocks: Block[]; title: string | null } {
  const root = parseHtmlDocument(html, {
    comment: false,
    blockTextElements: { script: false, style: false, pre: true },
  })
  const title = root.querySelector('title')?.text.trim() || null
  const blocks: Block[] = []
  let loose = ''
  const flushLoose = () => {
    if (loose.trim()) blocks.push({ kind: 'paragraph', text: loose })
    loose = ''
  }
  const walk = (node: HtmlNode) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      loose += textOf(node)
      return
    }
    if (node.nodeType !== NodeType.ELEMENT_NODE) return
    const element = node as HTMLElement
    const tag = element.rawTagName?.toLowerCase() ?? ''
    if (SKIPPED_TAGS.has(tag)) return
    const heading = /^h([1-6])$/.exec(tag)
    if (heading) {
      flushLoose()
      blocks.push({ kind: 'heading', level: Number(heading[1]), text: textOf(element) })
    } else if (tag === 'pre') {
      flushLoose()
      blocks.push({ kind: 'code', text: textOf(element) })
    } else if (tag === 'table') {
      flushLoose()
      const rows = element.querySelectorAll('tr').map((row) =>
        row
          .querySelectorAll('th,td')
          .map((cell) => textOf(cell).replace(/\s+/g, ' ').trim())
          .join(' | '),
      )
      blocks.push({ kind: 'table', text: rows.join('\n') })
    } else if (PARAGRAPH_TAGS.has(tag) && !element.querySelector('p,li,h1,h2,h3,h4,h5,h6,pre,table')) {
      flushLoose()
      blocks.push({ kind: 'paragraph', text: textOf(element) })
    } else if (tag === 'br') {
      loose += '\n'
    } else {
      const block = ![
        'a',
        'span',
        'strong',
        'em',
        'b',
        'i',
        'u',
        'code',
        'small',
        'sub',
        'sup',
        'mark',
        'abbr',
      ].includes(tag)
      if (block) flushLoose()
      for (const child of element.childNodes) walk(child)
      if (block) flushLoose()
    }
  }
  walk(root.querySelector('body') ?? root)
  flushLoose()
  return { blocks, title }
}

async function docxBlocks(bytes: Uint8Array): Promise<Block[]> {
  const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
  return htmlBlocks(result.value).blocks
}

// ── PDF ───────────────────────────────────────────────────────────────────────────────────────

interface PdfLine {
  text: string
  fontSize: number
  y: number
  page: number
}

function pdfLines(items: StructuredTextItem[][]): PdfLine[] {
  const lines: PdfLine[] = []
  items.forEach((pageItems, pageIndex) => {
    let text = ''
    let fontSize = 0
    let y = Number.NaN
    const flush = () => {
      if (text.trim()) lines.push({ text: text.replace(/\s+/g, ' ').trim(), fontSize, y, page: pageIndex + 1 })
      text = ''
      fontSize = 0
      y = Number.NaN
    }
    for (const item of pageItems) {
      // A new line also starts when an item sits lower than the line so far (no EOL flag between them).
      if (text && !Number.isNaN(y) && Math.abs(item.y - y) > Math.max(2, item.fontSize * 0.5)) flush()
      if (Number.isNaN(y)) y = item.y
      text += item.str
      if (item.str.trim()) fontSize = Math.max(fontSize, item.fontSize)
      if (item.hasEOL) flush()
    }
    flush()
  })
  return lines
}

/** The font size most characters are set in: the body text. */
function bodyFontSize(lines: PdfLine[]): number {
  const weight = new Map<number, number>()
  for (const line of lines) {
    const size = Math.round(line.fontSize * 2) / 2
    weight.set(size, (weight.get(size) ?? 0) + line.text.length)
  }
  let best = 0
  let bestWeight = -1
  for (const [size, w] of weight) if (w > bestWeight) [best, bestWeight] = [size, w]
  return best
}

/**
 * Lines to blocks: a short line set clearly larger than the body text is a heading (its level by
 * its size among the heading sizes); body lines join into a paragraph until a vertical gap, a
 * page break or a heading.
 */
export function pdfLinesToBlocks(lines: PdfLine[]): Block[] {
  const body = bodyFontSize(lines)
  const isHeading = (line: PdfLine) => line.fontSize >= body * 1.15 && line.text.split(' ').length <= 16
  const headingSizes = [...new Set(lines.filter(isHeading).map((line) => Math.round(line.fontSize)))].sort(
    (a, b) => b - a,
  )
  const blocks: Block[] = []
  let paragraph: PdfLine[] = []
  const flush = () => {
    if (!paragraph.length) return
    let text = ''
    for (const line of paragraph) {
      if (text.endsWith('-') && /^[a-z]/.test(line.text)) text = text.slice(0, -1) + line.text
      else text += (text ? ' ' : '') + line.text
    }
    blocks.push({ kind: 'paragraph', text, page: paragraph[0]!.page })
    paragraph = []
  }
  for (const line of lines) {
    if (isHeading(line)) {
      flush()
      const level = Math.min(6, headingSizes.indexOf(Math.round(line.fontSize)) + 1)
      const previous = blocks.at(-1)
      // A heading wrapped over two lines of the same size is one heading.
      if (previous?.kind === 'heading' && previous.level === level && previous.page === line.page)
        previous.text += ` ${line.text}`
      else blocks.push({ kind: 'heading', level, text: line.text, page: line.page })
      continue
    }
    const last = paragraph.at(-1)
    if (
      last &&
      (last.page !== line.page || last.y - line.y > Math.max(last.fontSize, line.fontSize) * 1.8 || line.y > last.y)
    )
      flush()
    paragraph.push(line)
  }
  flush()
  return blocks
}

async function pdfBlocks(bytes: Uint8Array): Promise<{ blocks: Block[]; title: string | null }> {
  // PDF.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 })
  try {
    const { items } = await extractTextItems(pdf)
    const meta = await getMeta(pdf).catch(() => null)
    const title = typeof meta?.info?.Title === 'string' ? (meta.info.Title as string) : null
    return { blocks: pdfLinesToBlocks(pdfLines(items)), title }
  } finally {
    await pdf.loadingTask.destroy()
  }
}
