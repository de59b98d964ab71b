import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { Forbidden, NotFound } from '~/utils/errors.server'
import { teamAccess } from '~/modules/teams/access.server'
import { teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { getSessionUser } from '~/utils/auth.server'
import { request } from '#tests/support/accounts'
import { QuestAssign } from './quest-input'
import { moveQuest } from './quest-moves.server'
import { listQuests } from './quests.server'
import { assignQuest, teamQuestBoard } from './team-quests.server'
import { T0, at } from './testing/fixtures'

async function accessOf(cookie: string, teamId: string) {
  const user = (await getSessionUser(request('/', { cookie })))!
  return teamAccess(user, teamId, 'read:team-members:own-team')
}

const assignment = (memberIds: string[], extra: Record<string, string> = {}) =>
  QuestAssign.parse({
    intent: 'assign',
    title: 'Read the handbook',
    difficulty: 'easy',
    priority: 'high',
    estimatedDuration: '45',
    steps: 'Chapter 1\nChapter 2',
    memberIds: memberIds.join(','),
    dueDay: '2026-03-09',
    ...extra,
  })

describe('assigning a quest to team members', () => {
  it('copies it to each chosen member (source team, due date), shown beside their own quests', async () => {
    const w = await teamWithEveryRole()
    const access = await accessOf(w.instructor.cookie, w.team.id)
    expect(await assignQuest(access, assignment([w.member.id, w.admin.id]), T0)).toEqual({ assigned: 2 })
    const copies = await prisma.quest.findMany({ where: { teamId: w.team.id }, include: { steps: true } })
    expect(copies).toHaveLength(2)
    for (const copy of copies) {
      expect(copy).toMatchObject({
        source: 'team',
        status: 'active',
        assignedById: w.instructor.id,
        title: 'Read the handbook',
        dueAt: new Date('2026-03-09T23:59:59Z'),
      })
      expect(copy.steps).toHaveLength(2)
    }
    const mine = await listQuests(w.member.id)
    expect(mine.assigned.map((q) => [q.title, q.team?.name])).toEqual([['Read the handbook', 'Team']])
    expect(mine.own).toEqual([])
  })

  it('is for owners, admins and instructors only', async () => {
    const w = await teamWithEveryRole()
    for (const who of [w.owner, w.admin]) {
      await assignQuest(await accessOf(who.cookie, w.team.id), assignment([w.member.id]), T0)
    }
    const member = { ...(await accessOf(w.instructor.cookie, w.team.id)), role: 'member' as const }
    await expect(assignQuest(member, assignment([w.member.id]), T0)).rejects.toBeInstanceOf(Forbidden)
    expect(await prisma.quest.count({ where: { teamId: w.team.id } })).toBe(2)
  })

  it('only to members of this team; nothing is written when one is not', async () => {
    const w = await teamWithEveryRole()
    const other = await teamWithEveryRole('Other')
    const access = await accessOf(w.owner.cookie, w.team.id)
    await expect(assignQuest(access, assignment([w.member.id, other.member.id]), T0)).rejects.toBeInstanceOf(NotFound)
    expect(await prisma.quest.count({ where: { teamId: w.team.id } })).toBe(0)
    expect(await prisma.quest.count({ where: { userId: other.member.id } })).toBe(0)
  })

  it('shows on the team board who finished', async () => {
    const w = await teamWithEveryRole()
    await assignQuest(await accessOf(w.owner.cookie, w.team.id), assignment([w.member.id, w.instructor.id]), T0)
    const copy = await prisma.quest.findFirstOrThrow({ where: { userId: w.member.id, teamId: w.team.id } })
    await moveQuest(w.member.id, copy.id, 'start', at(1))
    await moveQuest(w.member.id, copy.id, 'complete', at(2))
    const board = await teamQuestBoard(w.team.id)
    expect(board).toHaveLength(1)
    expect(board[0]).toMatchObject({ title: 'Read the handbook', finished: 1, assignedBy: w.owner.name })
    expect(Object.fromEntries(board[0]!.members.map((m) => [m.userId, m.status]))).toEqual({
      [w.member.id]: 'completed',
      [w.instructor.id]: 'active',
    })
    expect(await teamQuestBoard((await teamWithEveryRole('Empty')).team.id)).toEqual([])
  })
})
