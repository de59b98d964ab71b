import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { getSessionUser, endSession } from '~/modules/accounts/session.server'
import { recordAudit } from '~/modules/system/audit.server'
import { requestOrigin } from '~/utils/request-context.server'

/** Logging out is a POST (a link or an image on another page must not sign anyone out). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getSessionUser(request)
  const setCookie = await endSession(request)
  if (user) await recordAudit({ action: 'auth.logout', actorId: user.id, targetType: 'Session', targetId: user.sessionId, origin: requestOrigin(request, context) })
  return redirect('/', { headers: { 'Set-Cookie': setCookie } })
}

export async function loader() {
  return redirect('/')
}
