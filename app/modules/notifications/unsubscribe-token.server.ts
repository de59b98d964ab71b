import { createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { NotificationType } from '~/generated/prisma/enums'
import { getEnv } from '~/utils/env.server'

/**
 * The token of a one-click unsubscribe link: names a learner and the notification types of the
 * e-mail (one, or those of a digest), signed
 * with the session secret (HMAC-SHA256). It never expires: an old e-mail's link must still
 * work (RFC 8058), and all it can do is turn e-mail off for those types of one learner.
 * `<payload>.<signature>`, both base64url; the first session secret signs, every one verifies
 * (rotation).
 */
const PURPOSE = 'notifications.unsubscribe.v1'

const Payload = z.object({ u: z.string().min(1).max(64), t: z.array(z.enum(NotificationType)).min(1).max(50) })

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(`${PURPOSE}.${payload}`).digest()

export function unsubscribeToken(userId: string, types: readonly NotificationType[]): string {
  const payload = Buffer.from(JSON.stringify({ u: userId, t: [...new Set(types)].sort() })).toString('base64url')
  return `${payload}.${sign(getEnv().sessionSecrets[0]!, payload).toString('base64url')}`
}

export interface UnsubscribeTarget {
  userId: string
  types: NotificationType[]
}

/** The learner and type a token names, or null when it is malformed or not signed by us. */
export function readUnsubscribeToken(token: string): UnsubscribeTarget | null {
  const [payload, signature, ...rest] = token.split('.')
  if (!payload || !signature || rest.length > 0) return null
  const given = Buffer.from(signature, 'base64url')
  const valid = getEnv().sessionSecrets.some((secret) => {
    const expected = sign(secret, payload)
    return given.length === expected.length && timingSafeEqual(given, expected)
  })
  if (!valid) return null
  try {
    const parsed = Payload.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')))
    return parsed.success ? { userId: parsed.data.u, types: parsed.data.t } : null
  } catch {
    return null
  }
}

/** The absolute one-click link of the List-Unsubscribe header and the e-mail's footer. */
export function unsubscribeUrl(userId: string, types: readonly NotificationType[]): string {
  return `${getEnv().appOrigin}/notifications/unsubscribe?${new URLSearchParams({ token: unsubscribeToken(userId, types) })}`
}
