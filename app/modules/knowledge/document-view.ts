/**
 * The document page's shape (pure): a document's chunks, in order, grouped into sections by the
 * heading (or section) they were cut under, each section with a slug unique in the document and
 * each chunk anchored as `#chunk-<id>`, so a citation or a search result can link to the passage.
 */

export interface ViewChunk {
  id: string
  content: string
  heading: string | null
  page: number | null
}

export interface ViewSection {
  heading: string | null
  slug: string
  chunks: { id: string; anchor: string; content: string; page: number | null }[]
}

export const chunkAnchor = (chunkId: string) => `chunk-${chunkId}`

export function documentHref(documentId: string, chunkId?: string | null): string {
  return `/documents/${documentId}${chunkId ? `#${chunkAnchor(chunkId)}` : ''}`
}

export function slugOf(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'section'
  )
}

/** Consecutive chunks under the same heading make one section; a heading met again later starts a new one. */
export function documentSections(chunks: readonly ViewChunk[]): ViewSection[] {
  const sections: ViewSection[] = []
  const used = new Map<string, number>()
  for (const chunk of chunks) {
    let section = sections.at(-1)
    if (!section || section.heading !== chunk.heading) {
      const base = chunk.heading ? slugOf(chunk.heading) : 'start'
      const seen = used.get(base) ?? 0
      used.set(base, seen + 1)
      section = { heading: chunk.heading, slug: seen === 0 ? base : `${base}-${seen + 1}`, chunks: [] }
      sections.push(section)
    }
    section.chunks.push({ id: chunk.id, anchor: chunkAnchor(chunk.id), content: chunk.content, page: chunk.page })
  }
  return sections
}

/** Where a document came from, for its page: an uploaded file's name, a web address, or a path. */
export function sourceOf(source: string | null): { kind: 'file' | 'url' | 'path'; label: string } | null {
  if (!source) return null
  if (source.startsWith('upload:')) return { kind: 'file', label: source.slice('upload:'.length) }
  if (/^https?:\/\//i.test(source)) return { kind: 'url', label: source }
  return { kind: 'path', label: source }
}
