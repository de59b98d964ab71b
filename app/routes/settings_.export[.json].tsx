import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { exportUserData } from '~/modules/accounts/privacy.server'
import { requireUser } from '~/utils/auth.server'
import { recordAudit } from '~/modules/system/audit.server'
import { api, page } from '~/utils/http.server'
import { requestOrigin } from '~/utils/request-context.server'

/** "Download my data": a POST (it is audited), answered with a JSON file. */
export const loader = page(async () => redirect('/settings/data'))

export const action = api(async ({ request, context }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const body = JSON.stringify(await exportUserData(user.id), null, 2)
  await recordAudit({
    action: 'user.data.exported',
    actorId: user.id,
    targetType: 'User',
    targetId: user.id,
    origin: requestOrigin(request, context),
  })
  const date = new Date().toISOString().slice(0, 10)
  const filename = `questlog-data-${user.username ?? user.id}-${date}.json`
  return new Response(body, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    },
  })
})
