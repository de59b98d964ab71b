/**
 * Splits plain text into text and web links, so that a page can show an e-mail's
 * text body with its links clickable without ever rendering its HTML.
 */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; href: string }

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g
// A sentence's full stop or a closing bracket after a link is not part of it.
const TRAILING = /[.,;:!?)\]]+$/

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = []
  let last = 0
  for (const match of text.matchAll(URL_PATTERN)) {
    const href = match[0].replace(TRAILING, '')
    if (!isWebUrl(href)) continue
    const start = match.index
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) })
    parts.push({ kind: 'link', href })
    last = start + href.length
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) })
  return parts
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}
