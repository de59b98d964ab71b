import { data } from '@remix-run/node'
import { type PlatformPermission, platformRoleCan } from './permissions'
import { type SessionUser, requireUser } from './session.server'

/** Refuses (403) a signed-in user whose platform role lacks the permission. */
export async function requirePlatformPermission(request: Request, permission: PlatformPermission): Promise<SessionUser> {
  const user = await requireUser(request)
  if (!platformRoleCan(user.role, permission)) throw data({ error: 'You do not have permission to do this.' }, { status: 403 })
  return user
}
