import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { createUser } from '#tests/support/accounts'
import { runDeliveryPass } from './delivery.server'
import { type NotificationEvent, notify } from './notify.server'
import { readUnsubscribeToken } from './unsubscribe-token.server'

const at = (iso: string) => new Date(iso)

let counter = 0
const event = (userId: string, over: Partial<NotificationEvent> = {}): NotificationEvent => ({
  userId,
  type: 'achievement_unlocked',
  eventKey: `achievement:${++counter}`,
  title: `Achievement unlocked: Number ${counter}`,
  link: '/achievements',
  ...over,
})

const deliveriesOf = (userId: string) =>
  prisma.notificationDelivery.findMany({
    where: { userId },
    orderBy: { createdAt: 'asc' },
    select: { channel: true, status: true, dueAt: true, emailId: true, error: true, digest: true },
  })

const mailTo = (address: string) =>
  prisma.outboundEmail.findMany({
    where: { to: address },
    orderBy: { createdAt: 'asc' },
    select: { id: true, subject: true, text: true, template: true, headers: true, userId: true },
  })

async function learner(timezone = 'UTC', settings?: { quietHoursStart: number; quietHoursEnd: number }) {
  const user = await createUser()
  await prisma.user.update({ where: { id: user.id }, data: { timezone } })
  if (settings) await prisma.notificationSettings.create({ data: { userId: user.id, ...settings } })
  return user
}

describe('the delivery pass', () => {
  it('sends an e-mail once, however many passes run at the same time', async () => {
    const user = await learner()
    const now = at('2026-12-07T12:00:00Z')
    await notify(
      [event(user.id, { title: 'Achievement unlocked: First steps', message: 'You answered your first task.' })],
      now,
    )

    await Promise.all([runDeliveryPass(now), runDeliveryPass(now), runDeliveryPass(now)])
    await runDeliveryPass(at('2026-12-07T12:05:00Z'))

    const mails = await mailTo(user.email)
    expect(mails).toHaveLength(1)
    const [mail] = mails
    expect(mail).toMatchObject({
      subject: 'Achievement unlocked: First steps',
      template: 'notification',
      userId: user.id,
    })
    expect(mail!.text).toContain('You answered your first task.')
    expect(mail!.text).toContain(`${getEnv().appOrigin}/achievements`)
    const headers = mail!.headers as Record<string, string>
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    const link = /^<(.+)>$/.exec(headers['List-Unsubscribe']!)![1]!
    const url = new URL(link)
    expect(`${url.origin}${url.pathname}`).toBe(`${getEnv().appOrigin}/notifications/unsubscribe`)
    expect(readUnsubscribeToken(url.searchParams.get('token')!)).toEqual({
      userId: user.id,
      types: ['achievement_unlocked'],
    })

    expect(await deliveriesOf(user.id)).toMatchObject([{ channel: 'email', status: 'sent', emailId: mail!.id }])
    expect(await prisma.notification.findFirst({ where: { userId: user.id }, select: { isSent: true } })).toEqual({
      isSent: true,
    })
  })

  it('skips a delivery whose channel was turned off before it was sent', async () => {
    const user = await learner()
    const now = at('2026-12-07T12:00:00Z')
    await notify([event(user.id)], now)
    await prisma.notificationPreference.create({
      data: { userId: user.id, type: 'achievement_unlocked', emailEnabled: false },
    })
    await runDeliveryPass(now)
    expect(await deliveriesOf(user.id)).toMatchObject([{ status: 'skipped', error: 'turned off in the preferences' }])
    expect(await mailTo(user.email)).toEqual([])
  })

  it('never e-mails an unverified address or a deleted account', async () => {
    const unverified = await createUser({ verified: false })
    const gone = await learner()
    await prisma.user.update({ where: { id: gone.id }, data: { anonymizedAt: new Date() } })
    const now = at('2026-12-07T12:00:00Z')
    await notify([event(unverified.id), event(gone.id)], now)
    await runDeliveryPass(now)
    expect(await deliveriesOf(unverified.id)).toMatchObject([
      { status: 'skipped', error: 'no verified e-mail address' },
    ])
    expect(await deliveriesOf(gone.id)).toMatchObject([{ status: 'skipped', error: 'account deleted' }])
    expect(await prisma.outboundEmail.count({ where: { userId: { in: [unverified.id, gone.id] } } })).toBe(0)
  })

  it('skips an expired notification', async () => {
    const user = await learner()
    await notify([event(user.id, { expiresAt: at('2026-12-07T12:30:00Z') })], at('2026-12-07T12:00:00Z'))
    await runDeliveryPass(at('2026-12-07T13:00:00Z'))
    expect(await deliveriesOf(user.id)).toMatchObject([{ status: 'skipped', error: 'notification expired' }])
  })

  it('holds an e-mail in quiet hours that cross midnight until they end, in the learner’s zone', async () => {
    // 22:00–07:00 in Berlin (UTC+1 in December)
    const user = await learner('Europe/Berlin', { quietHoursStart: 22 * 60, quietHoursEnd: 7 * 60 })
    const evening = at('2026-12-07T21:30:00Z') // 22:30 in Berlin
    await notify([event(user.id)], evening)
    await runDeliveryPass(evening)
    expect(await deliveriesOf(user.id)).toMatchObject([{ status: 'pending', dueAt: at('2026-12-08T06:00:00Z') }])
    // Not before it is due, however often the pass runs
    await runDeliveryPass(at('2026-12-08T03:00:00Z'))
    expect(await mailTo(user.email)).toHaveLength(0)

    await runDeliveryPass(at('2026-12-08T06:00:00Z'))
    expect(await deliveriesOf(user.id)).toMatchObject([{ status: 'sent' }])
    expect(await mailTo(user.email)).toHaveLength(1)
  })

  it('holds an e-mail after midnight inside quiet hours until their end the same morning', async () => {
    const user = await learner('Europe/Berlin', { quietHoursStart: 22 * 60, quietHoursEnd: 7 * 60 })
    const night = at('2026-12-08T02:00:00Z') // 03:00 in Berlin
    await notify([event(user.id)], night)
    await runDeliveryPass(night)
    expect(await deliveriesOf(user.id)).toMatchObject([{ status: 'pending', dueAt: at('2026-12-08T06:00:00Z') }])
  })

  it('holds quiet hours within one day (12:00–14:00) and sends outside them straight away', async () => {
    const user = await learner('UTC', { quietHoursStart: 12 * 60, quietHoursEnd: 14 * 60 })
    await notify([event(user.id)], at('2026-12-07T13:59:00Z'))
    await runDeliveryPass(at('2026-12-07T13:59:00Z'))
    expect(await deliveriesOf(user.id)).toMatchObject([{ status: 'pending', dueAt: at('2026-12-07T14:00:00Z') }])

    const other = await learner('UTC', { quietHoursStart: 12 * 60, quietHoursEnd: 14 * 60 })
    await notify([event(other.id)], at('2026-12-07T14:00:00Z'))
    await runDeliveryPass(at('2026-12-07T14:00:00Z'))
    expect(await deliveriesOf(other.id)).toMatchObject([{ status: 'sent' }])
  })

  it('follows the learner’s new time zone when they moved between scheduling and sending', async () => {
    const user = await learner('Europe/Berlin', { quietHoursStart: 22 * 60, quietHoursEnd: 7 * 60 })
    const evening = at('2026-12-07T21:30:00Z') // 22:30 in Berlin
    await notify([event(user.id)], evening)
    await runDeliveryPass(evening)
    expect(await deliveriesOf(user.id)).toMatchObject([{ status: 'pending', dueAt: at('2026-12-08T06:00:00Z') }])

    // Moved to New York: at 06:00 UTC it is 01:00 there, still quiet until 07:00 New York (12:00 UTC).
    await prisma.user.update({ where: { id: user.id }, data: { timezone: 'America/New_York' } })
    await runDeliveryPass(at('2026-12-08T06:00:00Z'))
    expect(await deliveriesOf(user.id)).toMatchObject([{ status: 'pending', dueAt: at('2026-12-08T12:00:00Z') }])
    expect(await mailTo(user.email)).toHaveLength(0)

    await runDeliveryPass(at('2026-12-08T12:00:00Z'))
    expect(await deliveriesOf(user.id)).toMatchObject([{ status: 'sent' }])
  })

  it('ends quiet hours at the right instant across a daylight-saving change', async () => {
    // Berlin leaves summer time on 2026-10-25 at 03:00 local: quiet 22:00–07:00 ends at 07:00 CET = 06:00 UTC.
    const user = await learner('Europe/Berlin', { quietHoursStart: 22 * 60, quietHoursEnd: 7 * 60 })
    const night = at('2026-10-24T21:00:00Z') // 23:00 CEST
    await notify([event(user.id)], night)
    await runDeliveryPass(night)
    expect(await deliveriesOf(user.id)).toMatchObject([{ status: 'pending', dueAt: at('2026-10-25T06:00:00Z') }])
  })

  it('gathers digest e-mails into one at the digest hour, never twice', async () => {
    // Reviews due go to the digest by default; the digest hour defaults to 08:00 local.
    const user = await learner('Europe/Berlin')
    const titles = ['Reviews due: 3 cards', 'Reviews due: 5 cards', 'Reviews due: 8 cards']
    for (const [index, title] of titles.entries())
      await notify(
        [event(user.id, { type: 'review_due', eventKey: `reviews-due:${index}`, title, link: '/reviews' })],
        at(`2026-12-07T0${index + 1}:00:00Z`),
      )
    // 07:30 in Berlin: before the digest hour, nothing goes.
    await runDeliveryPass(at('2026-12-07T06:30:00Z'))
    expect(await mailTo(user.email)).toHaveLength(0)
    expect((await deliveriesOf(user.id)).map((d) => [d.status, d.digest, d.dueAt])).toEqual(
      titles.map(() => ['pending', true, at('2026-12-07T07:00:00Z')]),
    )

    // 08:00 Berlin: two passes at once make one digest with all three.
    await Promise.all([runDeliveryPass(at('2026-12-07T07:00:00Z')), runDeliveryPass(at('2026-12-07T07:00:00Z'))])
    const mails = await mailTo(user.email)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.subject).toBe('Your Questlog digest: 3 notifications')
    for (const title of titles) expect(mails[0]!.text).toContain(title)
    expect(mails[0]!.text).toContain(`${getEnv().appOrigin}/reviews`)
    const deliveries = await deliveriesOf(user.id)
    expect(deliveries.map((d) => [d.status, d.emailId])).toEqual(titles.map(() => ['digested', mails[0]!.id]))

    // Later passes send nothing more; a review due after 08:00 waits for tomorrow's digest.
    await notify(
      [event(user.id, { type: 'review_due', eventKey: 'reviews-due:late', title: 'Reviews due: 1 card' })],
      at('2026-12-07T09:00:00Z'),
    )
    await runDeliveryPass(at('2026-12-07T09:00:00Z'))
    await runDeliveryPass(at('2026-12-07T20:00:00Z'))
    expect(await mailTo(user.email)).toHaveLength(1)
    expect((await deliveriesOf(user.id)).at(-1)).toMatchObject({ status: 'pending', dueAt: at('2026-12-08T07:00:00Z') })
    await runDeliveryPass(at('2026-12-08T07:00:00Z'))
    const next = await mailTo(user.email)
    expect(next).toHaveLength(2)
    expect(next[1]!.subject).toBe('Your Questlog digest: Reviews due: 1 card')
  })

  it('waits with the digest for the end of quiet hours when the digest hour is inside them', async () => {
    const user = await learner('UTC', { quietHoursStart: 22 * 60, quietHoursEnd: 9 * 60 })
    await notify([event(user.id, { type: 'review_due', eventKey: 'reviews-due:q' })], at('2026-12-07T06:00:00Z'))
    await runDeliveryPass(at('2026-12-07T08:00:00Z'))
    expect(await deliveriesOf(user.id)).toMatchObject([{ status: 'pending', dueAt: at('2026-12-07T09:00:00Z') }])
    await runDeliveryPass(at('2026-12-07T09:00:00Z'))
    expect(await deliveriesOf(user.id)).toMatchObject([{ status: 'digested' }])
  })

  it('skips push deliveries while push is not configured', async () => {
    const user = await learner()
    await prisma.pushSubscription.create({
      data: { userId: user.id, endpoint: `http://127.0.0.1:9/${user.id}`, p256dh: 'k', auth: 'a' },
    })
    await prisma.notificationPreference.create({
      data: { userId: user.id, type: 'achievement_unlocked', emailEnabled: false, pushEnabled: true },
    })
    await notify([event(user.id)], at('2026-12-07T12:00:00Z'))
    await runDeliveryPass(at('2026-12-07T12:00:00Z'))
    expect(await deliveriesOf(user.id)).toMatchObject([
      { channel: 'push', status: 'skipped', error: 'push is not configured' },
    ])
  })

  it('takes back a claim left by a pass that died, and sends it once', async () => {
    const user = await learner()
    await notify([event(user.id)], at('2026-12-07T12:00:00Z'))
    await prisma.notificationDelivery.updateMany({
      where: { userId: user.id },
      data: { status: 'sending', attempts: 1, updatedAt: at('2026-12-07T12:00:00Z') },
    })
    await runDeliveryPass(at('2026-12-07T12:05:00Z'))
    expect(await deliveriesOf(user.id)).toMatchObject([{ status: 'sending' }])
    await runDeliveryPass(at('2026-12-07T12:11:00Z'))
    expect(await deliveriesOf(user.id)).toMatchObject([{ status: 'sent' }])
    expect(await mailTo(user.email)).toHaveLength(1)
  })

  it('deletes the deliveries with their notification', async () => {
    const user = await learner()
    await notify([event(user.id)], at('2026-12-07T12:00:00Z'))
    await prisma.notification.deleteMany({ where: { userId: user.id } })
    expect(await deliveriesOf(user.id)).toEqual([])
  })
})
