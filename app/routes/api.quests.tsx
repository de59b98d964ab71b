import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { QuestCreate, QuestFilters } from '~/modules/quests/quest-input'
import { createQuest, listQuests, questDetail } from '~/modules/quests/quests.server'
import { activityContext } from '~/utils/activity.server'
import { bodyValues, parseValues, queryValues, requireApiUser } from '~/utils/api.server'
import { serverNow } from '~/utils/clock.server'
import { api, apiError, json } from '~/utils/http.server'

/**
 * GET /api/quests?status=&priority=&categoryId=&tagId= — the signed-in learner's quests
 * (`{ own, assigned }`, archived ones only with status=archived).
 * POST /api/quests — JSON or a form with title, description?, difficulty, priority,
 * estimatedDuration, categoryId?, tagIds?, steps? (`[{ title, goal? }]`), draft?: 201 with
 * the new quest. XP is never taken from the request. 400 names the field; 401 signed out.
 */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request)
  return json(await listQuests(user.id, QuestFilters.parse(queryValues(request))))
})

export const action = api(async ({ request }: ActionFunctionArgs) => {
  const user = await requireApiUser(request)
  if (request.method !== 'POST') return apiError(405, 'Create quests with POST.', { headers: { Allow: 'GET, POST' } })
  const input = parseValues(await bodyValues(request, { multi: ['tagIds'] }), QuestCreate)
  const { id } = await createQuest(user.id, input, serverNow(), activityContext(request, user.sessionId))
  return json(await questDetail(user.id, id), 201)
})
