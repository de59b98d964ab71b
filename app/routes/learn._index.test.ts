import { describe, expect, it } from 'vitest'
import { answer, createSubject } from '~/modules/learning/testing/read-side'
import { args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import * as route from './learn._index'

type Dashboard = Awaited<ReturnType<typeof route.loader>>
const open = (cookie?: string) => settle(() => route.loader(args(request('/learn', { cookie }))))

describe('GET /learn', () => {
  it('sends a signed-out visitor to log in', async () => {
    const page = await open()
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe('/login?redirectTo=%2Flearn')
  })

  it('greets a first-time learner with every topic to start from, and writes nothing', async () => {
    const subject = await createSubject()
    const user = await createUser()
    const cookie = await cookieFor(user.id)
    const before = await databaseSnapshot()
    const page = await open(cookie)
    expect(await databaseSnapshot()).toEqual(before)
    expect(page.status).toBe(200)
    const data = page.body as Dashboard
    expect(data.firstVisit).toBe(true)
    expect(data.subjects.find((s) => s.slug === subject.slug)?.topics.map((t) => t.slug)).toEqual(
      subject.topics.map((t) => t.slug),
    )
  })

  it('shows the learner’s own levels, XP and streak — and none of it to another learner', async () => {
    const subject = await createSubject({ topics: 1, topic: { baseTaskXp: 60 } })
    const topic = subject.topics[0]!
    const [me, other] = [await createUser(), await createUser()]
    await answer(me.id, topic.taskIds[0]!, new Date())
    await answer(me.id, topic.taskIds[1]!, new Date())

    const mine = (await open(await cookieFor(me.id))).body as Dashboard
    expect(mine.subjects.flatMap((s) => s.topics).find((t) => t.slug === topic.slug)).toMatchObject({
      currentXp: 120,
      progress: { level: 2 },
      remainingFullXp: 1,
    })
    expect(mine.streaks[0]).toMatchObject({ current: 1, doneThisPeriod: true })
    expect(mine.xpToday).toMatchObject({ earned: 120, met: true })

    const theirs = (await open(await cookieFor(other.id))).body as Dashboard
    expect(theirs.firstVisit).toBe(true)
    expect(theirs.totalXp).toBe(0)
    expect(theirs.subjects.flatMap((s) => s.topics).find((t) => t.slug === topic.slug)).toMatchObject({
      currentXp: 0,
      remainingFullXp: 3,
    })
    expect(JSON.stringify(theirs)).not.toContain(me.id)
  })
})
