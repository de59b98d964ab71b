import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { TopicSlug } from '~/modules/learning/practice-input'
import { topicStats } from '~/modules/learning/topic-stats.server'
import { apiRoute, json, parseValues, requireApiUser } from '~/utils/api.server'

const Params = z.object({ topicSlug: TopicSlug })

/**
 * GET /api/topics/:topicSlug/stats: the learner's attempts, correct rate, XP today and in
 * total, level and progress, full-XP answers left today, reviews due (TopicStats).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiRoute(async () => {
    const user = await requireApiUser(request)
    const { topicSlug } = parseValues(params, Params)
    return json(await topicStats(user.id, topicSlug))
  })
}
