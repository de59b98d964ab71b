import type { DocumentLayout, PlacedBlock } from './document-layout'

/**
 * Splitting a document into retrievable chunks (pure). Structure first: a chunk never crosses a
 * heading, and inside a section it ends at a block (paragraph, code, table) boundary when one is
 * near, else at a sentence end, else mid-paragraph. Sizes are counted in words, which stand in
 * for tokens (English prose runs ~1.3 tokens a word, so the 200–400 word window is well within
 * any embedding model's 512-token input). Consecutive chunks of one section overlap by a few
 * words so that a sentence cut in two is whole in one of them. Each chunk is an exact slice of
 * Document.content: `content === text.slice(charStart, charEnd)`, for citations.
 */

export interface ChunkOptions {
  /** the size a long section is cut to when no boundary is near */
  targetTokens: number
  /** never more than this */
  maxTokens: number
  /** a boundary is looked for only after this many words */
  minTokens: number
  /** words repeated at the start of the next chunk of the same section */
  overlapTokens: number
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = {
  targetTokens: 300,
  maxTokens: 400,
  minTokens: 200,
  overlapTokens: 40,
}

export type ChunkKind = 'text' | 'heading' | 'table' | 'code'

export interface ChunkDraft {
  index: number
  content: string
  chunkType: ChunkKind
  location: {
    /** the nearest heading above the chunk */
    heading: string | null
    /** the heading path, outermost first: "Guide › Fractions › Adding" */
    section: string | null
    page: number | null
    charStart: number
    charEnd: number
  }
  /** words, approximating tokens */
  tokenCount: number
}

interface Word {
  start: number
  end: number
  block: PlacedBlock
  /** first word of its block */
  blockStart: boolean
}

interface Section {
  headingPath: string[]
  blocks: PlacedBlock[]
}

const SENTENCE_END = /[.!?;:]["'”’)\]]*$/
export const SECTION_SEPARATOR = ' › '

/** Groups blocks under their headings; a heading with no body of its own joins the next section. */
function sections(layout: DocumentLayout): Section[] {
  const result: Section[] = []
  const stack: { level: number; text: string }[] = []
  let current: Section = { headingPath: [], blocks: [] }
  const hasBody = (section: Section) => section.blocks.some((block) => block.kind !== 'heading')
  for (const block of layout.blocks) {
    if (block.kind === 'heading') {
      if (hasBody(current)) {
        result.push(current)
        current = { headingPath: [], blocks: [] }
      }
      const level = block.level ?? 1
      while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop()
      stack.push({ level, text: layout.content.slice(block.charStart, block.charEnd) })
      current.headingPath = stack.map((entry) => entry.text)
    }
    current.blocks.push(block)
  }
  if (current.blocks.length) result.push(current)
  return result
}

function wordsOf(layout: DocumentLayout, blocks: PlacedBlock[]): Word[] {
  const words: Word[] = []
  for (const block of blocks) {
    const text = layout.content.slice(block.charStart, block.charEnd)
    let first = true
    for (const match of text.matchAll(/\S+/g)) {
      const start = block.charStart + match.index
      words.push({ start, end: start + match[0].length, block, blockStart: first })
      first = false
    }
  }
  return words
}

/** Where the chunk starting at `start` ends (exclusive word index). */
function cutAt(content: string, words: Word[], start: number, options: ChunkOptions): number {
  const n = words.length
  if (n - start <= options.maxTokens) return n
  const from = start + options.minTokens
  const limit = start + options.maxTokens
  for (let i = limit; i >= from; i--) if (words[i]?.blockStart) return i
  for (let i = limit - 1; i >= from - 1; i--) {
    const word = words[i]!
    if (SENTENCE_END.test(content.slice(word.start, word.end))) return i + 1
  }
  return start + options.targetTokens
}

function kindOf(words: Word[]): ChunkKind {
  const kinds = new Set(words.map((word) => word.block.kind))
  if (kinds.size === 1 && kinds.has('heading')) return 'heading'
  kinds.delete('heading')
  if (kinds.size === 1 && kinds.has('code')) return 'code'
  if (kinds.size === 1 && kinds.has('table')) return 'table'
  return 'text'
}

export function chunkDocument(layout: DocumentLayout, options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): ChunkDraft[] {
  if (!(options.minTokens <= options.targetTokens && options.targetTokens <= options.maxTokens))
    throw new Error('chunk sizes must satisfy min ≤ target ≤ max')
  if (options.overlapTokens < 0 || options.overlapTokens >= options.minTokens)
    throw new Error('the overlap must be smaller than the minimum chunk')
  const chunks: ChunkDraft[] = []
  for (const section of sections(layout)) {
    const words = wordsOf(layout, section.blocks)
    let start = 0
    while (start < words.length) {
      const end = cutAt(layout.content, words, start, options)
      const slice = words.slice(start, end)
      const charStart = slice[0]!.start
      const charEnd = slice[slice.length - 1]!.end
      chunks.push({
        index: chunks.length,
        content: layout.content.slice(charStart, charEnd),
        chunkType: kindOf(slice),
        location: {
          heading: section.headingPath.at(-1) ?? null,
          section: section.headingPath.length ? section.headingPath.join(SECTION_SEPARATOR) : null,
          page: slice[0]!.block.page,
          charStart,
          charEnd,
        },
        tokenCount: slice.length,
      })
      if (end >= words.length) break
      start = Math.max(end - options.overlapTokens, start + 1)
    }
  }
  return chunks
}
