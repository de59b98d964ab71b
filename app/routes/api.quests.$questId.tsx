import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { afterQuestCompleted } from '~/modules/progress-events.server'
import { runQuestAction } from '~/modules/quests/quest-actions.server'
import { QuestAction, QuestEdit, QuestId } from '~/modules/quests/quest-input'
import { moveNotice } from '~/modules/quests/quest-view'
import { NO_QUEST, questDetail } from '~/modules/quests/quests.server'
import { activityContext } from '~/utils/activity.server'
import { bodyValues, parseValues, requireApiUser } from '~/utils/api.server'
import { serverNow } from '~/utils/clock.server'
import { NotFound } from '~/utils/errors.server'
import { api, apiError, json } from '~/utils/http.server'

/**
 * GET /api/quests/:questId — one quest of the signed-in learner (404 for anyone else's).
 * PATCH — edits its fields (title, description?, difficulty, priority, estimatedDuration,
 * categoryId?, tagIds?). POST — one action, as the quest page's forms send it:
 * `{ intent: 'move', move: 'activate'|'start'|'complete'|'reopen'|'archive' }`, `add-step`,
 * `remove-step`, `tick-step`, `move-step`, `add-dependency`, `remove-dependency`, `rate`.
 * Answers `{ notice, paid, unlocked, quest }`; 409 for a move the status machine or a
 * prerequisite refuses, or a dependency loop (the message names it).
 */
function questIdOf(params: { questId?: string }): string {
  const parsed = QuestId.safeParse(params.questId)
  if (!parsed.success) throw new NotFound(NO_QUEST)
  return parsed.data
}

export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request)
  return json(await questDetail(user.id, questIdOf(params)))
})

export const action = api(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireApiUser(request)
  const questId = questIdOf(params)
  if (request.method !== 'POST' && request.method !== 'PATCH')
    return apiError(405, 'Change a quest with PATCH (its fields) or POST (an action).', {
      headers: { Allow: 'GET, PATCH, POST' },
    })
  const values = await bodyValues(request, { multi: ['tagIds'] })
  const input =
    request.method === 'PATCH'
      ? { intent: 'edit' as const, ...parseValues(values, QuestEdit) }
      : parseValues(values, QuestAction)
  const now = serverNow()
  const done = await runQuestAction(user.id, questId, input, now, activityContext(request, user.sessionId))
  const unlocked = done.moved?.status === 'completed' ? (await afterQuestCompleted(user.id, now)).unlocked : []
  return json({
    notice: done.moved ? moveNotice(done.moved, unlocked) : done.notice,
    paid: done.moved?.paid ?? null,
    unlocked,
    quest: await questDetail(user.id, questId),
  })
})
