import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { NotFound } from '~/utils/errors.server'
import { safeInAppPath } from './link-rules'

/** The notification centre: a learner's in-app notifications, never another's, never expired ones. */

export const CENTRE_PAGE_SIZE = 20

const listed = (userId: string, now: Date): Prisma.NotificationWhereInput => ({
  userId,
  inApp: true,
  OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
})

/** The badge in the navigation (index userId, inApp, isRead, createdAt). */
export function unreadCount(userId: string, now: Date): Promise<number> {
  return prisma.notification.count({ where: { ...listed(userId, now), isRead: false } })
}

/** One page (1-based) of the centre, newest first. */
export async function listNotifications(userId: string, now: Date, page: number) {
  const rows = await prisma.notification.findMany({
    where: listed(userId, now),
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * CENTRE_PAGE_SIZE,
    take: CENTRE_PAGE_SIZE + 1,
    select: { id: true, type: true, title: true, message: true, link: true, isRead: true, createdAt: true },
  })
  return { items: rows.slice(0, CENTRE_PAGE_SIZE), hasMore: rows.length > CENTRE_PAGE_SIZE }
}

/** Marks one of the learner's notifications read; another learner's id or an unknown one is NotFound. */
export async function markRead(userId: string, id: string, now: Date): Promise<void> {
  const { count } = await prisma.notification.updateMany({
    where: { ...listed(userId, now), id },
    data: { isRead: true, readAt: now },
  })
  if (count === 0) throw new NotFound('This notification does not exist or is no longer shown.')
}

export async function markAllRead(userId: string, now: Date): Promise<number> {
  const { count } = await prisma.notification.updateMany({
    where: { ...listed(userId, now), isRead: false },
    data: { isRead: true, readAt: now },
  })
  return count
}

/** Marks it read and returns where it leads: its in-app path, else the centre itself. */
export async function openNotification(userId: string, id: string, now: Date): Promise<string> {
  await markRead(userId, id, now)
  const row = await prisma.notification.findFirst({ where: { id, userId }, select: { link: true } })
  return safeInAppPath(row?.link ?? null) ?? '/notifications'
}
