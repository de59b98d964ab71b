import { z } from 'zod'
import { MAX_QUERY_LENGTH, MIN_QUERY_LENGTH } from './search-query'

export const SEARCH_KINDS = ['topics', 'tasks', 'quests', 'nuggets', 'documents'] as const
export type SearchKind = (typeof SEARCH_KINDS)[number]

/** Hits per kind: on the page of all kinds, and at most (one kind's page, the API). */
export const DEFAULT_PER_KIND = 5
export const MAX_PER_KIND = 50

/** `?q=` of the search page and the API: trimmed, 2 to 100 characters, with at least one word. */
export const SearchText = z
  .string()
  .trim()
  .min(MIN_QUERY_LENGTH, `Type at least ${MIN_QUERY_LENGTH} characters to search.`)
  .max(MAX_QUERY_LENGTH, `A search can be at most ${MAX_QUERY_LENGTH} characters.`)
  .refine((text) => /[\p{L}\p{N}]/u.test(text), 'Type a word to search for (letters or digits).')

/** `?kind=` narrows the results to one kind, shown at greater length. */
export const SearchKindParam = z.enum(SEARCH_KINDS)

export type SearchParams =
  { ok: true; text: string; kind: SearchKind | null } | { ok: false; text: string; problem: string | null }

/**
 * The query string of a search. An empty box is not an error (problem null: nothing to say yet);
 * a too short or too long one is a message to show beside the box, never a 4xx page.
 */
export function parseSearchParams(params: URLSearchParams): SearchParams {
  const raw = params.get('q') ?? ''
  const kindRaw = params.get('kind')
  if (raw.trim() === '') return { ok: false, text: '', problem: null }
  const text = SearchText.safeParse(raw)
  if (!text.success)
    return { ok: false, text: raw.slice(0, MAX_QUERY_LENGTH * 2), problem: text.error.issues[0]!.message }
  const kind = kindRaw === null || kindRaw === '' ? null : SearchKindParam.safeParse(kindRaw)
  if (kind && !kind.success)
    return { ok: false, text: text.data, problem: `Unknown kind of result: choose one of ${SEARCH_KINDS.join(', ')}.` }
  return { ok: true, text: text.data, kind: kind ? kind.data : null }
}
