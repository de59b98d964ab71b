/**
 * Pure rules of hybrid retrieval (no I/O): turning a learner's question into a safe FTS5 query,
 * how far to over-fetch the vector index before the scope filter, and reciprocal rank fusion of
 * the vector and full-text rankings. docs/retrieval.md explains the choices.
 */

export type RetrievalSide = 'vector' | 'text'

/** The constant of reciprocal rank fusion (Cormack et al. 2009): score = Σ 1 / (k + rank). */
export const RRF_K = 60

/** Passages returned when the caller asks for no particular number, and the most it may ask for. */
export const DEFAULT_PASSAGE_LIMIT = 8
export const MAX_PASSAGE_LIMIT = 50

/** At most this many query terms reach FTS5 (a pasted page should not become a 2,000-term OR). */
export const MAX_QUERY_TERMS = 32
/** Longest term kept (longer "words" are pasted hashes or base64, never useful to match). */
export const MAX_TERM_LENGTH = 64

export function passageLimit(requested: number | undefined): number {
  if (requested === undefined || !Number.isFinite(requested)) return DEFAULT_PASSAGE_LIMIT
  return Math.min(MAX_PASSAGE_LIMIT, Math.max(1, Math.floor(requested)))
}

/**
 * The FTS5 MATCH expression for free text, or null when nothing searchable is left.
 *
 * Only runs of letters and digits survive, each wrapped in double quotes, joined with OR: a quoted
 * string is always a plain phrase in FTS5, so nothing a user types — `NEAR(`, `"`, `*`, `^`, `:`,
 * `-`, `AND`/`OR`/`NOT`, column filters, SQL — can become an operator. (The expression is bound as a
 * parameter, never spliced into SQL.) OR rather than the implicit AND: bm25() then ranks the
 * chunks that match more of the terms, and rarer ones, first, and a question with one word
 * missing from the document still finds it.
 */
export function ftsMatchExpression(text: string): string | null {
  const seen = new Set<string>()
  const terms: string[] = []
  for (const match of text.normalize('NFKC').matchAll(/[\p{L}\p{N}]+/gu)) {
    const term = match[0].toLowerCase()
    if (term.length > MAX_TERM_LENGTH || seen.has(term)) continue
    seen.add(term)
    terms.push(`"${term}"`)
    if (terms.length === MAX_QUERY_TERMS) break
  }
  return terms.length === 0 ? null : terms.join(' OR ')
}

/**
 * vector_top_k's k for each pass. The index knows nothing of teams or models: it returns the k
 * nearest chunks of the whole table and the scope is applied after (a post-filter). The first
 * pass over-fetches 10× the limit; when fewer than `limit` survive and the index had more to give,
 * a second pass asks for 100× (capped), which finds a small team's chunks inside a large library.
 */
export const VECTOR_PASS_FACTORS = [10, 100] as const
export const MAX_VECTOR_K = 2_000

export function vectorPassK(limit: number, pass: number): number | null {
  const factor = VECTOR_PASS_FACTORS[pass]
  if (factor === undefined) return null
  const k = Math.min(MAX_VECTOR_K, limit * factor)
  // a pass that would ask for no more than the one before it is pointless
  const previous = pass === 0 ? 0 : Math.min(MAX_VECTOR_K, limit * VECTOR_PASS_FACTORS[pass - 1]!)
  return k > previous ? k : null
}

/** Whether another, larger pass may find more: too few survived and the index returned all it was asked for. */
export function needsAnotherVectorPass(input: { limit: number; fetched: number; k: number; kept: number }): boolean {
  return input.kept < input.limit && input.fetched >= input.k
}

export interface RankedList {
  via: RetrievalSide
  /** ids best first */
  ids: readonly string[]
}

export interface FusedHit {
  id: string
  score: number
  via: RetrievalSide[]
  /** the best (lowest, 1-based) rank the id had in any list: the tie-breaker */
  bestRank: number
}

/**
 * Reciprocal rank fusion: each list adds 1 / (k + rank) (rank 1-based) to each id it holds; the
 * fused order is by that sum, then by the best single rank, then by id (a stable, total order).
 * An id repeated inside one list counts once, at its first rank.
 */
export function reciprocalRankFusion(lists: readonly RankedList[], k: number = RRF_K): FusedHit[] {
  const hits = new Map<string, FusedHit>()
  for (const list of lists) {
    const seen = new Set<string>()
    list.ids.forEach((id, index) => {
      if (seen.has(id)) return
      seen.add(id)
      const rank = index + 1
      const hit = hits.get(id) ?? { id, score: 0, via: [], bestRank: rank }
      hit.score += 1 / (k + rank)
      if (!hit.via.includes(list.via)) hit.via.push(list.via)
      hit.bestRank = Math.min(hit.bestRank, rank)
      hits.set(id, hit)
    })
  }
  const order: RetrievalSide[] = ['vector', 'text']
  return [...hits.values()]
    .map((hit) => ({ ...hit, via: order.filter((side) => hit.via.includes(side)) }))
    .sort((a, b) => b.score - a.score || a.bestRank - b.bestRank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
