import { describe, expect, it } from 'vitest'
import { answer, createSubject } from '~/modules/learning/testing/read-side'
import { args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import * as route from './progress'

type Progress = Awaited<ReturnType<typeof route.loader>>
const open = (cookie?: string) => settle(() => route.loader(args(request('/progress', { cookie }))))

describe('GET /progress', () => {
  it('sends a signed-out visitor to log in', async () => {
    const page = await open()
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe('/login?redirectTo=%2Fprogress')
  })

  it('shows the learner’s 30 days, streaks, mastery and totals, and none of it to another learner; it writes nothing', async () => {
    const subject = await createSubject({ topics: 1, topic: { baseTaskXp: 20 } })
    const topic = subject.topics[0]!
    const [me, other] = [await createUser(), await createUser()]
    await answer(me.id, topic.taskIds[0]!, new Date())
    await answer(me.id, topic.taskIds[1]!, new Date(), { correct: false })
    const cookie = await cookieFor(me.id)
    const before = await databaseSnapshot()
    const mine = (await open(cookie)).body as Progress
    expect(await databaseSnapshot()).toEqual(before)
    expect(mine.series).toHaveLength(30)
    expect(mine.series.at(-1)).toEqual({ day: mine.today, xp: 20 })
    expect(mine.summary).toMatchObject({ total: 20, activeDays: 1, goalDays: 1 })
    expect(mine.streaks[0]).toMatchObject({ type: 'daily', current: 1, doneThisPeriod: true })
    expect(mine.totals).toEqual({ answers: 2, correct: 1, topicsStarted: 1, conceptsPractised: 2, conceptsMastered: 0 })
    expect(mine.mastery.map((g) => g.topic?.slug)).toEqual([topic.slug])

    const theirs = (await open(await cookieFor(other.id))).body as Progress
    expect(theirs.summary.total).toBe(0)
    expect(theirs.mastery).toEqual([])
    expect(theirs.totals.answers).toBe(0)
    expect(JSON.stringify(theirs)).not.toContain(me.id)
  })
})
