import { describe, expect, it } from 'vitest'
import { addXp, setClock, setStreak } from '~/modules/learning/testing/read-side'
import { get, person, teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { learnerDay } from '~/utils/time'
import { databaseSnapshot } from '#tests/support/database'
import * as route from './teams.$teamId._index'

type PageData = Awaited<ReturnType<typeof route.loader>>

describe('the team admin page: members’ learning', () => {
  it('shows each member’s total XP, overall level and current daily streak, and nothing of anyone outside the team', async () => {
    const { team, owner, admin, member } = await teamWithEveryRole()
    const other = await teamWithEveryRole('Other')
    const loner = await person()
    const now = new Date()
    await setClock(member.id, 'Pacific/Auckland')
    const memberToday = learnerDay(now, 'Pacific/Auckland', 4)
    await addXp(member.id, memberToday, 320)
    await setStreak(member.id, 'daily', { currentCount: 6, lastActivityDate: memberToday })
    await addXp(admin.id, learnerDay(now, 'UTC', 4), 40)
    await setStreak(admin.id, 'daily', { currentCount: 9, lastActivityDate: '2020-01-01' }) // long broken
    // people elsewhere: in another team, in no team
    await addXp(other.member.id, memberToday, 777)
    await addXp(loner.id, memberToday, 555)

    const before = await databaseSnapshot()
    const page = await get(route, `/teams/${team.id}`, { teamId: team.id }, owner.cookie)
    expect(await databaseSnapshot()).toEqual(before)
    const data = page.body as PageData
    const row = (userId: string) => data.members.find((m) => m.userId === userId)
    expect(row(member.id)).toMatchObject({ xp: 320, level: 3, streak: 6, doneToday: true })
    expect(row(admin.id)).toMatchObject({ xp: 40, level: 1, streak: 0, doneToday: false })
    expect(row(owner.id)).toMatchObject({ xp: 0, level: 1, streak: 0 })
    expect(data.members).toHaveLength(4)
    const body = JSON.stringify(data)
    for (const trace of [other.member.id, other.owner.id, loner.id]) expect(body).not.toContain(trace)
    expect(data.members.map((m) => m.xp).sort((a, b) => a - b)).toEqual([0, 0, 40, 320])
  })
})
