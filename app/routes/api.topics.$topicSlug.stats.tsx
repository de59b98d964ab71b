import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { TopicSlug } from '~/modules/learning/practice-input'
import { topicStats } from '~/modules/learning/topic-stats.server'
import { parseValues, requireApiUser } from '~/utils/api.server'
import { api, json } from '~/utils/http.server'

const Params = z.object({ topicSlug: TopicSlug })

/**
 * GET /api/topics/:topicSlug/stats: the learner's attempts, correct rate, XP today and in
 * total, level and progress, full-XP answers left today, reviews due (TopicStats).
 */
export const loader = api(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request)
  const { topicSlug } = parseValues(params, Params)
  return json(await topicStats(user.id, topicSlug))
})
