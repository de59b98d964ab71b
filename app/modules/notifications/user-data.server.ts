import type { InStatement } from '@libsql/client'
import type { DeletedAccount } from '~/utils/user-data'

/**
 * Notifications' part of "Delete my account": notifications and their deliveries, preferences,
 * delivery settings, push subscriptions, and every
 * e-mail to the user or their address (the outbox holds one-time links).
 */
export function userDataStatements(userId: string, { email }: DeletedAccount): InStatement[] {
  return [
    { sql: `DELETE FROM "NotificationDelivery" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "Notification" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "NotificationSettings" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "PushSubscription" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "NotificationPreference" WHERE "userId" = ?`, args: [userId] },
    { sql: `DELETE FROM "OutboundEmail" WHERE "userId" = ? OR "to" = ?`, args: [userId, email] },
  ]
}
