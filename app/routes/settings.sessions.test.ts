import { beforeEach, describe, expect, it } from 'vitest'
import { getSessionUser } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { toastIn } from '#tests/support/toast'
import { action, loader } from './settings.sessions'

let user: Awaited<ReturnType<typeof createUser>>
let cookie: string
let otherDevice: string
beforeEach(async () => {
  user = await createUser()
  cookie = await cookieFor(user.id)
  otherDevice = await cookieFor(user.id)
})

const post = (form: Record<string, string>, as = cookie) =>
  settle(() => action(args(request('/settings/sessions', { cookie: as, form }))))
const sessionIdOf = async (c: string) => (await getSessionUser(request('/', { cookie: c })))!.sessionId

describe('/settings/sessions', () => {
  it('lists only my sessions and marks this device', async () => {
    const stranger = await createUser()
    await cookieFor(stranger.id)
    const page = (await loader(args(request('/settings/sessions', { cookie })))) as Awaited<ReturnType<typeof loader>>
    expect(page.sessions).toHaveLength(2)
    const current = await sessionIdOf(cookie)
    expect(page.sessions.filter((s) => s.current).map((s) => s.id)).toEqual([current])
    expect(page.sessions[0]).toMatchObject({
      device: 'vitest',
      ip: '127.0.0.1',
      userAgent: 'vitest',
      createdAt: expect.stringMatching(/\d{4}, \d\d:\d\d UTC$/),
    })
    expect(JSON.stringify(page)).not.toMatch(/tokenHash/)
  })

  it('ends one of my other sessions', async () => {
    const result = await post({ intent: 'end', sessionId: await sessionIdOf(otherDevice) })
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe('/settings/sessions')
    expect((await toastIn(result.headers))?.message).toBe('The session was ended.')
    expect(await getSessionUser(request('/', { cookie: otherDevice }))).toBeNull()
    expect(await getSessionUser(request('/', { cookie }))).not.toBeNull()
    expect(await prisma.auditLog.count({ where: { actorId: user.id, action: 'auth.sessions.ended' } })).toBe(1)
  })

  it('does nothing to another user’s session', async () => {
    const stranger = await createUser()
    const strangerCookie = await cookieFor(stranger.id)
    const result = await post({ intent: 'end', sessionId: await sessionIdOf(strangerCookie) })
    expect(result.status).toBe(404)
    expect(result.body).toMatchObject({ fieldErrors: { sessionId: [expect.any(String)] } })
    expect(await getSessionUser(request('/', { cookie: strangerCookie }))).toMatchObject({ id: stranger.id })
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2)
  })

  it('ending this device’s session signs out here', async () => {
    const result = await post({ intent: 'end', sessionId: await sessionIdOf(cookie) })
    expect(result.headers.get('location')).toBe('/login')
    expect(result.headers.get('set-cookie')).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i)
    expect(await getSessionUser(request('/', { cookie }))).toBeNull()
  })

  it('signs out on the other devices only', async () => {
    await post({ intent: 'end-others' })
    expect(await getSessionUser(request('/', { cookie: otherDevice }))).toBeNull()
    expect(await getSessionUser(request('/', { cookie }))).not.toBeNull()
  })

  it('signs out everywhere: every row gone, cookie cleared, off to /login with the notice', async () => {
    const stranger = await createUser()
    await cookieFor(stranger.id)
    const result = await post({ intent: 'end-all' })
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe('/login')
    expect((await toastIn(result.headers))?.message).toBe('You have been signed out on every device.')
    expect(result.headers.get('set-cookie')).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0)
    expect(await prisma.session.count({ where: { userId: stranger.id } })).toBe(1)
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { actorId: user.id, action: 'auth.sessions.ended' },
      select: { metadata: true },
    })
    expect(audit.metadata).toEqual({ scope: 'all', count: 2 })
  })

  it.each([
    ['no intent', {}],
    ['an unknown intent', { intent: 'explode' }],
    ['no session id', { intent: 'end' }],
    ['a huge session id', { intent: 'end', sessionId: 'x'.repeat(500) }],
  ])('answers 400 for %s and ends nothing', async (_name, form) => {
    const result = await post(form)
    expect(result.status).toBe(400)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(2)
  })
})
