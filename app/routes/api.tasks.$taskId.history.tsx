import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { TaskId } from '~/modules/learning/practice-input'
import { taskHistory } from '~/modules/learning/reviews.server'
import { apiRoute, json, parseValues, requireApiUser } from '~/utils/api.server'

const Params = z.object({ taskId: TaskId })

/**
 * GET /api/tasks/:taskId/history: the signed-in learner's own attempts of one task,
 * newest first, with XP, correctness and dates, and the review card (TaskHistory).
 * Another learner's attempts are never included.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiRoute(async () => {
    const user = await requireApiUser(request)
    const { taskId } = parseValues(params, Params)
    return json(await taskHistory(user.id, taskId))
  })
}
