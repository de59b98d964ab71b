import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { TopicSlug } from '~/modules/learning/practice-input'
import { userTopicXp } from '~/modules/learning/topic-stats.server'
import { parseValues, queryValues, requireApiUser } from '~/utils/api.server'
import { api, json } from '~/utils/http.server'

const Query = z.object({ topicSlug: TopicSlug })

/**
 * GET /api/xp/user?topicSlug= (seed 000): `{ userXP, topicConfig, completedTaskIds }` —
 * the learner's UserTopicXp row (null before the first answer), the topic's XP rules
 * (never its tasks or answers) and the ids of tasks answered correctly at least once.
 */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request)
  const { topicSlug } = parseValues(queryValues(request), Query)
  return json(await userTopicXp(user.id, topicSlug))
})
