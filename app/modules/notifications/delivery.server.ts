import type { InStatement } from '@libsql/client'
import type { NotificationType, Prisma } from '~/generated/prisma/client'
import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { log } from '~/utils/log.server'
import { ulid } from '~/utils/ulid.server'
import { DEFAULT_DIGEST_HOUR, decideDelivery, pushResult, quietHoursOf, type DeliveryDecision } from './delivery-rules'
import { renderEmail } from './email-templates'
import { safeInAppPath } from './link-rules'
import { kickMailer, outboundEmailStatement, type OutgoingEmail } from './mailer.server'
import { channelDefaults, kindLabel } from './preference-rules'
import { pushConfigured, sendPushToUser } from './push.server'
import { unsubscribeUrl } from './unsubscribe-token.server'

/**
 * The delivery pass: sends the e-mail and push deliveries that are due (docs/notifications.md).
 * Not exclusive: every instance may run it, since each delivery is claimed on its own
 * (pending → sending, guarded by its status and attempt count) before anything is sent, and a
 * digest claims its rows under the id of the e-mail it becomes. An e-mail is "sent" when it is
 * in the outbox: its row and the delivery's final status are written in one batch, and the
 * mailer delivers it from there.
 */

/** A claim older than this belongs to a pass that died between claiming and finishing: pending again. */
const STUCK_SENDING_MS = 10 * 60_000
const BATCH = 200

/** What the pass reads of the learner (accounts' User): their address, zone and whether they still exist. */
const RECIPIENT_SELECT = {
  id: true,
  email: true,
  name: true,
  timezone: true,
  emailVerifiedAt: true,
  anonymizedAt: true,
  notificationSettings: { select: { quietHoursStart: true, quietHoursEnd: true, digestHour: true } },
  notificationPreferences: { select: { type: true, emailEnabled: true, pushEnabled: true } },
} satisfies Prisma.UserSelect

type Recipient = Prisma.UserGetPayload<{ select: typeof RECIPIENT_SELECT }>

const DUE_SELECT = {
  id: true,
  userId: true,
  channel: true,
  digest: true,
  attempts: true,
  createdAt: true,
  notificationId: true,
  notification: { select: { type: true, title: true, message: true, link: true, expiresAt: true } },
} satisfies Prisma.NotificationDeliverySelect

type Due = Prisma.NotificationDeliveryGetPayload<{ select: typeof DUE_SELECT }>

export interface PassCounts {
  sent: number
  digested: number
  postponed: number
  skipped: number
  failed: number
}

/**
 * One pass over what is due at `now` (the scheduled job's run; the scheduler never overlaps its
 * own ticks, and passes of other instances, or of tests running several at once, are kept apart
 * by the claims).
 */
export async function runDeliveryPass(now: Date): Promise<PassCounts> {
  const counts: PassCounts = { sent: 0, digested: 0, postponed: 0, skipped: 0, failed: 0 }
  await prisma.notificationDelivery.updateMany({
    where: { status: 'sending', updatedAt: { lt: new Date(now.getTime() - STUCK_SENDING_MS) } },
    data: { status: 'pending', emailId: null },
  })
  const due = await prisma.notificationDelivery.findMany({
    where: { status: 'pending', dueAt: { lte: now } },
    orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
    take: BATCH,
    select: DUE_SELECT,
  })
  if (due.length === 0) return counts
  const recipients = new Map(
    (
      await prisma.user.findMany({
        where: { id: { in: [...new Set(due.map((d) => d.userId))] } },
        select: RECIPIENT_SELECT,
      })
    ).map((user) => [user.id, user]),
  )

  const digests = new Map<string, Due[]>()
  for (const delivery of due) {
    const recipient = recipients.get(delivery.userId)
    if (!recipient) continue // the account's deletion removes its deliveries too
    const decision = decide(delivery, recipient, now)
    if (decision.kind === 'skip') {
      counts.skipped += await settle(delivery.id, 'pending', { status: 'skipped', error: decision.reason })
    } else if (decision.kind === 'postpone') {
      counts.postponed += await settle(delivery.id, 'pending', { dueAt: decision.until })
    } else if (delivery.channel === 'push') {
      await sendPush(delivery, now, counts)
    } else if (delivery.digest) {
      digests.set(recipient.id, [...(digests.get(recipient.id) ?? []), delivery])
    } else {
      counts.sent += await sendOwnEmail(delivery, recipient, now)
    }
  }
  for (const [userId, items] of digests) counts.digested += await sendDigest(items, recipients.get(userId)!, now)
  if (counts.sent + counts.digested > 0) kickMailer()
  return counts
}

function decide(delivery: Due, recipient: Recipient, now: Date): DeliveryDecision {
  const { type, expiresAt } = delivery.notification
  const preference = recipient.notificationPreferences.find((p) => p.type === type)
  const defaults = channelDefaults(type)
  const settings = recipient.notificationSettings
  return decideDelivery({
    now,
    channel: delivery.channel,
    digest: delivery.digest,
    createdAt: delivery.createdAt,
    enabled:
      delivery.channel === 'email'
        ? (preference?.emailEnabled ?? defaults.email)
        : (preference?.pushEnabled ?? defaults.push),
    active: recipient.anonymizedAt === null,
    verifiedEmail: recipient.emailVerifiedAt !== null,
    expired: expiresAt !== null && expiresAt <= now,
    timeZone: recipient.timezone,
    quiet: quietHoursOf(settings?.quietHoursStart ?? null, settings?.quietHoursEnd ?? null),
    digestHour: settings?.digestHour ?? DEFAULT_DIGEST_HOUR,
  })
}

/** Changes one delivery if it is still in `from`; 1 when it was. */
async function settle(
  id: string,
  from: 'pending' | 'sending',
  data: Prisma.NotificationDeliveryUpdateManyMutationInput,
): Promise<number> {
  return (await prisma.notificationDelivery.updateMany({ where: { id, status: from }, data })).count
}

/** pending → sending for this pass only: a second pass that read the same row claims nothing. */
async function claim(delivery: Due, emailId: string | null = null): Promise<boolean> {
  const claimed = await prisma.notificationDelivery.updateMany({
    where: { id: delivery.id, status: 'pending', attempts: delivery.attempts },
    data: { status: 'sending', attempts: { increment: 1 }, emailId },
  })
  return claimed.count === 1
}

const absolute = (link: string | null) => `${getEnv().appOrigin}${safeInAppPath(link) ?? '/notifications'}`

function notificationEmail(
  recipient: Recipient,
  types: NotificationType[],
  content: ReturnType<typeof renderEmail>,
): OutgoingEmail {
  const url = unsubscribeUrl(recipient.id, types)
  return {
    ...content,
    to: recipient.email,
    userId: recipient.id,
    template: 'notification',
    headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}

const footerOf = (types: NotificationType[]) =>
  `You get these e-mails because e-mail is on for ${types.map(kindLabel).join(', ')} in your notification settings (${getEnv().appOrigin}/settings/notifications). Unsubscribe with one click through the link in your mail program, or change them there.`

/** The delivery's own e-mail, queued in the outbox in the batch that marks it sent. */
async function sendOwnEmail(delivery: Due, recipient: Recipient, now: Date): Promise<number> {
  const emailId = ulid(now.getTime())
  if (!(await claim(delivery, emailId))) return 0
  const { type, title, message, link } = delivery.notification
  const email = notificationEmail(
    recipient,
    [type],
    renderEmail({
      subject: title,
      paragraphs: [`Hello ${recipient.name ?? 'there'},`, title, ...(message ? [message] : [])],
      action: { label: 'Open in Questlog', url: absolute(link) },
      footer: footerOf([type]),
    }),
  )
  await writeBatch([outboundEmailStatement(email, emailId, now), ...finishStatements(emailId, 'sent', now)])
  return 1
}

/** The deliveries claimed under `emailId` become `status`, and their notifications count as sent. */
function finishStatements(emailId: string, status: 'sent' | 'digested', now: Date): InStatement[] {
  const at = toDbTimestamp(now)
  return [
    {
      sql: `UPDATE "Notification" SET "isSent" = 1, "sentAt" = COALESCE("sentAt", ?)
        WHERE "id" IN (SELECT "notificationId" FROM "NotificationDelivery" WHERE "emailId" = ? AND "status" = 'sending')`,
      args: [at, emailId],
    },
    {
      sql: `UPDATE "NotificationDelivery" SET "status" = ?, "sentAt" = ?, "error" = NULL, "updatedAt" = ? WHERE "emailId" = ? AND "status" = 'sending'`,
      args: [status, at, at, emailId],
    },
  ]
}

/**
 * One e-mail listing every digest item of a learner that is ready. The items are claimed in one
 * statement under the e-mail's id, so a concurrent pass claims none of them and no item is in two digests.
 */
async function sendDigest(items: Due[], recipient: Recipient, now: Date): Promise<number> {
  const emailId = ulid(now.getTime())
  await prisma.notificationDelivery.updateMany({
    where: { id: { in: items.map((d) => d.id) }, status: 'pending' },
    data: { status: 'sending', attempts: { increment: 1 }, emailId },
  })
  const claimed = new Set(
    (
      await prisma.notificationDelivery.findMany({
        where: { emailId, status: 'sending' },
        select: { id: true },
      })
    ).map((d) => d.id),
  )
  const mine = items.filter((d) => claimed.has(d.id))
  if (mine.length === 0) return 0
  const types = [...new Set(mine.map((d) => d.notification.type))]
  const email = notificationEmail(
    recipient,
    types,
    renderEmail({
      subject:
        mine.length === 1
          ? `Your Questlog digest: ${mine[0]!.notification.title}`
          : `Your Questlog digest: ${mine.length} notifications`,
      paragraphs: [
        `Hello ${recipient.name ?? 'there'},`,
        'here is what happened since your last digest:',
        ...mine.map(({ notification: n }) =>
          [`• ${n.title}`, n.message, absolute(n.link)].filter(Boolean).join('\n  '),
        ),
      ],
      action: { label: 'Open your notifications', url: `${getEnv().appOrigin}/notifications` },
      footer: footerOf(types),
    }),
  )
  await writeBatch([outboundEmailStatement(email, emailId, now), ...finishStatements(emailId, 'digested', now)])
  return mine.length
}

async function sendPush(delivery: Due, now: Date, counts: PassCounts): Promise<void> {
  if (!pushConfigured()) {
    counts.skipped += await settle(delivery.id, 'pending', { status: 'skipped', error: 'push is not configured' })
    return
  }
  if (!(await claim(delivery))) return
  const { title, message, link } = delivery.notification
  let outcome = { configured: true, sent: 0, failed: 1 }
  try {
    const result = await sendPushToUser(
      delivery.userId,
      { title, body: message, link, tag: delivery.notificationId },
      now,
    )
    outcome = { configured: true, sent: result.sent, failed: result.failed }
  } catch (error) {
    log.warn('push delivery failed', { deliveryId: delivery.id, error: String(error) })
  }
  const result = pushResult(outcome, delivery.attempts + 1, now)
  switch (result.kind) {
    case 'sent':
      await settle(delivery.id, 'sending', { status: 'sent', sentAt: now, error: null })
      await prisma.notification.updateMany({
        where: { id: delivery.notificationId, sentAt: null },
        data: { isSent: true, sentAt: now },
      })
      counts.sent++
      return
    case 'skipped':
      counts.skipped += await settle(delivery.id, 'sending', { status: 'skipped', error: result.reason })
      return
    case 'retry':
      counts.postponed += await settle(delivery.id, 'sending', {
        status: 'pending',
        dueAt: result.at,
        error: 'no device accepted it',
      })
      return
    case 'failed':
      counts.failed += await settle(delivery.id, 'sending', { status: 'failed', error: 'no device accepted it' })
  }
}
