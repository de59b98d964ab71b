import { describe, expect, it } from 'vitest'
import { hashToken } from '~/modules/accounts/session.server'
import { setSeatLimit } from '~/modules/teams/seats.server'
import { inviteTokenFor, post, teamState, teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { consume } from '~/utils/rate-limit.server'
import * as route from './teams.$teamId._index'
import { toastIn } from '#tests/support/toast'

type Failure = { intent: string; fieldErrors: Record<string, string[]>; formErrors: string[] }
const send = (teamId: string, cookie: string, form: Record<string, string>) =>
  post(route, `/teams/${teamId}`, { teamId }, cookie, form)
const invitesTo = (teamId: string, email: string) =>
  prisma.teamInvite.findMany({
    where: { teamId, email },
    select: { id: true, role: true, tokenHash: true, expiresAt: true, revokedAt: true },
  })

describe('inviting by e-mail', () => {
  it('stores only the token hash, e-mails the link, expires in 7 days, and audits', async () => {
    const { team, owner } = await teamWithEveryRole()
    const result = await send(team.id, owner.cookie, {
      intent: 'invite',
      email: ' New.Person@Example.com ',
      role: 'instructor',
    })
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe(`/teams/${team.id}`)
    expect((await toastIn(result.headers))?.message).toBe('The invitation was sent.')

    const token = await inviteTokenFor('new.person@example.com')
    const [invite] = await invitesTo(team.id, 'new.person@example.com')
    expect(invite).toMatchObject({ role: 'instructor', tokenHash: hashToken(token) })
    expect(invite!.tokenHash).not.toContain(token)
    const days = (invite!.expiresAt.getTime() - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(6.99)
    expect(days).toBeLessThanOrEqual(7)
    const mail = await prisma.outboundEmail.findFirstOrThrow({
      where: { to: 'new.person@example.com' },
      select: { text: true, subject: true },
    })
    expect(mail.text).toContain(`http://127.0.0.1:3000/invites/${token}`)
    expect(mail.subject).toContain('Team')
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'team.invite.sent', teamId: team.id },
      select: { actorId: true, targetId: true, metadata: true },
    })
    expect(audit).toMatchObject({
      actorId: owner.id,
      targetId: invite!.id,
      metadata: { email: 'new.person@example.com', role: 'instructor' },
    })
    expect(JSON.stringify(audit.metadata)).not.toContain(token)
  })

  it('replaces the token of a pending invitation to the same address', async () => {
    const { team, admin } = await teamWithEveryRole()
    await send(team.id, admin.cookie, { intent: 'invite', email: 'again@example.com', role: 'member' })
    const first = await inviteTokenFor('again@example.com')
    await send(team.id, admin.cookie, { intent: 'invite', email: 'again@example.com', role: 'instructor' })
    const second = await inviteTokenFor('again@example.com')
    expect(second).not.toBe(first)
    const invites = await invitesTo(team.id, 'again@example.com')
    expect(invites).toHaveLength(1)
    expect(invites[0]).toMatchObject({ tokenHash: hashToken(second), role: 'instructor' })
  })

  it('refuses past the seat limit, saying how to add seats, and writes nothing', async () => {
    const { team, owner } = await teamWithEveryRole()
    await setSeatLimit(team.id, 5)
    expect(
      (await send(team.id, owner.cookie, { intent: 'invite', email: 'fifth@example.com', role: 'member' })).status,
    ).toBe(302)
    const before = await teamState(team.id)
    const result = await send(team.id, owner.cookie, { intent: 'invite', email: 'sixth@example.com', role: 'member' })
    expect(result.status).toBe(409)
    expect((result.body as Failure).formErrors.join(' ')).toContain('remove a member or revoke a pending invitation')
    expect(await teamState(team.id)).toEqual(before)
    expect(await prisma.outboundEmail.count({ where: { to: 'sixth@example.com' } })).toBe(0)
    // Re-sending to the pending address needs no new seat.
    expect(
      (await send(team.id, owner.cookie, { intent: 'invite', email: 'fifth@example.com', role: 'member' })).status,
    ).toBe(302)
  })

  it('refuses an address that is already a member (409 on the e-mail field)', async () => {
    const { team, owner, member } = await teamWithEveryRole()
    const result = await send(team.id, owner.cookie, {
      intent: 'invite',
      email: member.email.toUpperCase(),
      role: 'member',
    })
    expect(result.status).toBe(409)
    expect((result.body as Failure).fieldErrors.email?.join(' ')).toContain('already a member')
    expect(await prisma.teamInvite.count({ where: { teamId: team.id } })).toBe(0)
  })

  it('lets only the owner invite as admin', async () => {
    const { team, owner, admin } = await teamWithEveryRole()
    const refused = await send(team.id, admin.cookie, { intent: 'invite', email: 'boss@example.com', role: 'admin' })
    expect(refused.status).toBe(403)
    expect((refused.body as Failure).fieldErrors.role?.length).toBeGreaterThan(0)
    expect(await prisma.teamInvite.count({ where: { teamId: team.id } })).toBe(0)
    expect(
      (await send(team.id, owner.cookie, { intent: 'invite', email: 'boss@example.com', role: 'admin' })).status,
    ).toBe(302)
  })

  it('refuses (403) an instructor and a member, writing nothing', async () => {
    const { team, instructor, member } = await teamWithEveryRole()
    for (const who of [instructor, member]) {
      const result = await send(team.id, who.cookie, { intent: 'invite', email: 'x@example.com', role: 'member' })
      expect(result.status).toBe(403)
    }
    expect(await prisma.teamInvite.count({ where: { teamId: team.id } })).toBe(0)
    expect(await prisma.outboundEmail.count({ where: { to: 'x@example.com' } })).toBe(0)
  })

  it.each([
    ['a bad e-mail', { email: 'not-an-email', role: 'member' }, 'email'],
    ['no e-mail', { role: 'member' }, 'email'],
    ['the owner role', { email: 'a@example.com', role: 'owner' }, 'role'],
    ['an unknown role', { email: 'a@example.com', role: 'king' }, 'role'],
  ])('answers 400 naming the field for %s', async (_case, fields, field) => {
    const { team, owner } = await teamWithEveryRole()
    const result = await send(team.id, owner.cookie, { intent: 'invite', ...fields })
    expect(result.status).toBe(400)
    expect((result.body as Failure).fieldErrors[field]?.length).toBeGreaterThan(0)
    expect(await prisma.teamInvite.count({ where: { teamId: team.id } })).toBe(0)
  })

  it('is rate limited per inviter (429 with Retry-After), keeping what was typed', async () => {
    const { team, owner } = await teamWithEveryRole()
    for (let i = 0; i < 30; i++) await consume('invite:user', owner.id)
    const result = await send(team.id, owner.cookie, {
      intent: 'invite',
      email: 'late@example.com',
      role: 'instructor',
    })
    expect(result.status).toBe(429)
    expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(result.body).toMatchObject({
      intent: 'invite',
      fieldErrors: {},
      values: { email: 'late@example.com', role: 'instructor' },
    })
    expect((result.body as Failure).formErrors).toEqual([expect.stringMatching(/^Too many attempts\./)])
    expect(await prisma.teamInvite.count({ where: { teamId: team.id } })).toBe(0)
  })
})

describe('pending invitations', () => {
  it('are listed for admins and can be revoked (audited); the link then stops working', async () => {
    const { team, owner, admin } = await teamWithEveryRole()
    await send(team.id, owner.cookie, { intent: 'invite', email: 'maybe@example.com', role: 'member' })
    const page = (await route.loader({
      request: new Request(`http://x/teams/${team.id}`, { headers: { cookie: admin.cookie } }),
      params: { teamId: team.id },
      context: {},
    })) as Awaited<ReturnType<typeof route.loader>>
    expect(page.invites.map((i) => i.email)).toEqual(['maybe@example.com'])
    expect(page.seats).toMatchObject({ members: 4, pendingInvites: 1, used: 5, limit: 20 })

    const inviteId = page.invites[0]!.id
    const result = await send(team.id, admin.cookie, { intent: 'revoke-invite', inviteId })
    expect(result.status).toBe(302)
    expect(
      (await prisma.teamInvite.findUniqueOrThrow({ where: { id: inviteId }, select: { revokedAt: true } })).revokedAt,
    ).not.toBeNull()
    expect(
      await prisma.auditLog.count({ where: { action: 'team.invite.revoked', targetId: inviteId, actorId: admin.id } }),
    ).toBe(1)
    // Twice: nothing pending any more.
    expect((await send(team.id, admin.cookie, { intent: 'revoke-invite', inviteId })).status).toBe(404)
  })

  it('of another team cannot be revoked from this team’s page (404, unchanged)', async () => {
    const ours = await teamWithEveryRole('Ours')
    const theirs = await teamWithEveryRole('Theirs')
    await send(theirs.team.id, theirs.owner.cookie, { intent: 'invite', email: 'theirs@example.com', role: 'member' })
    const [invite] = await invitesTo(theirs.team.id, 'theirs@example.com')
    const result = await send(ours.team.id, ours.owner.cookie, { intent: 'revoke-invite', inviteId: invite!.id })
    expect(result.status).toBe(404)
    expect((await invitesTo(theirs.team.id, 'theirs@example.com'))[0]!.revokedAt).toBeNull()
  })
})
