import type { ActionFunctionArgs } from '@remix-run/node'
import { handlePolarWebhook } from '~/modules/billing/webhooks.server'
import { teamSeatLimitStatement } from '~/modules/teams/statements.server'
import { api, apiError, json } from '~/utils/http.server'

/**
 * POST /webhooks/polar — Polar's signed webhooks. No session, no redirect (Polar
 * treats a 3xx as a failure); exempt from the same-origin check (/webhooks/).
 * The body is read raw: the signature covers the exact bytes.
 */
export const action = api(async ({ request }: ActionFunctionArgs) => {
  if (request.method !== 'POST') return apiError(405, 'Method not allowed', { headers: { Allow: 'POST' } })
  const body = await request.text()
  const answer = await handlePolarWebhook(body, request.headers, { seatLimit: teamSeatLimitStatement })
  return json(answer.body, answer.status)
})

export const loader = api(async () => apiError(405, 'Method not allowed', { headers: { Allow: 'POST' } }))
