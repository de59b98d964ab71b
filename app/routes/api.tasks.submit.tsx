import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requireApiUser, bodyValues, parseValues } from '~/utils/api.server'
import { api, apiError, json } from '~/utils/http.server'
import { SubmitApiInput } from '~/modules/learning/practice-input'
import { findPracticeTopic } from '~/modules/learning/practice.server'
import { answerWithProgress } from '~/modules/progress-events.server'
import { activityContext } from '~/utils/activity.server'

/**
 * POST /api/tasks/submit (seeds 000/001): JSON or a form with taskId, attemptId (a ULID
 * made when the task was shown), answer, hintUsed?, durationMs?, topicSlug?. The server
 * checks the answer; an `isCorrect` or XP sent by the client is ignored. Answers 200
 * with the SubmissionResult and `progress` — the quest steps it ticked and the achievements it
 * unlocked (a repeated attemptId replays the result, `replayed: true`, and sets off nothing), 400
 * naming the field, 401 signed out, 404 unknown task (or not in topicSlug), 409 when
 * the attemptId was used for another answer.
 */
export const action = api(async ({ request }: ActionFunctionArgs) => {
  const user = await requireApiUser(request)
  const input = parseValues(await bodyValues(request, { multi: ['answer'] }), SubmitApiInput)
  const topic = input.topicSlug ? await findPracticeTopic(input.topicSlug) : null
  const { result, progress } = await answerWithProgress(user.id, input, {
    topicId: topic?.id ?? null,
    context: activityContext(request, user.sessionId),
  })
  return json({ ...result, progress })
})

export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  await requireApiUser(request)
  return apiError(405, 'Send answers with POST.', { headers: { Allow: 'POST' } })
})
