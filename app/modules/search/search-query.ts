/**
 * The search box's text as an FTS5 query, and FTS5's marked snippets as plain segments (issue 15,
 * item 2; docs/search.md). Pure, no I/O.
 */

export const MIN_QUERY_LENGTH = 2
export const MAX_QUERY_LENGTH = 100
export const MAX_QUERY_TERMS = 8
const MAX_TERM_LENGTH = 40

/**
 * A safe FTS5 MATCH expression: the words (letters and digits) of the text, each quoted as a
 * string, all required (FTS5's implicit AND), the last a prefix (`"frac"*`) so that results follow
 * the learner's typing. Only letters and digits get inside the quotes, so nothing the learner types
 * — `"`, `*`, `NEAR`, `-`, `AND`/`OR`/`NOT`, `col:`, `^` — can become an operator. Null when the
 * text has no word.
 */
export function searchMatchExpression(text: string): string | null {
  const seen = new Set<string>()
  const terms: string[] = []
  for (const match of text.normalize('NFKC').matchAll(/[\p{L}\p{N}]+/gu)) {
    const term = match[0].toLowerCase().slice(0, MAX_TERM_LENGTH)
    if (seen.has(term)) continue
    seen.add(term)
    terms.push(term)
    if (terms.length === MAX_QUERY_TERMS) break
  }
  if (terms.length === 0) return null
  return terms.map((term, i) => (i === terms.length - 1 ? `"${term}"*` : `"${term}"`)).join(' ')
}

/**
 * The markers highlight()/snippet() put around a matched term: control characters, which the
 * indexed text never shows to a reader (they are dropped from it before splitting).
 */
export const MARK_OPEN = '\u0002'
export const MARK_CLOSE = '\u0003'

export interface Segment {
  text: string
  marked: boolean
}

/**
 * FTS5's marked text as segments to render as text (React escapes it) with the marked ones in
 * `<mark>`: no HTML from the indexed rows ever reaches the page as markup.
 */
export function markedSegments(marked: string | null): Segment[] {
  if (!marked) return []
  const segments: Segment[] = []
  for (const [i, part] of marked.split(MARK_OPEN).entries()) {
    const close = part.indexOf(MARK_CLOSE)
    if (i === 0 || close === -1) {
      push(segments, part.replaceAll(MARK_CLOSE, ''), false)
      continue
    }
    push(segments, part.slice(0, close), true)
    push(segments, part.slice(close + 1).replaceAll(MARK_CLOSE, ''), false)
  }
  return segments
}

function push(segments: Segment[], text: string, marked: boolean) {
  if (text === '') return
  const last = segments.at(-1)
  if (last && last.marked === marked) last.text += text
  else segments.push({ text, marked })
}
