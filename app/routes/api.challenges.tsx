import type { LoaderFunctionArgs } from '@remix-run/node'
import { ChallengeListQuery } from '~/modules/challenges/challenge-input'
import { listChallenges } from '~/modules/challenges/challenges.server'
import { parseValues, queryValues, requireApiUser } from '~/utils/api.server'
import { serverNow } from '~/utils/clock.server'
import { api, json } from '~/utils/http.server'

/**
 * GET /api/challenges[?team=<teamId>]: the challenges the signed-in learner can see, as
 * `{ running, upcoming, ended }` — each `{ id, title, difficulty, metric, startDate, endDate, status,
 * team, joined, myScore }` (docs/api.md). `team` limits it to one of the learner's teams.
 */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request)
  const query = parseValues(queryValues(request), ChallengeListQuery)
  return json(await listChallenges(user.id, serverNow(), { teamId: query.team }))
})
