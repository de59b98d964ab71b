import type { LoaderFunctionArgs } from '@remix-run/node'
import { trophyCase } from '~/modules/achievements/trophies.server'
import { requireApiUser } from '~/utils/api.server'
import { serverNow } from '~/utils/clock.server'
import { api, json } from '~/utils/http.server'

/**
 * GET /api/achievements: the signed-in learner's trophy case — `{ earned, locked, hidden,
 * activeLearners, counts }` (see TrophyCase in app/modules/achievements/trophies.server.ts).
 * Hidden achievements not yet earned are `{ "name": "???", rarity, share }` and nothing more.
 */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request)
  return json(await trophyCase(user.id, serverNow()))
})
