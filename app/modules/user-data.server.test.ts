import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { deleteAccount } from '~/modules/accounts/privacy.server'
import { prisma } from '~/utils/db.server'
import type { UserDataOwner } from '~/utils/user-data'
import { TEST_PASSWORD, createUser } from '#tests/support/accounts'
import { ROOT, moduleOfSchemaFile, readSchema, tablesWrittenBy } from '#tests/support/ownership'
import { everyModulesUserData } from './user-data.server'

const schema = readSchema()
const origin = { ip: '203.0.113.7', userAgent: 'vitest' }
const account = { email: 'someone@example.com', now: new Date('2026-12-05T10:00:00Z') }

describe('every module’s part of account deletion', () => {
  it('lists each module that owns tables once, teams first and accounts last', () => {
    const owners = readdirSync(join(ROOT, 'prisma/schema'))
      .filter((name) => name.endsWith('.prisma'))
      .map(moduleOfSchemaFile)
    const listed = everyModulesUserData.map((entry) => entry.module)
    expect([...listed].sort()).toEqual([...owners].sort())
    expect(listed[0]).toBe('teams')
    expect(listed.at(-1)).toBe('accounts')
    for (const module of listed)
      expect(existsSync(join(ROOT, `app/modules/${module}/user-data.server.ts`)), module).toBe(true)
  })

  it('each module’s statements write its own tables only, one table a statement', () => {
    for (const { module, userDataStatements } of everyModulesUserData) {
      for (const statement of userDataStatements('01USER', account)) {
        const sql = typeof statement === 'string' ? statement : statement.sql
        const tables = tablesWrittenBy(sql, schema)
        expect(tables, `${module}: ${sql}`).toHaveLength(1)
        expect(schema.owner.get(tables[0]!), `${module}: ${sql}`).toBe(module)
      }
    }
  })
})

describe('deleteAccount with every module’s statements', () => {
  async function userWithRows() {
    const user = await createUser()
    const other = await createUser()
    const soloTeam = await prisma.team.create({
      data: { name: 'Solo', ownerId: user.id, members: { create: { userId: user.id, role: 'owner' } } },
      select: { id: true },
    })
    const othersTeam = await prisma.team.create({
      data: {
        name: 'Theirs',
        ownerId: other.id,
        members: {
          create: [
            { userId: other.id, role: 'owner' },
            { userId: user.id, role: 'member' },
          ],
        },
      },
      select: { id: true },
    })
    await prisma.user.update({ where: { id: user.id }, data: { activeTeamId: othersTeam.id } })
    await prisma.teamInvite.create({
      data: {
        teamId: soloTeam.id,
        email: 'later@example.com',
        tokenHash: `h-${user.id}`,
        expiresAt: new Date(Date.now() + 1e9),
      },
    })
    await prisma.aIUsage.create({
      data: { userId: user.id, prompt: 'private question', response: 'private answer', usageMonth: '2026-12' },
    })
    await prisma.tutorSession.create({
      data: { userId: user.id, messages: { create: { role: 'user', content: 'hello' } } },
    })
    await prisma.aISuggestion.create({ data: { userId: user.id, suggestionType: 'next_topic', suggestionData: {} } })
    await prisma.quest.create({ data: { userId: user.id, title: 'Private', estimatedDuration: 10 } })
    await prisma.quest.create({
      data: { userId: user.id, teamId: othersTeam.id, title: 'For the team', estimatedDuration: 10 },
    })
    await prisma.tag.create({ data: { userId: user.id, name: 'mine' } })
    await prisma.learnerProfile.create({ data: { userId: user.id, masteryMap: {}, knowledgeGaps: [] } })
    await prisma.notification.create({ data: { userId: user.id, type: 'system', title: 'Hi', eventKey: 'test:hi' } })
    await prisma.systemSetting.create({ data: { key: 'theme', value: 'dark', scope: 'learner', scopeId: user.id } })
    await prisma.session.create({
      data: { userId: user.id, tokenHash: `s-${user.id}`, expirationDate: new Date(Date.now() + 1e9) },
    })
    return { user, other, soloTeam, othersTeam }
  }

  it('deletes and anonymises every module’s rows of the user in one batch, and no one else’s', async () => {
    const { user, other, soloTeam, othersTeam } = await userWithRows()
    expect(await deleteAccount(user.id, TEST_PASSWORD, origin, everyModulesUserData)).toEqual({
      ok: true,
      teamsArchived: 1,
    })

    const mine = { where: { userId: user.id } }
    expect(
      await prisma.user.findUniqueOrThrow({
        where: { id: user.id },
        select: { name: true, activeTeamId: true, anonymizedAt: true },
      }),
    ).toMatchObject({
      name: 'Deleted User',
      activeTeamId: null,
      anonymizedAt: expect.any(Date),
    })
    expect(await prisma.session.count(mine)).toBe(0)
    expect(await prisma.teamMember.count(mine)).toBe(0)
    expect(
      await prisma.team.findUniqueOrThrow({ where: { id: soloTeam.id }, select: { ownerId: true, archivedAt: true } }),
    ).toMatchObject({ ownerId: null, archivedAt: expect.any(Date) })
    expect(
      await prisma.teamInvite.findFirstOrThrow({ where: { teamId: soloTeam.id }, select: { revokedAt: true } }),
    ).toMatchObject({ revokedAt: expect.any(Date) })
    expect(
      await prisma.team.findUniqueOrThrow({
        where: { id: othersTeam.id },
        select: { ownerId: true, archivedAt: true },
      }),
    ).toEqual({ ownerId: other.id, archivedAt: null })
    expect(await prisma.aIUsage.findMany({ ...mine, select: { prompt: true, response: true } })).toEqual([
      { prompt: '', response: null },
    ])
    expect(await prisma.tutorSession.count(mine)).toBe(0)
    expect(await prisma.aISuggestion.count(mine)).toBe(0)
    expect(await prisma.quest.findMany({ ...mine, select: { title: true } })).toEqual([{ title: 'For the team' }])
    expect(await prisma.tag.count(mine)).toBe(0)
    expect(await prisma.learnerProfile.count(mine)).toBe(0)
    expect(await prisma.notification.count(mine)).toBe(0)
    expect(await prisma.systemSetting.count({ where: { scope: 'learner', scopeId: user.id } })).toBe(0)
    expect(
      await prisma.auditLog.findFirstOrThrow({
        where: { actorId: user.id, action: 'user.deleted' },
        select: { metadata: true, ip: true },
      }),
    ).toEqual({
      metadata: { teamsArchived: 1 },
      ip: origin.ip,
    })
    expect(await prisma.teamMember.count({ where: { userId: other.id } })).toBe(1)
  })

  it('is atomic across modules: when one module’s statement fails, no module’s rows change', async () => {
    const { user, soloTeam } = await userWithRows()
    const failing: UserDataOwner = {
      module: 'failing',
      userDataStatements: () => [{ sql: `SELECT json('this module refuses')`, args: [] }],
    }
    const accounts = everyModulesUserData.at(-1)!
    await expect(
      deleteAccount(user.id, TEST_PASSWORD, origin, [...everyModulesUserData.slice(0, -1), failing, accounts]),
    ).rejects.toThrow()

    const mine = { where: { userId: user.id } }
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { anonymizedAt: true } })).toEqual({
      anonymizedAt: null,
    })
    expect(await prisma.teamMember.count(mine)).toBe(2)
    expect(await prisma.team.findUniqueOrThrow({ where: { id: soloTeam.id }, select: { archivedAt: true } })).toEqual({
      archivedAt: null,
    })
    expect(await prisma.aIUsage.findMany({ ...mine, select: { prompt: true } })).toEqual([
      { prompt: 'private question' },
    ])
    expect(await prisma.notification.count(mine)).toBe(1)
    expect(await prisma.auditLog.count({ where: { actorId: user.id, action: 'user.deleted' } })).toBe(0)
  })
})
