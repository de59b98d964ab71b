import { beforeEach, describe, expect, it } from 'vitest'
import { channelsOf, NOTIFICATION_KINDS } from '~/modules/notifications/preference-rules'
import { prisma } from '~/utils/db.server'
import { args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { toastIn } from '#tests/support/toast'
import { action, loader } from './settings.notifications'

let user: Awaited<ReturnType<typeof createUser>>
let cookie: string
beforeEach(async () => {
  user = await createUser()
  cookie = await cookieFor(user.id)
})

const load = async () =>
  (await loader(args(request('/settings/notifications', { cookie })))) as Awaited<ReturnType<typeof loader>>
const post = (form: Record<string, string>) =>
  settle(() => action(args(request('/settings/notifications', { cookie, form }))))

describe('/settings/notifications', () => {
  it('shows the defaults of every kind, no quiet hours, the digest at 08:00 and my time zone', async () => {
    await prisma.user.update({ where: { id: user.id }, data: { timezone: 'Europe/Berlin' } })
    const page = await load()
    expect(page.preferences.map((p) => p.type)).toEqual(NOTIFICATION_KINDS.map((k) => k.type))
    expect(page.preferences.find((p) => p.type === 'achievement_unlocked')).toMatchObject({
      label: 'Achievement unlocked',
      inApp: true,
      email: true,
      push: false,
      emailDigest: false,
    })
    expect(page).toMatchObject({ quietHoursStart: null, quietHoursEnd: null, digestHour: 8, timezone: 'Europe/Berlin' })
  })

  it('offers no e-mail switch for the team invitation, whose e-mail the invitation sends itself', async () => {
    expect(channelsOf('team_invite')).toEqual(['inApp', 'push'])
    expect(channelsOf('achievement_unlocked')).toEqual(['inApp', 'email', 'emailDigest', 'push'])
    // a box sent anyway is not one the form knows: e-mail stays off for the type
    await post({ intent: 'save', 'team_invite.inApp': 'on', 'team_invite.email': 'on', digestHour: '8' })
    expect((await load()).preferences.find((p) => p.type === 'team_invite')).toMatchObject({
      inApp: true,
      email: false,
    })
  })

  it('saves every switch, the quiet hours and the digest hour in one go', async () => {
    const result = await post({
      intent: 'save',
      'achievement_unlocked.inApp': 'on',
      'review_due.email': 'on',
      'review_due.emailDigest': 'on',
      quietStart: '22:00',
      quietEnd: '07:30',
      digestHour: '18',
    })
    expect(result.status).toBe(302)
    expect((await toastIn(result.headers))?.message).toBe('Your notification settings were saved.')
    const page = await load()
    expect(page.preferences.find((p) => p.type === 'achievement_unlocked')).toMatchObject({
      inApp: true,
      email: false,
      push: false,
    })
    expect(page.preferences.find((p) => p.type === 'review_due')).toMatchObject({
      inApp: false,
      email: true,
      emailDigest: true,
    })
    expect(page).toMatchObject({ quietHoursStart: 22 * 60, quietHoursEnd: 7 * 60 + 30, digestHour: 18 })
    expect(await prisma.notificationPreference.count({ where: { userId: user.id } })).toBe(NOTIFICATION_KINDS.length)

    // and clears the quiet hours again
    await post({ intent: 'save', quietStart: '', quietEnd: '', digestHour: '8' })
    expect(await load()).toMatchObject({ quietHoursStart: null, quietHoursEnd: null, digestHour: 8 })
  })

  it.each([
    [{ quietStart: '22:00', quietEnd: '', digestHour: '8' }, 'quietEnd', /both ends/],
    [{ quietStart: '25:00', quietEnd: '07:00', digestHour: '8' }, 'quietStart', /22:00/],
    [{ quietStart: '07:00', quietEnd: '07:00', digestHour: '8' }, 'quietEnd', /another time/],
    [{ digestHour: '24' }, 'digestHour', /0 to 23/],
    [{ digestHour: 'soon' }, 'digestHour', /digest/],
    [{ digestHour: '8', 'review_due.email': 'yes' }, 'review_due.email', /checkbox/],
  ])('refuses %j with a 400 naming the field, and saves nothing', async (form, field, message) => {
    const result = await post({ intent: 'save', ...form })
    expect(result.status).toBe(400)
    expect((result.body as { fieldErrors: Record<string, string[]> }).fieldErrors[field]?.[0]).toMatch(message)
    expect(await prisma.notificationPreference.count({ where: { userId: user.id } })).toBe(0)
    expect(await prisma.notificationSettings.count({ where: { userId: user.id } })).toBe(0)
  })
})
