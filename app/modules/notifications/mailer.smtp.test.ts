import type { AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerAddress } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type * as Db from '~/utils/db.server'
import type * as Mailer from './mailer.server'

/**
 * The mailer's SMTP path against a real SMTP server on the loopback interface.
 * The environment is read once (getEnv() caches it), so SMTP_URL is set before
 * any app module is imported: the app modules are imported dynamically below.
 */
interface Received {
  from: string
  to: string[]
  raw: string
}
const received: Received[] = []

// Addresses starting with "refuse" are rejected at RCPT TO, like an unknown mailbox.
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onRcptTo(address: SMTPServerAddress, _session, callback) {
    if (address.address.startsWith('refuse'))
      return callback(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }))
    callback()
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => {
      const mailFrom = session.envelope.mailFrom
      received.push({
        from: mailFrom ? mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString('utf8'),
      })
      callback()
    })
  },
})

// Type-only imports above; the modules themselves are loaded once SMTP_URL is set.
let mailer: typeof Mailer
let prisma: typeof Db.prisma

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  vi.stubEnv('SMTP_URL', `smtp://127.0.0.1:${port}`)
  vi.stubEnv('MAIL_FROM', 'Questlog Test <sender@questlog.test>')
  mailer = await import('./mailer.server')
  prisma = (await import('~/utils/db.server')).prisma
  const { getEnv } = await import('~/utils/env.server')
  expect(getEnv().SMTP_URL).toBe(`smtp://127.0.0.1:${port}`)
  // With SMTP configured, the dev mailbox is off by default.
  expect(getEnv().devMailbox).toBe(false)
  // The retry warnings are expected here; keep them out of the test output.
  const { setLogSink } = await import('~/utils/log.server')
  setLogSink(() => {})
})

afterAll(async () => {
  const { setLogSink } = await import('~/utils/log.server')
  setLogSink(null)
  vi.unstubAllEnvs()
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

const queue = (to: string, subject: string) =>
  prisma.outboundEmail.create({
    data: { to, subject, text: `Body of ${subject}`, html: `<p>Body of ${subject}</p>`, template: 'test' },
    select: { id: true },
  })

const row = (id: string) =>
  prisma.outboundEmail.findUniqueOrThrow({
    where: { id },
    select: { status: true, attempts: true, providerMessageId: true, sentAt: true, error: true },
  })

/** Far enough ahead that any retry pause has passed. */
const later = () => new Date(Date.now() + 24 * 60 * 60 * 1000)

describe('the mailer over SMTP', () => {
  it('sends a queued row and records the provider message id', async () => {
    const { id } = await queue('ana@example.com', 'Welcome to Questlog')
    expect(await mailer.deliverQueuedEmails()).toBe(1)

    const sent = await row(id)
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, error: null, sentAt: expect.any(Date) })
    expect(sent.providerMessageId).toMatch(/^<.+@.+>$/)
    const message = received.find((m) => m.raw.includes('Subject: Welcome to Questlog'))
    expect(message).toBeDefined()
    expect(message!.to).toEqual(['ana@example.com'])
    expect(message!.from).toBe('sender@questlog.test')
    expect(message!.raw).toContain('To: ana@example.com')
    expect(message!.raw).toContain(`Message-ID: ${sent.providerMessageId}`)
    expect(message!.raw).toContain('Body of Welcome to Questlog')

    // Sent rows are not sent again.
    expect(await mailer.deliverQueuedEmails(later())).toBe(0)
    expect(received.filter((m) => m.raw.includes('Subject: Welcome to Questlog'))).toHaveLength(1)
  })

  it('delivers right after sendEmail, without waiting for the scheduler', async () => {
    const { id } = await mailer.sendEmail({
      to: 'ben@example.com',
      subject: 'Straight away',
      text: 'Hi',
      html: '<p>Hi</p>',
      template: 'test',
    })
    await expect.poll(async () => (await row(id)).status, { timeout: 5000 }).toBe('sent')
    expect(received.some((m) => m.to.includes('ben@example.com') && m.raw.includes('Subject: Straight away'))).toBe(
      true,
    )
  })

  it('retries a refused message after a pause, then gives up after MAX_DELIVERY_ATTEMPTS', async () => {
    const { id } = await queue('refuse-me@example.com', 'Never arrives')
    expect(await mailer.deliverQueuedEmails()).toBe(0)
    const first = await row(id)
    expect(first).toMatchObject({ status: 'queued', attempts: 1, providerMessageId: null })
    expect(first.error).toContain('550')

    // Not retried before its pause is over.
    await mailer.deliverQueuedEmails()
    expect((await row(id)).attempts).toBe(1)

    for (let attempt = 2; attempt < mailer.MAX_DELIVERY_ATTEMPTS; attempt++) {
      await mailer.deliverQueuedEmails(later())
      expect(await row(id)).toMatchObject({ status: 'queued', attempts: attempt })
    }
    await mailer.deliverQueuedEmails(later())
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: mailer.MAX_DELIVERY_ATTEMPTS, sentAt: null })

    // A failed message is left alone.
    await mailer.deliverQueuedEmails(later())
    expect((await row(id)).attempts).toBe(mailer.MAX_DELIVERY_ATTEMPTS)
    expect(received.some((m) => m.to.includes('refuse-me@example.com'))).toBe(false)
  })

  it('queues again a row left "sending" by a pass that died, and sends it', async () => {
    const { id } = await queue('cara@example.com', 'Interrupted')
    await prisma.outboundEmail.update({ where: { id }, data: { status: 'sending', attempts: 1 } })
    // Still fresh: a pass in another instance may be sending it right now.
    await mailer.deliverQueuedEmails(new Date(Date.now() + 60_000))
    expect((await row(id)).status).toBe('sending')
    await mailer.deliverQueuedEmails(later())
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 })
  })

  it('is run by the scheduler every 30 seconds when SMTP_URL is set', async () => {
    const { createScheduler } = await import('~/modules/system/scheduled-jobs.server')
    const { SCHEDULED_JOBS } = await import('~/modules/scheduled-jobs.server')
    const { id } = await queue('dan@example.com', 'From the scheduler')
    const runs = await createScheduler(SCHEDULED_JOBS).runDueJobs(new Date())
    expect(runs).toContainEqual({ name: 'email:deliver', outcome: 'succeeded', count: 1 })
    expect((await row(id)).status).toBe('sent')
  })
})

describe('notification e-mails over SMTP', () => {
  it('carry the one-click unsubscribe headers from the outbox to the mail server', async () => {
    const { createUser } = await import('#tests/support/accounts')
    const { notify } = await import('./notify.server')
    const { runDeliveryPass } = await import('./delivery.server')
    const user = await createUser({ email: 'erin@example.com' })
    const now = new Date()
    await notify(
      [
        {
          userId: user.id,
          type: 'achievement_unlocked',
          eventKey: 'achievement:smtp',
          title: 'Achievement unlocked: SMTP',
        },
      ],
      now,
    )
    expect(await runDeliveryPass(now)).toMatchObject({ sent: 1 })
    await expect.poll(() => received.find((m) => m.to.includes('erin@example.com')), { timeout: 5000 }).toBeDefined()
    const raw = received.find((m) => m.to.includes('erin@example.com'))!.raw.replace(/\r\n[ \t]+/g, ' ')
    expect(raw).toContain('Subject: Achievement unlocked: SMTP')
    expect(raw).toMatch(/^List-Unsubscribe: <http:\/\/[^>]+\/notifications\/unsubscribe\?token=[\w.%-]+>$/m)
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m)
  })
})
