import { describe, expect, it } from 'vitest'
import { setSeatLimit } from '~/modules/teams/seats.server'
import { createTeam } from '~/modules/teams/teams.server'
import {
  addMember,
  get,
  inviteTokenFor,
  person,
  post,
  teamState,
  teamWithEveryRole,
} from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import * as adminPage from './teams.$teamId._index'
import * as route from './invites.$token'
import * as teamsPage from './teams._index'
import { toastIn } from '#tests/support/toast'

type Failure = { formErrors: string[] }
type PageData = Awaited<ReturnType<typeof route.loader>>

/** A team whose admin invited a fresh user by e-mail; returns the link token. */
async function invited(role: 'member' | 'instructor' = 'member') {
  const t = await teamWithEveryRole('Invitees')
  const invitee = await person()
  await post(adminPage, `/teams/${t.team.id}`, { teamId: t.team.id }, t.admin.cookie, {
    intent: 'invite',
    email: invitee.email,
    role,
  })
  return { ...t, invitee, token: await inviteTokenFor(invitee.email) }
}

const answer = (token: string, cookie: string | undefined, intent: string) =>
  post(route, `/invites/${token}`, { token }, cookie, { intent })
const inviteOf = (teamId: string, email: string) =>
  prisma.teamInvite.findFirstOrThrow({
    where: { teamId, email },
    select: { id: true, acceptedAt: true, acceptedById: true, declinedAt: true },
  })
const activeTeamOf = async (userId: string) =>
  (await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { activeTeamId: true } })).activeTeamId

describe('the invitation page', () => {
  it('shows the team, the inviter and the role to the invited user', async () => {
    const { token, invitee, admin } = await invited('instructor')
    const page = await get(route, `/invites/${token}`, { token }, invitee.cookie)
    expect(page.status).toBe(200)
    expect(page.body as PageData).toMatchObject({
      teamName: 'Invitees',
      invitedBy: admin.name,
      role: 'instructor',
      mismatch: null,
    })
  })

  it('sends a signed-out visitor to log in and back', async () => {
    const { token } = await invited()
    const page = await get(route, `/invites/${token}`, { token })
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe(`/login?${new URLSearchParams({ redirectTo: `/invites/${token}` })}`)
    expect((await answer(token, undefined, 'accept')).status).toBe(302)
  })

  it('answers 404 for a malformed or unknown token', async () => {
    const me = await person()
    for (const token of ['short', 'A'.repeat(43)]) {
      expect((await get(route, `/invites/${token}`, { token }, me.cookie)).status).toBe(404)
      expect((await answer(token, me.cookie, 'accept')).status).toBe(404)
    }
  })
})

describe('accepting', () => {
  it('joins with the invited role, settles the invitation, sets the active team, audits', async () => {
    const { team, token, invitee } = await invited('instructor')
    const result = await answer(token, invitee.cookie, 'accept')
    expect(result.status).toBe(302)
    expect(result.headers.get('location')).toBe('/teams')
    expect((await toastIn(result.headers))?.message).toBe('Welcome! You joined the team.')
    expect(
      (
        await prisma.teamMember.findUniqueOrThrow({
          where: { teamId_userId: { teamId: team.id, userId: invitee.id } },
          select: { role: true },
        })
      ).role,
    ).toBe('instructor')
    const invite = await inviteOf(team.id, invitee.email)
    expect(invite.acceptedAt).not.toBeNull()
    expect(invite.acceptedById).toBe(invitee.id)
    expect(await activeTeamOf(invitee.id)).toBe(team.id)
    expect(
      await prisma.auditLog.count({ where: { action: 'team.invite.accepted', actorId: invitee.id, teamId: team.id } }),
    ).toBe(1)
  })

  it('keeps the active team of a user who already has one', async () => {
    const { team, token, invitee } = await invited()
    const own = await createTeam(invitee.id, { name: 'Own', description: null })
    await answer(token, invitee.cookie, 'accept')
    expect(await prisma.teamMember.count({ where: { teamId: team.id, userId: invitee.id } })).toBe(1)
    expect(await activeTeamOf(invitee.id)).toBe(own.id)
  })

  it('works once: a second accept answers 410 "already used"', async () => {
    const { team, token, invitee } = await invited()
    expect((await answer(token, invitee.cookie, 'accept')).status).toBe(302)
    const again = await answer(token, invitee.cookie, 'accept')
    expect(again.status).toBe(410)
    expect((again.body as Failure).formErrors.join(' ')).toContain('already been used')
    expect((await get(route, `/invites/${token}`, { token }, invitee.cookie)).status).toBe(410)
    expect(await prisma.teamMember.count({ where: { teamId: team.id, userId: invitee.id } })).toBe(1)
  })

  it('refuses an expired invitation (410), writing nothing', async () => {
    const { team, token, invitee } = await invited()
    await prisma.teamInvite.updateMany({
      where: { teamId: team.id, email: invitee.email },
      data: { expiresAt: new Date(Date.now() - 1000) },
    })
    const before = await teamState(team.id)
    const result = await answer(token, invitee.cookie, 'accept')
    expect(result.status).toBe(410)
    expect((result.body as Failure).formErrors.join(' ')).toContain('expired')
    expect(await teamState(team.id)).toEqual(before)
  })

  it('refuses (403) a user whose e-mail is not the invited one, naming the invited address', async () => {
    const { team, token, invitee } = await invited()
    const someoneElse = await person()
    const before = await teamState(team.id)
    const page = await get(route, `/invites/${token}`, { token }, someoneElse.cookie)
    expect((page.body as PageData).mismatch).toContain(invitee.email)
    for (const intent of ['accept', 'decline']) {
      const result = await answer(token, someoneElse.cookie, intent)
      expect(result.status).toBe(403)
      expect((result.body as Failure).formErrors.join(' ')).toContain(invitee.email)
    }
    expect(await teamState(team.id)).toEqual(before)
  })

  it('re-checks the seat limit when accepting', async () => {
    const { team, token, invitee } = await invited()
    await addMember(team.id, 'member')
    await setSeatLimit(team.id, 5)
    const before = await teamState(team.id)
    const result = await answer(token, invitee.cookie, 'accept')
    expect(result.status).toBe(409)
    expect((result.body as Failure).formErrors).toEqual([
      'This team has no free seat right now. Ask whoever invited you to make room, then accept again.',
    ])
    expect(await teamState(team.id)).toEqual(before)
  })

  it('refuses a revoked invitation (410)', async () => {
    const { team, token, invitee } = await invited()
    await prisma.teamInvite.updateMany({ where: { teamId: team.id }, data: { revokedAt: new Date() } })
    expect((await answer(token, invitee.cookie, 'accept')).status).toBe(410)
    expect(await prisma.teamMember.count({ where: { teamId: team.id, userId: invitee.id } })).toBe(0)
  })

  it('answers 400 naming the field for an unknown intent', async () => {
    const { token, invitee } = await invited()
    const result = await answer(token, invitee.cookie, 'maybe')
    expect(result.status).toBe(400)
    expect((result.body as { fieldErrors: Record<string, string[]> }).fieldErrors.intent?.length).toBeGreaterThan(0)
  })
})

describe('declining', () => {
  it('settles the invitation without joining; the link is then used up', async () => {
    const { team, token, invitee } = await invited()
    const result = await answer(token, invitee.cookie, 'decline')
    expect(result.status).toBe(302)
    expect((await inviteOf(team.id, invitee.email)).declinedAt).not.toBeNull()
    expect(await prisma.auditLog.count({ where: { action: 'team.invite.declined', actorId: invitee.id } })).toBe(1)
    expect((await answer(token, invitee.cookie, 'accept')).status).toBe(410)
    expect(await prisma.teamMember.count({ where: { teamId: team.id, userId: invitee.id } })).toBe(0)
  })
})

describe('invitations on the teams page', () => {
  it('lists my pending invitations and lets me accept or decline them there', async () => {
    const first = await invited()
    const second = await teamWithEveryRole('Second')
    await post(adminPage, `/teams/${second.team.id}`, { teamId: second.team.id }, second.owner.cookie, {
      intent: 'invite',
      email: first.invitee.email,
      role: 'member',
    })

    const page = (await get(teamsPage, '/teams', {}, first.invitee.cookie)).body as Awaited<
      ReturnType<typeof teamsPage.loader>
    >
    expect(page.invitations.map((i) => i.teamName).sort()).toEqual(['Invitees', 'Second'])
    const byTeam = Object.fromEntries(page.invitations.map((i) => [i.teamName, i.id]))

    expect(
      (
        await post(teamsPage, '/teams?index', {}, first.invitee.cookie, {
          intent: 'accept-invite',
          inviteId: byTeam.Invitees!,
        })
      ).status,
    ).toBe(302)
    expect(
      (
        await post(teamsPage, '/teams?index', {}, first.invitee.cookie, {
          intent: 'decline-invite',
          inviteId: byTeam.Second!,
        })
      ).status,
    ).toBe(302)
    expect(await prisma.teamMember.count({ where: { userId: first.invitee.id } })).toBe(1)
    expect((await inviteOf(second.team.id, first.invitee.email)).declinedAt).not.toBeNull()
  })

  it('refuses (403) settling someone else’s invitation by its id', async () => {
    const { team, invitee } = await invited()
    const { id } = await inviteOf(team.id, invitee.email)
    const intruder = await person()
    const before = await teamState(team.id)
    for (const intent of ['accept-invite', 'decline-invite']) {
      expect((await post(teamsPage, '/teams?index', {}, intruder.cookie, { intent, inviteId: id })).status).toBe(403)
    }
    expect(await teamState(team.id)).toEqual(before)
  })
})
