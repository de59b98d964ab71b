import { describe, expect, it } from 'vitest'
import { answer, createSubject } from '~/modules/learning/testing/read-side'
import { prisma } from '~/utils/db.server'
import { args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import * as route from './learn.$subjectSlug._index'

type SubjectPage = Awaited<ReturnType<typeof route.loader>>
const open = (subjectSlug: string, cookie?: string) =>
  settle(() => route.loader(args(request(`/learn/${encodeURIComponent(subjectSlug)}`, { cookie }), { subjectSlug })))

describe('GET /learn/:subjectSlug', () => {
  it('sends a signed-out visitor to log in', async () => {
    const subject = await createSubject()
    const page = await open(subject.slug)
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe(`/login?redirectTo=${encodeURIComponent(`/learn/${subject.slug}`)}`)
  })

  it('lists the subject’s active topics with the learner’s own level and task counts, and writes nothing', async () => {
    const subject = await createSubject({ topics: 3, tasks: 4, topic: { baseTaskXp: 60 } })
    await prisma.topicXpConfig.update({
      where: { id: subject.topics[2]!.id },
      data: { active: false },
      select: { id: true },
    })
    await prisma.task.update({
      where: { id: subject.topics[0]!.taskIds[3]! },
      data: { active: false },
      select: { id: true },
    })
    const [me, other] = [await createUser(), await createUser()]
    await answer(me.id, subject.topics[1]!.taskIds[0]!, new Date())
    await answer(me.id, subject.topics[1]!.taskIds[1]!, new Date())
    const cookie = await cookieFor(me.id)
    const before = await databaseSnapshot()
    const page = await open(subject.slug, cookie)
    expect(await databaseSnapshot()).toEqual(before)
    expect(page.status).toBe(200)
    const data = page.body as SubjectPage
    expect(data.subject).toMatchObject({ slug: subject.slug, title: subject.title })
    expect(data.topics.map((t) => [t.slug, t.taskCount, t.currentXp, t.progress.level, t.started])).toEqual([
      [subject.topics[0]!.slug, 3, 0, 1, false],
      [subject.topics[1]!.slug, 4, 120, 2, true],
    ])
    const theirs = (await open(subject.slug, await cookieFor(other.id))).body as SubjectPage
    expect(theirs.topics.every((t) => t.currentXp === 0 && !t.started)).toBe(true)
  })

  it.each([
    ['an unknown subject', 'no-such-subject'],
    ['a malformed slug', 'Math!'],
    ['a slug with a dot', '..'],
    ['a very long slug', 'a'.repeat(101)],
  ])('answers 404 for %s', async (_label, slug) => {
    const user = await createUser()
    expect((await open(slug, await cookieFor(user.id))).status).toBe(404)
  })

  it('answers 404 for an inactive subject', async () => {
    const subject = await createSubject({ active: false })
    const user = await createUser()
    expect((await open(subject.slug, await cookieFor(user.id))).status).toBe(404)
  })
})
