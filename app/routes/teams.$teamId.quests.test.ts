import { describe, expect, it } from 'vitest'
import { get, post, teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { moveQuest } from '~/modules/quests/quest-moves.server'
import { prisma } from '~/utils/db.server'
import { databaseSnapshot } from '#tests/support/database'
import * as teamPage from './teams.$teamId._index'
import * as assignPage from './teams.$teamId.quests'

const FORM = {
  intent: 'assign',
  title: 'Team reading',
  difficulty: 'easy',
  priority: 'medium',
  estimatedDuration: '30',
}

describe('assigning quests in a team', () => {
  it('lets an instructor assign to members; the team page shows who finished', async () => {
    const w = await teamWithEveryRole()
    const path = `/teams/${w.team.id}/quests`
    const params = { teamId: w.team.id }
    const assigned = await post(assignPage, path, params, w.instructor.cookie, {
      ...FORM,
      memberIds: `${w.member.id},${w.admin.id}`,
      dueDay: '2026-12-24',
    })
    expect(assigned.status).toBe(302)
    expect(assigned.headers.get('location')).toBe(`/teams/${w.team.id}`)
    const copy = await prisma.quest.findFirstOrThrow({ where: { userId: w.member.id, teamId: w.team.id } })
    await moveQuest(w.member.id, copy.id, 'start', new Date())
    await moveQuest(w.member.id, copy.id, 'complete', new Date())

    const page = await get(teamPage, `/teams/${w.team.id}`, params, w.instructor.cookie)
    const board = (
      page.body as {
        assignedQuests: { title: string; finished: number; members: { userId: string; status: string }[] }[]
      }
    ).assignedQuests
    expect(board).toMatchObject([{ title: 'Team reading', finished: 1 }])
    expect(Object.fromEntries(board[0]!.members.map((m) => [m.userId, m.status]))).toEqual({
      [w.member.id]: 'completed',
      [w.admin.id]: 'active',
    })
  })

  it('refuses a member (403) and names a missing choice (400); nothing is written', async () => {
    const w = await teamWithEveryRole()
    const path = `/teams/${w.team.id}/quests`
    const params = { teamId: w.team.id }
    const before = await databaseSnapshot()
    expect((await post(assignPage, path, params, w.member.cookie, { ...FORM, memberIds: w.member.id })).status).toBe(
      403,
    )
    expect((await get(assignPage, path, params, w.member.cookie)).status).toBe(403)
    const none = await post(assignPage, path, params, w.owner.cookie, FORM)
    expect(none).toMatchObject({ status: 400, body: { fieldErrors: { memberIds: ['Choose at least one member'] } } })
    expect(await databaseSnapshot()).toEqual(before)
  })
})
