import { describe, expect, it } from 'vitest'
import { get, person, post, teamState, teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import * as adminPage from './teams.$teamId._index'
import * as settingsPage from './teams.$teamId.settings'

/**
 * Access control of every loader and action of a team: the owner and admin of
 * ANOTHER team, a plain member, a signed-out visitor, an unknown or malformed
 * team id. Each is refused and the team is left exactly as it was.
 */
async function setup() {
  const ours = await teamWithEveryRole('Ours')
  const theirs = await teamWithEveryRole('Theirs')
  const pending = await prisma.teamInvite.create({
    data: { teamId: ours.team.id, email: 'pending@example.com', tokenHash: `hash-${ours.team.id}`, expiresAt: new Date(Date.now() + 86_400_000) },
    select: { id: true },
  })
  return { ours, theirs, inviteId: pending.id }
}

function everyAction(ours: Awaited<ReturnType<typeof teamWithEveryRole>>, inviteId: string) {
  return [
    [adminPage, { intent: 'invite', email: 'intruder@example.com', role: 'member' }],
    [adminPage, { intent: 'revoke-invite', inviteId }],
    [adminPage, { intent: 'change-role', userId: ours.member.id, role: 'instructor' }],
    [adminPage, { intent: 'remove', userId: ours.member.id }],
    [adminPage, { intent: 'transfer', userId: ours.admin.id, confirm: 'on' }],
    [settingsPage, { intent: 'save', name: 'Taken over', description: '', dailyXpGoal: '50' }],
    [settingsPage, { intent: 'remove-image' }],
  ] as const
}

const pathOf = (route: object, teamId: string) => (route === settingsPage ? `/teams/${teamId}/settings` : `/teams/${teamId}`)

describe('team pages refuse everyone outside the team', () => {
  it('gives the owner and the admin of another team 403 on every loader and action, changing nothing', async () => {
    const { ours, theirs, inviteId } = await setup()
    const before = await teamState(ours.team.id)
    for (const outsider of [theirs.owner, theirs.admin]) {
      for (const route of [adminPage, settingsPage]) {
        expect((await get(route, pathOf(route, ours.team.id), { teamId: ours.team.id }, outsider.cookie)).status).toBe(403)
      }
      for (const [route, form] of everyAction(ours, inviteId)) {
        const result = await post(route, pathOf(route, ours.team.id), { teamId: ours.team.id }, outsider.cookie, form)
        expect(result.status, `${form.intent} by ${outsider === theirs.owner ? 'owner' : 'admin'} of another team`).toBe(403)
      }
    }
    expect(await teamState(ours.team.id)).toEqual(before)
    expect(await prisma.outboundEmail.count({ where: { to: 'intruder@example.com' } })).toBe(0)
    expect(await prisma.auditLog.count({ where: { teamId: ours.team.id, action: { not: 'team.created' } } })).toBe(0)
  })

  it('gives a plain member 403 on both pages and every action', async () => {
    const { ours, inviteId } = await setup()
    const before = await teamState(ours.team.id)
    for (const route of [adminPage, settingsPage]) {
      expect((await get(route, pathOf(route, ours.team.id), { teamId: ours.team.id }, ours.member.cookie)).status).toBe(403)
    }
    for (const [route, form] of everyAction(ours, inviteId)) {
      expect((await post(route, pathOf(route, ours.team.id), { teamId: ours.team.id }, ours.member.cookie, form)).status, form.intent).toBe(403)
    }
    expect(await teamState(ours.team.id)).toEqual(before)
  })

  it('lets platform staff read the members page but change nothing', async () => {
    const { ours, inviteId } = await setup()
    const staff = await person({ role: 'admin' })
    const before = await teamState(ours.team.id)
    expect((await get(adminPage, `/teams/${ours.team.id}`, { teamId: ours.team.id }, staff.cookie)).status).toBe(200)
    for (const [route, form] of everyAction(ours, inviteId)) {
      expect((await post(route, pathOf(route, ours.team.id), { teamId: ours.team.id }, staff.cookie, form)).status, form.intent).toBe(403)
    }
    expect(await teamState(ours.team.id)).toEqual(before)
  })

  it('answers 404 for an unknown or malformed team id', async () => {
    const { ours, inviteId } = await setup()
    for (const teamId of ['01ARZ3NDEKTSV4RRFFQ69G5FAV', 'not-a-team', `${ours.team.id}x`]) {
      for (const route of [adminPage, settingsPage]) {
        expect((await get(route, pathOf(route, teamId), { teamId }, ours.owner.cookie)).status).toBe(404)
      }
      for (const [route, form] of everyAction(ours, inviteId)) {
        expect((await post(route, pathOf(route, teamId), { teamId }, ours.owner.cookie, form)).status).toBe(404)
      }
    }
  })

  it('sends a signed-out visitor to the login page, changing nothing', async () => {
    const { ours, inviteId } = await setup()
    const before = await teamState(ours.team.id)
    for (const route of [adminPage, settingsPage]) {
      const result = await get(route, pathOf(route, ours.team.id), { teamId: ours.team.id })
      expect(result.status).toBe(302)
      expect(result.headers.get('location')).toBe(`/login?${new URLSearchParams({ redirectTo: pathOf(route, ours.team.id) })}`)
    }
    for (const [route, form] of everyAction(ours, inviteId)) {
      const result = await post(route, pathOf(route, ours.team.id), { teamId: ours.team.id }, undefined, form)
      expect(result.status).toBe(302)
      expect(result.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
    }
    expect(await teamState(ours.team.id)).toEqual(before)
  })
})
