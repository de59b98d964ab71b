import { describe, expect, it } from 'vitest'
import { createTeam } from '~/modules/teams/teams.server'
import { prisma, writeBatch } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { deletedEmail, ownerStillAloneGuard, withoutSecrets } from './privacy.server'

describe('withoutSecrets', () => {
  it('drops secret-looking keys at every depth and keeps everything else', () => {
    const when = new Date('2026-01-02T03:04:05Z')
    expect(
      withoutSecrets({
        id: 'u1',
        tokenHash: 'x',
        password: 'x',
        nested: [{ hash: 'x', contentHash: 'x', clientSecret: 'x', keep: 1, when }],
        json: { deep: { passwordHash: 'x', fine: null } },
      }),
    ).toEqual({ id: 'u1', nested: [{ keep: 1, when }], json: { deep: { fine: null } } })
  })
})

describe('deletedEmail', () => {
  it('is the seed 002 address on a reserved domain', () => {
    expect(deletedEmail('01ABC')).toBe('user_01ABC@deleted.invalid')
  })
})

describe('ownerStillAloneGuard (first statement of the deletion batch)', () => {
  it('fails the whole batch while a team the user owns has another member, and lets it through once alone', async () => {
    const owner = await createUser()
    const team = await createTeam(owner.id, { name: 'Guarded', description: null })
    const joiner = await createUser()
    await prisma.teamMember.create({
      data: { teamId: team.id, userId: joiner.id, role: 'member' },
      select: { id: true },
    })
    const rename = { sql: `UPDATE "User" SET "name" = 'changed' WHERE "id" = ?`, args: [owner.id] }

    await expect(writeBatch([ownerStillAloneGuard(owner.id), rename])).rejects.toThrow()
    expect(await prisma.user.findUniqueOrThrow({ where: { id: owner.id }, select: { name: true } })).toEqual({
      name: owner.name,
    })

    await prisma.teamMember.deleteMany({ where: { teamId: team.id, userId: joiner.id } })
    await writeBatch([ownerStillAloneGuard(owner.id), rename])
    expect(await prisma.user.findUniqueOrThrow({ where: { id: owner.id }, select: { name: true } })).toEqual({
      name: 'changed',
    })
    // A member of someone else's team is not held back by it.
    await expect(writeBatch([ownerStillAloneGuard(joiner.id)])).resolves.toBeDefined()
  })
})
