/**
 * The structure every parser produces (pure): a list of blocks — headings with their level,
 * paragraphs, code and tables, each with its page for PDFs — and the plain text made of them,
 * which is what Document.content stores. Each placed block knows where it lies in that text
 * (charStart inclusive, charEnd exclusive), so a chunk made of blocks can cite its exact span.
 */

export type BlockKind = 'heading' | 'paragraph' | 'code' | 'table'

export interface Block {
  kind: BlockKind
  text: string
  /** 1–6 for headings */
  level?: number
  /** 1-based page (PDF only) */
  page?: number | null
}

export interface PlacedBlock {
  kind: BlockKind
  level: number | null
  page: number | null
  charStart: number
  charEnd: number
}

export interface DocumentLayout {
  /** the extracted plain text: the blocks joined by blank lines */
  content: string
  blocks: PlacedBlock[]
}

const BLOCK_SEPARATOR = '\n\n'

/** Normalises each block's whitespace (code keeps its lines) and drops empty ones. */
function cleanText(block: Block): string {
  if (block.kind === 'code') return block.text.replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, '')
  if (block.kind === 'table')
    return block.text
      .split(/\r?\n/)
      .map((line) => line.replace(/[ \t]+/g, ' ').trim())
      .filter(Boolean)
      .join('\n')
  return block.text.replace(/\s+/g, ' ').trim()
}

export function assembleLayout(blocks: readonly Block[]): DocumentLayout {
  let content = ''
  const placed: PlacedBlock[] = []
  for (const block of blocks) {
    const text = cleanText(block)
    if (!text) continue
    if (content) content += BLOCK_SEPARATOR
    const charStart = content.length
    content += text
    placed.push({
      kind: block.kind,
      level: block.kind === 'heading' ? Math.min(6, Math.max(1, block.level ?? 1)) : null,
      page: block.page ?? null,
      charStart,
      charEnd: content.length,
    })
  }
  return { content, blocks: placed }
}

/** The first heading's text, for a document's title when it has none of its own. */
export function firstHeading(layout: DocumentLayout): string | null {
  const heading = layout.blocks.find((block) => block.kind === 'heading')
  return heading ? layout.content.slice(heading.charStart, heading.charEnd) : null
}

/** The page count of a layout (highest page seen), null when it has no pages. */
export function pageCount(layout: DocumentLayout): number | null {
  let pages: number | null = null
  for (const block of layout.blocks) if (block.page != null) pages = Math.max(pages ?? 0, block.page)
  return pages
}
