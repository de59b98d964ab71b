import type { InStatement } from '@libsql/client'
import type { NotificationType } from '~/generated/prisma/client'
import { toDbTimestamp, writeBatch } from '~/utils/db.server'
import { ulid } from '~/utils/ulid.server'
import { channelDefaults, offersEmail } from './preference-rules'

/**
 * What another module hands the notifications module when something happened to a learner.
 * `eventKey` names the event, unique per learner ("achievement:<achievementId>",
 * "reviews-due:<local date>"): the same event given twice makes one notification and one
 * delivery per channel, however often and from however many instances it is sent.
 */
export interface NotificationEvent {
  userId: string
  type: NotificationType
  eventKey: string
  title: string
  message?: string | null
  /** a path inside the app that the notification opens */
  link?: string | null
  data?: Record<string, unknown> | null
  expiresAt?: Date | null
}

const flag = (value: boolean) => (value ? 1 : 0)

/**
 * The statements that record `event` for its learner, for a caller's own atomic batch: the
 * Notification (listed in-app when the learner's preference for the type allows) and a pending
 * NotificationDelivery per external channel the preference leaves on (push only when the
 * learner has a subscribed device; no e-mail for a type whose module sends its own, `ownEmail`). The delivery pass sends them when they are due. Nothing
 * is written when the event was already recorded.
 */
export function notificationStatements(event: NotificationEvent, now: Date): InStatement[] {
  const id = ulid(now.getTime())
  const defaults = channelDefaults(event.type)
  const at = toDbTimestamp(now)
  const preference = (column: string, fallback: boolean) =>
    `COALESCE((SELECT "${column}" FROM "NotificationPreference" WHERE "userId" = :userId AND "type" = :type), ${flag(fallback)})`
  const args = { id, userId: event.userId, type: event.type, at }
  const delivery = (channel: 'email' | 'push', enabled: string, digest: string, extra = '') => ({
    sql: `INSERT OR IGNORE INTO "NotificationDelivery" ("id", "notificationId", "userId", "channel", "status", "digest", "dueAt", "createdAt", "updatedAt")
      SELECT :deliveryId, "id", "userId", '${channel}', 'pending', ${digest}, :at, :at, :at FROM "Notification"
      WHERE "id" = :id AND ${enabled} = 1${extra}`,
    args: { ...args, deliveryId: ulid(now.getTime()) },
  })
  return [
    {
      sql: `INSERT INTO "Notification" ("id", "userId", "type", "eventKey", "title", "message", "link", "data", "expiresAt", "inApp", "createdAt")
        VALUES (:id, :userId, :type, :eventKey, :title, :message, :link, :data, :expiresAt, ${preference('inAppEnabled', defaults.inApp)}, :at)
        ON CONFLICT ("userId", "eventKey") DO NOTHING`,
      args: {
        ...args,
        eventKey: event.eventKey,
        title: event.title,
        message: event.message ?? null,
        link: event.link ?? null,
        data: event.data ? JSON.stringify(event.data) : null,
        expiresAt: event.expiresAt ? toDbTimestamp(event.expiresAt) : null,
      },
    },
    ...(offersEmail(event.type)
      ? [delivery('email', preference('emailEnabled', defaults.email), preference('emailDigest', defaults.emailDigest))]
      : []),
    delivery(
      'push',
      preference('pushEnabled', defaults.push),
      '0',
      ` AND EXISTS (SELECT 1 FROM "PushSubscription" WHERE "userId" = :userId)`,
    ),
  ]
}

/** Records events on their own (for a module with no batch of its own to put them in). */
export async function notify(events: NotificationEvent[], now: Date): Promise<void> {
  if (events.length === 0) return
  await writeBatch(events.flatMap((event) => notificationStatements(event, now)))
}
