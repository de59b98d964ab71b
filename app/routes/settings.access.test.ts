import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import * as layout from './settings'
import * as data from './settings.data'
import * as password from './settings.password'
import * as profile from './settings.profile'
import * as sessions from './settings.sessions'
import * as exportRoute from './settings_.export[.json]'

/** Every settings page and action sends a signed-out visitor (or a forged cookie) to the login page and does nothing. */
const PAGES = [
  ['/settings', layout.loader],
  ['/settings/profile', profile.loader],
  ['/settings/password', password.loader],
  ['/settings/sessions', sessions.loader],
  ['/settings/data', data.loader],
] as const

const ACTIONS = [
  [
    '/settings/profile',
    profile.action,
    { name: 'X', username: 'hijack', timezone: 'UTC', dayStartHour: '4', dailyXpGoal: '10' },
  ],
  [
    '/settings/password',
    password.action,
    { currentPassword: 'x', newPassword: 'a new long passphrase', confirmPassword: 'a new long passphrase' },
  ],
  ['/settings/sessions', sessions.action, { intent: 'end-all' }],
  ['/settings/data', data.action, { password: 'x', confirm: 'yes' }],
  ['/settings/export.json', exportRoute.action, {}],
] as const

const COOKIES = [
  ['no cookie', undefined],
  ['a forged cookie', 'questlog_session=forged-value-that-is-long-enough-to-be-parsed-as-a-token'],
] as const

describe('settings when signed out', () => {
  for (const [label, cookie] of COOKIES) {
    it.each(PAGES)(`GET %s with ${label} redirects to /login`, async (path, loader) => {
      const result = await settle(() => loader(args(request(path, { cookie }))))
      expect(result.status).toBe(302)
      expect(result.headers.get('location')).toBe(`/login?${new URLSearchParams({ redirectTo: path })}`)
    })

    it.each(ACTIONS)(`POST %s with ${label} redirects to /login and changes nothing`, async (path, action, form) => {
      const bystander = await createUser()
      const before = await prisma.user.findUniqueOrThrow({ where: { id: bystander.id } })
      const audits = await prisma.auditLog.count()
      const result = await settle(() => action(args(request(path, { cookie, form }))))
      expect(result.status).toBe(302)
      expect(result.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
      expect(await prisma.user.findUniqueOrThrow({ where: { id: bystander.id } })).toEqual(before)
      expect(await prisma.auditLog.count()).toBe(audits)
    })
  }
})

describe('settings layout', () => {
  it('sends /settings to the profile page', async () => {
    const user = await createUser()
    const result = await settle(async () =>
      layout.loader(args(request('/settings', { cookie: await cookieFor(user.id) }))),
    )
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe('/settings/profile')
  })
})
