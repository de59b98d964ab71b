import { getEnv } from '~/utils/env.server'
import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { Conflict } from '~/utils/errors.server'
import { formatDayAndTime } from '~/utils/time'
import { ulid } from '~/utils/ulid.server'
import { describeDevice } from '~/utils/user-agent'
import type { PushSubscriptionInput } from './push-input'
import type { PushDevicesView } from './push-view'

/**
 * A learner's push devices: one PushSubscription per browser, keyed by its endpoint. The
 * endpoint is personal data (it reaches one browser): it is deleted with the account and when its
 * push service says it is gone (404/410).
 */

/** More devices than anyone uses; a cap keeps one account from filling the table. */
export const MAX_PUSH_DEVICES = 20

/**
 * Saves the browser's subscription for `userId`. The same endpoint again updates its keys; an
 * endpoint another account subscribed (the browser signed in as someone else) moves to this
 * learner, starting afresh — pushes for the other account stop reaching this browser.
 */
export async function savePushSubscription(
  userId: string,
  input: PushSubscriptionInput,
  userAgent: string | null,
  now: Date,
): Promise<void> {
  const [owned, existing] = await Promise.all([
    prisma.pushSubscription.count({ where: { userId } }),
    prisma.pushSubscription.findUnique({ where: { endpoint: input.endpoint }, select: { userId: true } }),
  ])
  if (existing?.userId !== userId && owned >= MAX_PUSH_DEVICES)
    throw new Conflict(
      `You already get push notifications on ${MAX_PUSH_DEVICES} devices; remove one before adding this one.`,
      'endpoint',
    )
  const at = toDbTimestamp(now)
  await writeBatch([
    {
      sql: `INSERT INTO "PushSubscription" ("id", "userId", "endpoint", "p256dh", "auth", "userAgent", "createdAt")
        VALUES (:id, :userId, :endpoint, :p256dh, :auth, :userAgent, :at)
        ON CONFLICT ("endpoint") DO UPDATE SET
          "createdAt" = CASE WHEN "userId" = excluded."userId" THEN "createdAt" ELSE excluded."createdAt" END,
          "lastSuccessAt" = CASE WHEN "userId" = excluded."userId" THEN "lastSuccessAt" ELSE NULL END,
          "userId" = excluded."userId",
          "p256dh" = excluded."p256dh",
          "auth" = excluded."auth",
          "userAgent" = excluded."userAgent"`,
      args: {
        id: ulid(now.getTime()),
        userId,
        endpoint: input.endpoint,
        p256dh: input.keys.p256dh,
        auth: input.keys.auth,
        userAgent: userAgent?.slice(0, 300) ?? null,
        at,
      },
    },
  ])
}

/** Removes one of the learner's own devices by its id; false when the learner has no such device. */
export async function removePushDevice(userId: string, id: string): Promise<boolean> {
  const { count } = await prisma.pushSubscription.deleteMany({ where: { id, userId } })
  return count > 0
}

/** Removes the learner's own subscription of `endpoint` (the browser unsubscribed); false when none. */
export async function removePushEndpoint(userId: string, endpoint: string): Promise<boolean> {
  const { count } = await prisma.pushSubscription.deleteMany({ where: { endpoint, userId } })
  return count > 0
}

export interface PushTarget {
  id: string
  endpoint: string
  p256dh: string
  auth: string
}

/** Where a push for the learner goes: each subscribed device. */
export function pushTargetsOf(userId: string): Promise<PushTarget[]> {
  return prisma.pushSubscription.findMany({
    where: { userId },
    select: { id: true, endpoint: true, p256dh: true, auth: true },
    orderBy: { id: 'asc' },
  })
}

/** After a push: devices that accepted it, and those whose push service says they are gone. */
export async function recordPushResults(accepted: string[], gone: string[], now: Date): Promise<void> {
  if (accepted.length > 0)
    await prisma.pushSubscription.updateMany({ where: { id: { in: accepted } }, data: { lastSuccessAt: now } })
  if (gone.length > 0) await prisma.pushSubscription.deleteMany({ where: { id: { in: gone } } })
}

/** What the "Push on this device" section needs (loader data). */
export async function pushDevicesView(userId: string): Promise<PushDevicesView> {
  const vapid = getEnv().vapid
  const [user, rows] = await Promise.all([
    prisma.user.findUnique({ where: { id: userId }, select: { timezone: true } }),
    prisma.pushSubscription.findMany({
      where: { userId },
      select: { id: true, endpoint: true, userAgent: true, createdAt: true, lastSuccessAt: true },
      orderBy: { createdAt: 'asc' },
    }),
  ])
  const timeZone = user?.timezone ?? 'UTC'
  return {
    configured: vapid !== null,
    publicKey: vapid?.publicKey ?? null,
    devices: rows.map((row) => ({
      id: row.id,
      endpoint: row.endpoint,
      device: describeDevice(row.userAgent),
      userAgent: row.userAgent,
      since: formatDayAndTime(row.createdAt, timeZone),
      lastSuccess: row.lastSuccessAt ? formatDayAndTime(row.lastSuccessAt, timeZone) : null,
    })),
  }
}
