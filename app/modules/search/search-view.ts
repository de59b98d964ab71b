import type { SearchKind } from './search-input'

/** The heading of each kind of result on the search page, in the order shown. */
export const KIND_LABELS: Record<SearchKind, string> = {
  topics: 'Topics',
  tasks: 'Tasks you have practised',
  quests: 'Quests',
  nuggets: 'Nuggets',
  documents: 'Documents',
}

/** The link to more results of one kind. */
export function moreHref(text: string, kind: SearchKind): string {
  return `/search?${new URLSearchParams({ q: text, kind }).toString()}`
}
