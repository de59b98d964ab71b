import { recordAudit } from '~/modules/system/audit.server'
import type { RequestOrigin } from '~/utils/request-context.server'
import { changePassword } from './accounts.server'
import { WRONG_PASSWORD, withCurrentPassword } from './current-password.server'
import { endOtherSessions } from './session.server'

/**
 * A signed-in user changes their password: the current one must be right; every
 * other device is signed out. Returns how many other sessions ended.
 */
export async function changeOwnPassword(
  user: { id: string; email: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
  origin: RequestOrigin,
): Promise<number> {
  await withCurrentPassword(user, origin, 'currentPassword', async () =>
    (await changePassword(user.id, input.currentPassword, input.newPassword)) ? true : WRONG_PASSWORD,
  )
  const ended = await endOtherSessions(user.id, user.sessionId)
  await recordAudit({
    action: 'auth.password.changed',
    actorId: user.id,
    targetType: 'User',
    targetId: user.id,
    origin,
    metadata: { otherSessionsEnded: ended },
  })
  return ended
}
