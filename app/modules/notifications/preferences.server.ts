import type { NotificationType } from '~/generated/prisma/client'
import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { ulid } from '~/utils/ulid.server'
import { DEFAULT_DIGEST_HOUR } from './delivery-rules'
import { type ChannelDefaults, channelDefaults, NOTIFICATION_KINDS } from './preference-rules'
import type { PreferencesInput } from './preferences-input'

export interface PreferenceRow extends ChannelDefaults {
  type: NotificationType
  label: string
}

export interface NotificationSettingsView {
  preferences: PreferenceRow[]
  quietHoursStart: number | null
  quietHoursEnd: number | null
  digestHour: number
}

/** The learner's switches per listed type (their row, else the defaults) and delivery settings. */
export async function readNotificationSettings(userId: string): Promise<NotificationSettingsView> {
  const [rows, settings] = await Promise.all([
    prisma.notificationPreference.findMany({
      where: { userId },
      select: { type: true, inAppEnabled: true, emailEnabled: true, pushEnabled: true, emailDigest: true },
    }),
    prisma.notificationSettings.findUnique({
      where: { userId },
      select: { quietHoursStart: true, quietHoursEnd: true, digestHour: true },
    }),
  ])
  const byType = new Map(rows.map((row) => [row.type, row]))
  return {
    preferences: NOTIFICATION_KINDS.map((kind) => {
      const row = byType.get(kind.type)
      return {
        type: kind.type,
        label: kind.label,
        inApp: row?.inAppEnabled ?? kind.defaults.inApp,
        email: row?.emailEnabled ?? kind.defaults.email,
        push: row?.pushEnabled ?? kind.defaults.push,
        emailDigest: row?.emailDigest ?? kind.defaults.emailDigest,
      }
    }),
    quietHoursStart: settings?.quietHoursStart ?? null,
    quietHoursEnd: settings?.quietHoursEnd ?? null,
    digestHour: settings?.digestHour ?? DEFAULT_DIGEST_HOUR,
  }
}

const flag = (value: boolean) => (value ? 1 : 0)

/** Saves the whole page in one batch: a row per listed type and the delivery settings. */
export async function saveNotificationSettings(userId: string, input: PreferencesInput, now: Date): Promise<void> {
  const at = toDbTimestamp(now)
  await writeBatch([
    ...input.preferences.map((p) => ({
      sql: `INSERT INTO "NotificationPreference" ("id", "userId", "type", "inAppEnabled", "emailEnabled", "pushEnabled", "emailDigest", "createdAt", "updatedAt")
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT ("userId", "type") DO UPDATE SET "inAppEnabled" = excluded."inAppEnabled", "emailEnabled" = excluded."emailEnabled",
          "pushEnabled" = excluded."pushEnabled", "emailDigest" = excluded."emailDigest", "updatedAt" = excluded."updatedAt"`,
      args: [
        ulid(now.getTime()),
        userId,
        p.type,
        flag(p.inApp),
        flag(p.email),
        flag(p.push),
        flag(p.emailDigest),
        at,
        at,
      ],
    })),
    {
      sql: `INSERT INTO "NotificationSettings" ("userId", "quietHoursStart", "quietHoursEnd", "digestHour", "createdAt", "updatedAt")
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT ("userId") DO UPDATE SET "quietHoursStart" = excluded."quietHoursStart", "quietHoursEnd" = excluded."quietHoursEnd",
          "digestHour" = excluded."digestHour", "updatedAt" = excluded."updatedAt"`,
      args: [userId, input.quietHoursStart, input.quietHoursEnd, input.digestHour, at, at],
    },
  ])
}

/**
 * The one-click unsubscribe: e-mail off for these types of this learner (the other switches of
 * a type keep their values, or their defaults when the learner had none). False when the
 * learner no longer exists.
 */
export async function turnOffEmail(userId: string, types: NotificationType[], now: Date): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, anonymizedAt: true } })
  if (!user || user.anonymizedAt) return false
  const at = toDbTimestamp(now)
  await writeBatch(
    types.map((type) => {
      const defaults = channelDefaults(type)
      return {
        sql: `INSERT INTO "NotificationPreference" ("id", "userId", "type", "inAppEnabled", "emailEnabled", "pushEnabled", "emailDigest", "createdAt", "updatedAt")
          VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)
          ON CONFLICT ("userId", "type") DO UPDATE SET "emailEnabled" = 0, "updatedAt" = excluded."updatedAt"`,
        args: [
          ulid(now.getTime()),
          userId,
          type,
          flag(defaults.inApp),
          flag(defaults.push),
          flag(defaults.emailDigest),
          at,
          at,
        ],
      }
    }),
  )
  return true
}
