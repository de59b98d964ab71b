import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { DEFAULT_PER_KIND, MAX_PER_KIND, SearchKindParam, SearchText } from '~/modules/search/search-input'
import { search } from '~/modules/search/search.server'
import { parseValues, queryValues, requireApiUser } from '~/utils/api.server'
import { api, json } from '~/utils/http.server'

const Query = z.object({
  q: SearchText,
  kind: SearchKindParam.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PER_KIND).default(DEFAULT_PER_KIND),
})

/**
 * GET /api/search?q=&kind=&limit= — the search page's results as JSON: per kind, the hits (title
 * and snippet as segments, `marked` for a matched word) and whether there are more. docs/api.md.
 */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request)
  const { q, kind, limit } = parseValues(queryValues(request), Query)
  return json(await search(user.id, q, { kind: kind ?? null, perKind: limit }))
})
