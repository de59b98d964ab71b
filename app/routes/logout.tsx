import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { recordAudit } from '~/modules/system/audit.server'
import { endSession, getSessionUser } from '~/utils/auth.server'
import { page } from '~/utils/http.server'
import { requestOrigin, safeRedirectPath } from '~/utils/request-context.server'

/** Logging out is a POST (a link or an image on another page must not sign anyone out). */
export const action = page(async ({ request, context }: ActionFunctionArgs) => {
  const user = await getSessionUser(request)
  const setCookie = await endSession(request)
  if (user)
    await recordAudit({
      action: 'auth.logout',
      actorId: user.id,
      targetType: 'Session',
      targetId: user.sessionId,
      origin: requestOrigin(request, context),
    })
  // "sign in again" (settings.data) sends the learner on to the login page; only a path of this site
  const to = safeRedirectPath((await request.formData().catch(() => null))?.get('redirectTo') ?? null)
  return redirect(to, { headers: { 'Set-Cookie': setCookie } })
})

export const loader = page(async () => redirect('/'))
