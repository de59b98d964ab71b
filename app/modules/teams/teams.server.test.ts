import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { addMember, person } from './testing/fixtures'
import { createTeam, listTeamChoices, transferOwnership } from './teams.server'

const ownersOf = (teamId: string) =>
  prisma.teamMember.findMany({ where: { teamId, role: 'owner' }, select: { userId: true } })

describe('createTeam', () => {
  it('makes the creator the one owner, with settings and the default seats, and acts for it', async () => {
    const owner = await person()
    const team = await createTeam(owner.id, { name: 'Maths club', description: 'Fractions on Fridays' })
    expect(
      await prisma.team.findUniqueOrThrow({
        where: { id: team.id },
        select: { name: true, description: true, ownerId: true, seatLimit: true },
      }),
    ).toEqual({
      name: 'Maths club',
      description: 'Fractions on Fridays',
      ownerId: owner.id,
      seatLimit: 5,
    })
    expect(await ownersOf(team.id)).toEqual([{ userId: owner.id }])
    expect(
      await prisma.teamSettings.findUniqueOrThrow({
        where: { teamId: team.id },
        select: { subjects: true, dailyXpGoal: true },
      }),
    ).toEqual({ subjects: [], dailyXpGoal: null })
    expect(
      (await prisma.user.findUniqueOrThrow({ where: { id: owner.id }, select: { activeTeamId: true } })).activeTeamId,
    ).toBe(team.id)
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'team.created', teamId: team.id },
      select: { actorId: true },
    })
    expect(audit.actorId).toBe(owner.id)
  })
})

describe('listTeamChoices', () => {
  it('lists the teams the user belongs to, in any role, by name, and no other team', async () => {
    const [me, other] = [await person(), await person()]
    const zebra = await createTeam(me.id, { name: 'Zebra readers', description: '' })
    const alpha = await createTeam(other.id, { name: 'Alpha club', description: '' })
    const middle = await createTeam(other.id, { name: 'Middle group', description: '' })
    await createTeam(other.id, { name: 'Not mine', description: '' })
    await addMember(alpha.id, 'member', me)
    await addMember(middle.id, 'admin', me)
    expect(await listTeamChoices(me.id)).toEqual([
      { id: alpha.id, name: 'Alpha club' },
      { id: middle.id, name: 'Middle group' },
      { id: zebra.id, name: 'Zebra readers' },
    ])
    expect(await listTeamChoices((await person()).id)).toEqual([])
  })
})

describe('transferOwnership', () => {
  it('swaps owner and admin in one write and moves Team.ownerId', async () => {
    const owner = await person()
    const team = await createTeam(owner.id, { name: 'Handover', description: null })
    const next = await addMember(team.id, 'member')
    await transferOwnership({ teamId: team.id, actor: { userId: owner.id, role: 'owner' }, targetUserId: next.id })
    expect(await ownersOf(team.id)).toEqual([{ userId: next.id }])
    expect(
      (
        await prisma.teamMember.findUniqueOrThrow({
          where: { teamId_userId: { teamId: team.id, userId: owner.id } },
          select: { role: true },
        })
      ).role,
    ).toBe('admin')
    expect((await prisma.team.findUniqueOrThrow({ where: { id: team.id }, select: { ownerId: true } })).ownerId).toBe(
      next.id,
    )
  })

  it('changes nothing when the actor is no longer the owner (a stale page)', async () => {
    const owner = await person()
    const team = await createTeam(owner.id, { name: 'Stale', description: null })
    const admin = await addMember(team.id, 'admin')
    const member = await addMember(team.id, 'member')
    // The admin's page still says "owner", but the database says otherwise.
    await expect(
      transferOwnership({ teamId: team.id, actor: { userId: admin.id, role: 'owner' }, targetUserId: member.id }),
    ).rejects.toMatchObject({ status: 409 })
    expect(await ownersOf(team.id)).toEqual([{ userId: owner.id }])
    expect((await prisma.team.findUniqueOrThrow({ where: { id: team.id }, select: { ownerId: true } })).ownerId).toBe(
      owner.id,
    )
    expect(
      (
        await prisma.teamMember.findUniqueOrThrow({
          where: { teamId_userId: { teamId: team.id, userId: admin.id } },
          select: { role: true },
        })
      ).role,
    ).toBe('admin')
  })
})
