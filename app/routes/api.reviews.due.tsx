import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { TopicSlug } from '~/modules/learning/practice-input'
import { findPracticeTopic } from '~/modules/learning/practice.server'
import { reviewQueue } from '~/modules/learning/reviews.server'
import { parseValues, queryValues, requireApiUser } from '~/utils/api.server'
import { api, json } from '~/utils/http.server'

const Query = z.object({ topicSlug: TopicSlug.optional() })

/**
 * GET /api/reviews/due[?topicSlug=]: the learner's due reviews, oldest due first, within
 * the daily review cap — `{ today, cap, reviewedToday, dueNow, reviews, moreTomorrow,
 * capReached, nextDue }` (see ReviewQueue in reviews.server.ts).
 */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request)
  const { topicSlug } = parseValues(queryValues(request), Query)
  const topic = topicSlug ? await findPracticeTopic(topicSlug) : null
  return json(await reviewQueue(user.id, { topicId: topic?.id }))
})
