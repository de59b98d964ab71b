import type { LoaderFunctionArgs } from '@remix-run/node'
import { leagueBoard } from '~/modules/challenges/league.server'
import { requireApiUser } from '~/utils/api.server'
import { serverNow } from '~/utils/clock.server'
import { NotFound } from '~/utils/errors.server'
import { api, json } from '~/utils/http.server'

/**
 * GET /api/league (docs/api.md): the signed-in learner's league this week — their cohort ranked
 * by XP, who goes up and down, the time left in their week. Places them if they have no cohort yet.
 */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request)
  const board = await leagueBoard(user.id, serverNow())
  if (!board) throw new NotFound('There is no league for this account.')
  return json(board)
})
