import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { TaskId } from '~/modules/learning/practice-input'
import { taskHistory } from '~/modules/learning/reviews.server'
import { parseValues, requireApiUser } from '~/utils/api.server'
import { api, json } from '~/utils/http.server'

const Params = z.object({ taskId: TaskId })

/**
 * GET /api/tasks/:taskId/history: the signed-in learner's own attempts of one task,
 * newest first, with XP, correctness and dates, and the review card (TaskHistory).
 * Another learner's attempts are never included.
 */
export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request)
  const { taskId } = parseValues(params, Params)
  return json(await taskHistory(user.id, taskId))
})
