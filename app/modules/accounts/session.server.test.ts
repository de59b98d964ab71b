import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { withRequestScope } from '~/utils/request-scope.server'
import { cookieFor, createUser, request } from '#tests/support/accounts'
import { getSessionUser, requireUser } from '~/utils/auth.server'
import {
  LAST_SEEN_REFRESH_MS,
  UnknownTokens,
  deleteExpiredSessions,
  endAllSessions,
  endOtherSessions,
} from './session.server'

const whenSettled = () => new Promise((resolve) => setTimeout(resolve, 50))

describe('database sessions', () => {
  it('finds the user of a live session and nobody for a forged or tampered cookie', async () => {
    const user = await createUser()
    const cookie = await cookieFor(user.id)
    expect((await getSessionUser(request('/', { cookie })))?.id).toBe(user.id)
    const [name, value] = cookie.split('=') as [string, string]
    const tampered = `${name}=${value.slice(0, 10)}A${value.slice(11)}`
    expect(await getSessionUser(request('/', { cookie: tampered }))).toBeNull()
    expect(
      await getSessionUser(request('/', { cookie: `${name}=${encodeURIComponent(JSON.stringify('x'.repeat(43)))}` })),
    ).toBeNull()
  })

  it('refuses an expired session even with a valid cookie, and the clean-up deletes only expired rows', async () => {
    const user = await createUser()
    const cookie = await cookieFor(user.id)
    const live = await cookieFor(user.id)
    const session = await prisma.session.findFirstOrThrow({
      where: { userId: user.id },
      orderBy: { createdAt: 'asc' },
      select: { id: true },
    })
    await prisma.session.update({ where: { id: session.id }, data: { expirationDate: new Date(Date.now() - 1000) } })
    expect(await getSessionUser(request('/', { cookie }))).toBeNull()
    expect(await deleteExpiredSessions()).toBe(1)
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1)
    expect((await getSessionUser(request('/', { cookie: live })))?.id).toBe(user.id)
  })

  it('keeps lastSeenAt without writing on every request', async () => {
    const user = await createUser()
    const cookie = await cookieFor(user.id)
    const { id } = await prisma.session.findFirstOrThrow({ where: { userId: user.id }, select: { id: true } })
    const lastSeen = async () =>
      await prisma.session.findUniqueOrThrow({ where: { id }, select: { lastSeenAt: true, updatedAt: true } })

    const before = await lastSeen()
    for (let i = 0; i < 5; i++) await getSessionUser(request('/', { cookie }))
    await whenSettled()
    expect(await lastSeen()).toEqual(before)

    const longAgo = new Date(Date.now() - LAST_SEEN_REFRESH_MS - 60_000)
    await prisma.session.update({ where: { id }, data: { lastSeenAt: longAgo } })
    await getSessionUser(request('/', { cookie }))
    await whenSettled()
    expect((await lastSeen()).lastSeenAt.getTime()).toBeGreaterThan(longAgo.getTime() + 60_000)
    const userRow = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { lastSeenAt: true } })
    expect(Date.now() - userRow.lastSeenAt.getTime()).toBeLessThan(60_000)
  })

  it('signs out everywhere, or everywhere else', async () => {
    const user = await createUser()
    const other = await createUser()
    const here = await cookieFor(user.id)
    await cookieFor(user.id)
    await cookieFor(user.id)
    const otherCookie = await cookieFor(other.id)
    const current = (await getSessionUser(request('/', { cookie: here })))!
    expect(await endOtherSessions(user.id, current.sessionId)).toBe(2)
    expect((await getSessionUser(request('/', { cookie: here })))?.id).toBe(user.id)
    expect(await endAllSessions(user.id)).toBe(1)
    expect(await getSessionUser(request('/', { cookie: here }))).toBeNull()
    expect((await getSessionUser(request('/', { cookie: otherCookie })))?.id).toBe(other.id)
  })

  it('sends a signed-out visitor to the login page and back', async () => {
    const thrown = await requireUser(request('/teams?tab=members')).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).headers.get('location')).toBe('/login?redirectTo=%2Fteams%3Ftab%3Dmembers')
  })
})

describe('one lookup per GET request', () => {
  it('shares one lookup between the loaders of one request (each gets a Request of its own), not across requests', async () => {
    const user = await createUser()
    const cookie = await cookieFor(user.id)
    await withRequestScope(async () => {
      expect((await getSessionUser(request('/', { cookie })))?.id).toBe(user.id)
      await prisma.session.deleteMany({ where: { userId: user.id } })
      // The route loader of the same request, with its own Request object.
      expect((await getSessionUser(request('/settings', { cookie })))?.id).toBe(user.id)
    })
    expect(await withRequestScope(() => getSessionUser(request('/', { cookie })))).toBeNull()
    expect(await getSessionUser(request('/', { cookie }))).toBeNull()
  })

  it('reads afresh for a POST even within a request: its action may have ended the session', async () => {
    const user = await createUser()
    const cookie = await cookieFor(user.id)
    await withRequestScope(async () => {
      expect((await getSessionUser(request('/logout', { cookie, method: 'POST' })))?.id).toBe(user.id)
      await prisma.session.deleteMany({ where: { userId: user.id } })
      expect(await getSessionUser(request('/logout', { cookie, method: 'POST' }))).toBeNull()
    })
  })
})

describe('catching up for an unknown token', () => {
  const interval = 60_000

  it('syncs for a token again only once a sync interval has passed', () => {
    const tokens = new UnknownTokens()
    expect(tokens.shouldCatchUp('a', 1_000, interval)).toBe(true)
    tokens.remember('a', 1_000)
    expect(tokens.shouldCatchUp('a', 1_000 + interval - 1, interval)).toBe(false)
    expect(tokens.shouldCatchUp('b', 1_000, interval)).toBe(true)
    expect(tokens.shouldCatchUp('a', 1_000 + interval, interval)).toBe(true)
  })

  it('forgets the oldest token beyond its capacity', () => {
    const tokens = new UnknownTokens(2)
    tokens.remember('a', 1)
    tokens.remember('b', 2)
    tokens.remember('a', 3)
    tokens.remember('c', 4)
    expect(tokens.shouldCatchUp('b', 5, interval)).toBe(true)
    expect(tokens.shouldCatchUp('a', 5, interval)).toBe(false)
    expect(tokens.shouldCatchUp('c', 5, interval)).toBe(false)
  })
})
