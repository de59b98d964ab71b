import type { LoaderFunctionArgs } from '@remix-run/node'
import { usageThisMonth } from '~/modules/billing/usage.server'
import { requireApiUser } from '~/utils/api.server'
import { api, json } from '~/utils/http.server'

/**
 * GET /api/ai/usage: the signed-in user's AI usage this month and their plan's allowance —
 * `{ usageMonth, requests, tokens, costInCents, limit, remaining, resetsAt }` (limit and
 * remaining null = unlimited). Signed out: 401.
 */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireApiUser(request)
  return json(await usageThisMonth(user.id))
})
