import type { ActionFunctionArgs } from '@remix-run/node'
import { handlePolarWebhook } from '~/modules/billing/webhooks.server'

/**
 * POST /webhooks/polar — Polar's signed webhooks. No session, no redirect (Polar
 * treats a 3xx as a failure); exempt from the same-origin check (/webhooks/).
 * The body is read raw: the signature covers the exact bytes.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return Response.json({ error: 'Method not allowed' }, { status: 405, headers: { Allow: 'POST' } })
  const body = await request.text()
  const answer = await handlePolarWebhook(body, request.headers)
  return Response.json(answer.body, { status: answer.status })
}

export function loader() {
  return Response.json({ error: 'Method not allowed' }, { status: 405, headers: { Allow: 'POST' } })
}
