import type { LoaderFunctionArgs } from '@remix-run/node'
import { challengeDetail } from '~/modules/challenges/challenge-detail.server'
import { requireApiUser } from '~/utils/api.server'
import { serverNow } from '~/utils/clock.server'
import { api, json } from '~/utils/http.server'

/**
 * GET /api/challenges/:challengeId: one challenge with its board — `{ challenge, timeLeft, joined,
 * mayJoin, board: { top, around, me, meInTop }, chart }` (docs/api.md). A team challenge answers
 * 404 to anyone outside the team.
 */
export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request)
  return json(await challengeDetail(user, params.challengeId, serverNow()))
})
