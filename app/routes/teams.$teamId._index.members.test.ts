import { describe, expect, it } from 'vitest'
import { get, person, post, teamState, teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { createTeam } from '~/modules/teams/teams.server'
import { prisma } from '~/utils/db.server'
import * as route from './teams.$teamId._index'

type Failure = { fieldErrors: Record<string, string[]>; formErrors: string[] }
type PageData = Awaited<ReturnType<typeof route.loader>>
const send = (teamId: string, cookie: string, form: Record<string, string>) =>
  post(route, `/teams/${teamId}`, { teamId }, cookie, form)
const roleOf = async (teamId: string, userId: string) =>
  (await prisma.teamMember.findUnique({ where: { teamId_userId: { teamId, userId } }, select: { role: true } }))
    ?.role ?? null

describe('the team admin page', () => {
  it('lists members with role, joined date and last activity (XP and streaks: teams.$teamId._index.learning.test.ts)', async () => {
    const { team, owner, admin, member } = await teamWithEveryRole()
    const lastActiveAt = new Date('2026-02-03T10:00:00Z')
    await prisma.teamMember.update({
      where: { teamId_userId: { teamId: team.id, userId: member.id } },
      data: { lastActiveAt },
      select: { id: true },
    })
    const data = (await get(route, `/teams/${team.id}`, { teamId: team.id }, admin.cookie)).body as PageData
    expect(data.members.map((m) => m.role)).toEqual(['owner', 'admin', 'instructor', 'member'])
    expect(data.members.find((m) => m.userId === member.id)?.lastActivityAt).toBe(lastActiveAt.toISOString())
    expect(data.members.find((m) => m.userId === owner.id)).toMatchObject({
      name: owner.name,
      username: owner.username,
      removable: false,
      roleOptions: ['owner'],
    })
    // An admin may manage instructors and members only, never the owner, other admins or themself.
    expect(data.members.find((m) => m.userId === member.id)).toMatchObject({
      removable: true,
      roleOptions: ['instructor', 'member'],
    })
    expect(data.members.find((m) => m.userId === admin.id)).toMatchObject({ removable: false, roleOptions: ['admin'] })
    expect(data.can).toEqual({ invite: true, editSettings: true, transfer: false, manageDocuments: true })
    expect(data.seats).toMatchObject({ members: 4, used: 4, limit: 20 })
    expect(data.members.find((m) => m.userId === member.id)).toMatchObject({
      xp: 0,
      level: 1,
      streak: 0,
      doneToday: false,
    })
  })

  it('shows an instructor the members but none of the admin controls', async () => {
    const { team, instructor } = await teamWithEveryRole()
    const data = (await get(route, `/teams/${team.id}`, { teamId: team.id }, instructor.cookie)).body as PageData
    expect(data.can).toEqual({ invite: false, editSettings: false, transfer: false, manageDocuments: true })
    expect(data.invites).toEqual([])
    expect(data.members.every((m) => !m.removable && m.roleOptions.length === 1)).toBe(true)
  })
})

describe('changing roles', () => {
  it('lets the owner promote a member to admin, audited with from and to', async () => {
    const { team, owner, member } = await teamWithEveryRole()
    const result = await send(team.id, owner.cookie, { intent: 'change-role', userId: member.id, role: 'admin' })
    expect(result.status).toBe(302)
    expect(await roleOf(team.id, member.id)).toBe('admin')
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'team.member.role_changed', targetId: member.id },
      select: { actorId: true, teamId: true, metadata: true },
    })
    expect(audit).toEqual({ actorId: owner.id, teamId: team.id, metadata: { from: 'member', to: 'admin' } })
  })

  it('lets an admin move members and instructors, but never touch the owner or admins', async () => {
    const { team, owner, admin, instructor, member } = await teamWithEveryRole()
    const otherAdmin = await person()
    await prisma.teamMember.create({
      data: { teamId: team.id, userId: otherAdmin.id, role: 'admin' },
      select: { id: true },
    })
    expect(
      (await send(team.id, admin.cookie, { intent: 'change-role', userId: instructor.id, role: 'member' })).status,
    ).toBe(302)
    expect(await roleOf(team.id, instructor.id)).toBe('member')

    const before = await teamState(team.id)
    for (const [userId, role] of [
      [owner.id, 'member'],
      [otherAdmin.id, 'member'],
      [member.id, 'admin'],
      [admin.id, 'member'],
    ] as const) {
      const result = await send(team.id, admin.cookie, { intent: 'change-role', userId, role })
      expect(result.status).toBe(403)
      expect((result.body as Failure).formErrors.length).toBeGreaterThan(0)
    }
    expect(await teamState(team.id)).toEqual(before)
  })

  it('refuses the owner changing their own role, and a user who is not a member (404)', async () => {
    const { team, owner } = await teamWithEveryRole()
    expect((await send(team.id, owner.cookie, { intent: 'change-role', userId: owner.id, role: 'admin' })).status).toBe(
      403,
    )
    const stranger = await person()
    expect(
      (await send(team.id, owner.cookie, { intent: 'change-role', userId: stranger.id, role: 'admin' })).status,
    ).toBe(404)
    expect(await prisma.teamMember.count({ where: { teamId: team.id, role: 'owner' } })).toBe(1)
  })

  it.each([
    ['a malformed user id', { userId: 'nope', role: 'member' }, 'userId'],
    ['the owner role', { role: 'owner' }, 'role'],
    ['no role', {}, 'role'],
  ])('answers 400 naming the field for %s', async (_case, fields, field) => {
    const { team, owner, member } = await teamWithEveryRole()
    const result = await send(team.id, owner.cookie, { intent: 'change-role', userId: member.id, ...fields })
    expect(result.status).toBe(400)
    expect((result.body as Failure).fieldErrors[field]?.length).toBeGreaterThan(0)
    expect(await roleOf(team.id, member.id)).toBe('member')
  })
})

describe('removing members', () => {
  it('removes a member, clears their active team, and audits it', async () => {
    const { team, admin, member } = await teamWithEveryRole()
    await prisma.user.update({ where: { id: member.id }, data: { activeTeamId: team.id }, select: { id: true } })
    const result = await send(team.id, admin.cookie, { intent: 'remove', userId: member.id })
    expect(result.status).toBe(302)
    expect(await roleOf(team.id, member.id)).toBeNull()
    expect(
      (await prisma.user.findUniqueOrThrow({ where: { id: member.id }, select: { activeTeamId: true } })).activeTeamId,
    ).toBeNull()
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'team.member.removed', targetId: member.id },
      select: { actorId: true, teamId: true, metadata: true },
    })
    expect(audit).toEqual({ actorId: admin.id, teamId: team.id, metadata: { role: 'member' } })
  })

  it('keeps the removed user’s active team when it is another team', async () => {
    const { team, owner, instructor } = await teamWithEveryRole()
    const own = await createTeam(instructor.id, { name: 'Own', description: null })
    await send(team.id, owner.cookie, { intent: 'remove', userId: instructor.id })
    expect(
      (await prisma.user.findUniqueOrThrow({ where: { id: instructor.id }, select: { activeTeamId: true } }))
        .activeTeamId,
    ).toBe(own.id)
  })

  it('never removes the owner, and an admin never removes an admin', async () => {
    const { team, owner, admin } = await teamWithEveryRole()
    const otherAdmin = await person()
    await prisma.teamMember.create({
      data: { teamId: team.id, userId: otherAdmin.id, role: 'admin' },
      select: { id: true },
    })
    const before = await teamState(team.id)
    expect((await send(team.id, admin.cookie, { intent: 'remove', userId: owner.id })).status).toBe(403)
    expect((await send(team.id, admin.cookie, { intent: 'remove', userId: otherAdmin.id })).status).toBe(403)
    expect((await send(team.id, owner.cookie, { intent: 'remove', userId: owner.id })).status).toBe(403)
    expect(await teamState(team.id)).toEqual(before)
    expect(await prisma.auditLog.count({ where: { action: 'team.member.removed', teamId: team.id } })).toBe(0)
  })

  it('refuses (403) an instructor removing anyone', async () => {
    const { team, instructor, member } = await teamWithEveryRole()
    expect((await send(team.id, instructor.cookie, { intent: 'remove', userId: member.id })).status).toBe(403)
    expect(await roleOf(team.id, member.id)).toBe('member')
  })
})

describe('transferring ownership', () => {
  it('leaves exactly one owner: the new one; the old owner becomes admin; audited', async () => {
    const { team, owner, member } = await teamWithEveryRole()
    const result = await send(team.id, owner.cookie, { intent: 'transfer', userId: member.id, confirm: 'on' })
    expect(result.status).toBe(302)
    expect(
      await prisma.teamMember.findMany({ where: { teamId: team.id, role: 'owner' }, select: { userId: true } }),
    ).toEqual([{ userId: member.id }])
    expect(await roleOf(team.id, owner.id)).toBe('admin')
    expect((await prisma.team.findUniqueOrThrow({ where: { id: team.id }, select: { ownerId: true } })).ownerId).toBe(
      member.id,
    )
    expect(
      await prisma.auditLog.count({
        where: { action: 'team.ownership.transferred', teamId: team.id, actorId: owner.id, targetId: member.id },
      }),
    ).toBe(1)
    // The former owner, now admin, can no longer transfer.
    expect((await send(team.id, owner.cookie, { intent: 'transfer', userId: owner.id, confirm: 'on' })).status).toBe(
      403,
    )
  })

  it('needs the confirmation box, and refuses admins and non-members', async () => {
    const { team, owner, admin, member } = await teamWithEveryRole()
    const before = await teamState(team.id)
    const unconfirmed = await send(team.id, owner.cookie, { intent: 'transfer', userId: member.id })
    expect(unconfirmed.status).toBe(400)
    expect((unconfirmed.body as Failure).fieldErrors.confirm?.length).toBeGreaterThan(0)
    expect((await send(team.id, admin.cookie, { intent: 'transfer', userId: admin.id, confirm: 'on' })).status).toBe(
      403,
    )
    const stranger = await person()
    expect((await send(team.id, owner.cookie, { intent: 'transfer', userId: stranger.id, confirm: 'on' })).status).toBe(
      404,
    )
    expect((await send(team.id, owner.cookie, { intent: 'transfer', userId: owner.id, confirm: 'on' })).status).toBe(
      409,
    )
    expect(await teamState(team.id)).toEqual(before)
  })
})
