import type { InStatement } from '@libsql/client'
import nodemailer, { type Transporter } from 'nodemailer'
import { z } from 'zod'
import { deleteInChunks } from '~/modules/system/retention.server'
import { prisma, toDbTimestamp } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { log } from '~/utils/log.server'
import type { EmailContent } from './email-templates'

/**
 * The one mailer. Every e-mail is first stored in the OutboundEmail outbox.
 * With SMTP_URL set, a delivery pass sends queued rows (retrying failures with
 * a growing pause); without it the outbox is where mail ends, readable at
 * /dev/mailbox so that the flows work offline and tests can read the message.
 */
export const MAX_DELIVERY_ATTEMPTS = 5

/** How long a row waits after its n-th failed attempt (index n - 1) before the next try. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000] as const

/** A row left in 'sending' this long ago belongs to a pass that died (crash, restart): it is queued again. */
const STUCK_SENDING_MS = 10 * 60_000

export interface OutgoingEmail extends EmailContent {
  to: string
  template: string
  userId?: string | null
  /** extra headers handed to the mail server as they are (List-Unsubscribe, List-Unsubscribe-Post) */
  headers?: Record<string, string>
}

export async function sendEmail(email: OutgoingEmail): Promise<{ id: string }> {
  const row = await prisma.outboundEmail.create({
    data: {
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      template: email.template,
      userId: email.userId ?? null,
      headers: email.headers,
    },
    select: { id: true },
  })
  kickMailer()
  return row
}

/**
 * The insert of an outbox row with a chosen id, for a caller that queues the e-mail in the
 * same batch as its own writes (the notification pass marks its deliveries sent with it).
 * Call `kickMailer()` once the batch is written.
 */
export function outboundEmailStatement(email: OutgoingEmail, id: string, now: Date): InStatement {
  const at = toDbTimestamp(now)
  return {
    sql: `INSERT INTO "OutboundEmail" ("id", "to", "subject", "text", "html", "template", "headers", "userId", "status", "attempts", "createdAt", "updatedAt")
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)`,
    args: [
      id,
      email.to,
      email.subject,
      email.text,
      email.html,
      email.template,
      email.headers ? JSON.stringify(email.headers) : null,
      email.userId ?? null,
      at,
      at,
    ],
  }
}

/** Starts a delivery pass now (with SMTP configured), rather than at the next scheduled one. */
export function kickMailer(): void {
  if (getEnv().SMTP_URL)
    void deliverQueuedEmails().catch((error: unknown) =>
      log.warn('e-mail delivery pass failed', { error: String(error) }),
    )
}

const StoredHeaders = z.record(z.string(), z.string())

/** The stored headers of an outbox row; anything but an object of strings is dropped. */
export function headersOf(value: unknown): Record<string, string> | undefined {
  const parsed = StoredHeaders.safeParse(value)
  return parsed.success && Object.keys(parsed.data).length > 0 ? parsed.data : undefined
}

let transporter: Transporter | undefined
function smtp(): Transporter | undefined {
  const url = getEnv().SMTP_URL
  if (!url) return undefined
  // Bounded waits: a hung mail server must not hold the delivery pass for minutes.
  transporter ??= nodemailer.createTransport({
    url,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  })
  return transporter
}

let delivering: Promise<number> | undefined
let deliverAgain = false
/**
 * Sends what is queued and due; one pass at a time per process. A call during a
 * pass gets one more pass after it (its e-mail may have been queued too late for
 * the first), and the promise of both. Resolves to how many were sent.
 */
export function deliverQueuedEmails(now?: Date): Promise<number> {
  if (delivering) {
    deliverAgain = true
    return delivering
  }
  delivering = (async () => {
    let sent = 0
    do {
      deliverAgain = false
      sent += await deliverPass(now ?? new Date())
    } while (deliverAgain)
    return sent
  })().finally(() => (delivering = undefined))
  return delivering
}

/** Queued rows whose next attempt is due: never tried, or tried and paused long enough. */
function dueWhere(now: Date) {
  return {
    status: 'queued' as const,
    OR: [
      { attempts: 0 },
      ...RETRY_DELAYS_MS.map((delay, index) => ({
        attempts: index + 1,
        updatedAt: { lte: new Date(now.getTime() - delay) },
      })),
    ],
  }
}

async function deliverPass(now: Date): Promise<number> {
  const transport = smtp()
  if (!transport) return 0
  await prisma.outboundEmail.updateMany({
    where: { status: 'sending', updatedAt: { lt: new Date(now.getTime() - STUCK_SENDING_MS) } },
    data: { status: 'queued' },
  })
  const queued = await prisma.outboundEmail.findMany({
    where: dueWhere(now),
    orderBy: { createdAt: 'asc' },
    take: 50,
    select: { id: true, to: true, subject: true, text: true, html: true, headers: true, attempts: true },
  })
  let sent = 0
  for (const email of queued) {
    // Claim the row first, so that two instances never send the same e-mail.
    const claimed = await prisma.outboundEmail.updateMany({
      where: { id: email.id, status: 'queued', attempts: email.attempts },
      data: { status: 'sending', attempts: { increment: 1 } },
    })
    if (claimed.count === 0) continue
    const attempts = email.attempts + 1
    try {
      const info = (await transport.sendMail({
        from: getEnv().MAIL_FROM,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html ?? undefined,
        headers: headersOf(email.headers),
      })) as { messageId?: string }
      await prisma.outboundEmail.update({
        where: { id: email.id },
        data: { status: 'sent', sentAt: new Date(), providerMessageId: info.messageId ?? null, error: null },
        select: { id: true },
      })
      sent++
    } catch (error) {
      const failed = attempts >= MAX_DELIVERY_ATTEMPTS
      await prisma.outboundEmail.update({
        where: { id: email.id },
        data: { status: failed ? 'failed' : 'queued', error: String(error).slice(0, 500) },
        select: { id: true },
      })
      log.warn(failed ? 'e-mail given up after the last attempt' : 'e-mail not delivered; will retry', {
        emailId: email.id,
        attempts,
        error: String(error),
      })
    }
  }
  return sent
}

/** The dev mailbox's list: newest first, without the bodies (one message is read with findOutboxEmail). */
export function listOutbox(take = 50) {
  return prisma.outboundEmail.findMany({
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: { id: true, to: true, subject: true, template: true, status: true, createdAt: true },
  })
}

/** One message of the dev mailbox, or null. */
export function findOutboxEmail(id: string) {
  return prisma.outboundEmail.findUnique({
    where: { id },
    select: {
      id: true,
      to: true,
      subject: true,
      text: true,
      template: true,
      headers: true,
      status: true,
      attempts: true,
      error: true,
      createdAt: true,
      sentAt: true,
    },
  })
}

/** One-time links must not linger: sent mail is deleted after a day, undeliverable after a week. */
export async function purgeOldEmails(now = new Date()): Promise<number> {
  const day = 24 * 60 * 60 * 1000
  const sentBefore = toDbTimestamp(new Date(now.getTime() - day))
  // Without SMTP the outbox is the mailbox: keep a week of queued ones too.
  const othersBefore = toDbTimestamp(new Date(now.getTime() - 7 * day))
  return deleteInChunks((limit) => ({
    sql: `DELETE FROM "OutboundEmail" WHERE "id" IN (SELECT "id" FROM "OutboundEmail" WHERE ("status" = 'sent' AND "createdAt" < ?) OR ("status" IN ('failed', 'queued') AND "createdAt" < ?) LIMIT ${limit})`,
    args: [sentBefore, othersBefore],
  }))
}
