import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requireApiUser, bodyValues, parseValues } from '~/utils/api.server'
import { api, apiError, json } from '~/utils/http.server'
import { SubmitApiInput } from '~/modules/learning/practice-input'
import { answerTask, findPracticeTopic } from '~/modules/learning/practice.server'

/**
 * POST /api/tasks/submit (seeds 000/001): JSON or a form with taskId, attemptId (a ULID
 * made when the task was shown), answer, hintUsed?, durationMs?, topicSlug?. The server
 * checks the answer; an `isCorrect` or XP sent by the client is ignored. Answers 200
 * with the SubmissionResult (a repeated attemptId replays it, `replayed: true`), 400
 * naming the field, 401 signed out, 404 unknown task (or not in topicSlug), 409 when
 * the attemptId was used for another answer.
 */
export const action = api(async ({ request }: ActionFunctionArgs) => {
  const user = await requireApiUser(request)
  const input = parseValues(await bodyValues(request, { multi: ['answer'] }), SubmitApiInput)
  const topic = input.topicSlug ? await findPracticeTopic(input.topicSlug) : null
  const { result } = await answerTask(user.id, input, { topicId: topic?.id ?? null })
  return json(result)
})

export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  await requireApiUser(request)
  return apiError(405, 'Send answers with POST.', { headers: { Allow: 'POST' } })
})
