import { afterEach, describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { args, request, settle } from '#tests/support/accounts'
import { loader as listLoader } from './dev.mailbox'
import { loader as messageLoader } from './dev.mailbox.$emailId'

const list = () => settle(() => listLoader(args(request('/dev/mailbox'))))
const message = (emailId: string) => settle(() => messageLoader(args(request(`/dev/mailbox/${emailId}`), { emailId })))

const env = getEnv()
const devMailboxDefault = env.devMailbox
afterEach(() => {
  env.devMailbox = devMailboxDefault
})

async function storeEmail(fields: { to: string; subject: string; minutesAgo: number; text?: string }) {
  return prisma.outboundEmail.create({
    data: {
      to: fields.to,
      subject: fields.subject,
      text: fields.text ?? 'Hello',
      html: '<p>Hello <script>alert(1)</script></p>',
      template: 'verify-email',
      createdAt: new Date(Date.now() - fields.minutesAgo * 60_000),
    },
    select: { id: true },
  })
}

describe('/dev/mailbox', () => {
  it('is on by default in tests (no SMTP_URL, not production)', () => {
    expect(devMailboxDefault).toBe(true)
  })

  it('lists the outbox newest first, without the html bodies', async () => {
    const older = await storeEmail({ to: 'a@example.com', subject: 'Older', minutesAgo: 5 })
    const newer = await storeEmail({ to: 'b@example.com', subject: 'Newer', minutesAgo: 1 })
    const answer = await list()
    expect(answer.status).toBe(200)
    const { emails } = answer.body as { emails: Record<string, unknown>[] }
    expect(emails.map((e) => e.id)).toEqual([newer.id, older.id])
    expect(emails[0]).toEqual({
      id: newer.id,
      to: 'b@example.com',
      subject: 'Newer',
      template: 'verify-email',
      status: 'queued',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    })
    expect(JSON.stringify(answer.body)).not.toContain('<script>')
  })

  it('shows one message with its text body, never its html', async () => {
    const { id } = await storeEmail({
      to: 'c@example.com',
      subject: 'Confirm',
      minutesAgo: 0,
      text: 'Confirm: http://127.0.0.1:3000/verify-email?token=abc',
    })
    const answer = await message(id)
    expect(answer).toMatchObject({
      status: 200,
      body: {
        id,
        to: 'c@example.com',
        subject: 'Confirm',
        text: 'Confirm: http://127.0.0.1:3000/verify-email?token=abc',
      },
    })
    expect(answer.body).not.toHaveProperty('html')
  })

  it('answers 404 for an unknown or malformed message id', async () => {
    expect((await message('01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404)
    expect((await message('../etc/passwd')).status).toBe(404)
  })

  it('does not exist when the dev mailbox is off', async () => {
    const { id } = await storeEmail({ to: 'd@example.com', subject: 'Secret link', minutesAgo: 0 })
    env.devMailbox = false
    const listed = await list()
    expect(listed.status).toBe(404)
    expect(JSON.stringify(listed.body)).not.toContain('Secret link')
    expect((await message(id)).status).toBe(404)
  })
})
