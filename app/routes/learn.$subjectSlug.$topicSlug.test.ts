import { describe, expect, it } from 'vitest'
import { addCard, answer, createSubject } from '~/modules/learning/testing/read-side'
import { prisma } from '~/utils/db.server'
import { args, cookieFor, createUser, request, settle } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import * as route from './learn.$subjectSlug.$topicSlug'

type TopicPage = Awaited<ReturnType<typeof route.loader>>
const open = (subjectSlug: string, topicSlug: string, cookie?: string) =>
  settle(() =>
    route.loader(
      args(request(`/learn/${encodeURIComponent(subjectSlug)}/${encodeURIComponent(topicSlug)}`, { cookie }), {
        subjectSlug,
        topicSlug,
      }),
    ),
  )

describe('GET /learn/:subjectSlug/:topicSlug', () => {
  it('sends a signed-out visitor to log in', async () => {
    const subject = await createSubject()
    const page = await open(subject.slug, subject.topics[0]!.slug)
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toBe(
      `/login?redirectTo=${encodeURIComponent(`/learn/${subject.slug}/${subject.topics[0]!.slug}`)}`,
    )
  })

  it('shows a new learner the topic at level 1 with every concept not started', async () => {
    const subject = await createSubject({ topics: 1, tasks: 4 })
    const topic = subject.topics[0]!
    const user = await createUser()
    const data = (await open(subject.slug, topic.slug, await cookieFor(user.id))).body as TopicPage
    expect(data).toMatchObject({
      subject: { slug: subject.slug, title: subject.title },
      topic: { slug: topic.slug, title: topic.title, maxXp: 1000, dailyFullTasks: 3 },
      currentXp: 0,
      progress: { level: 1, next: 100 },
      remainingFullXp: 3,
      taskCount: 4,
      answeredTasks: 0,
      dueReviews: 0,
      nextReviewDay: null,
    })
    expect(data.concepts).toEqual([
      { concept: `${topic.slug}.c0`, label: 'C0', mastery: 0, level: 'not_started', levelLabel: 'Not started' },
      { concept: `${topic.slug}.c1`, label: 'C1', mastery: 0, level: 'not_started', levelLabel: 'Not started' },
    ])
  })

  it('shows the learner’s XP, concept mastery and due reviews in this topic only, and writes nothing', async () => {
    const subject = await createSubject({ topics: 2, tasks: 4, topic: { baseTaskXp: 60 } })
    const [topic, sibling] = subject.topics
    const [me, other] = [await createUser(), await createUser()]
    await answer(me.id, topic!.taskIds[0]!, new Date())
    await answer(me.id, topic!.taskIds[1]!, new Date(), { correct: false })
    await addCard(me.id, sibling!.taskIds[0]!, sibling!.id, new Date(Date.now() - 60_000)) // due, but in the other topic
    await addCard(me.id, topic!.taskIds[2]!, topic!.id, new Date(Date.now() - 60_000)) // due here
    await answer(other.id, topic!.taskIds[3]!, new Date())
    const cookie = await cookieFor(me.id)
    const before = await databaseSnapshot()
    const data = (await open(subject.slug, topic!.slug, cookie)).body as TopicPage
    expect(await databaseSnapshot()).toEqual(before)
    expect(data).toMatchObject({
      currentXp: 60,
      totalXpEarned: 60,
      remainingFullXp: 2,
      answeredTasks: 3,
      dueReviews: 1,
    })
    expect(data.nextReviewDay).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(data.concepts.map((c) => [c.label, c.levelLabel, c.mastery])).toEqual([
      ['C0', 'Familiar', 50], // c0 has two tasks (0 and 2), one answered right
      ['C1', 'Attempted', 0],
    ])
  })

  it.each([
    ['an unknown topic', (s: Subjects) => [s.a.slug, 'no-such-topic']],
    ['a topic of another subject', (s: Subjects) => [s.a.slug, s.b.topics[0]!.slug]],
    ['an unknown subject', (s: Subjects) => ['no-such-subject', s.a.topics[0]!.slug]],
    ['an inactive topic', (s: Subjects) => [s.a.slug, s.a.topics[1]!.slug]],
    ['a topic of an inactive subject', (s: Subjects) => [s.off.slug, s.off.topics[0]!.slug]],
    ['a malformed topic slug', (s: Subjects) => [s.a.slug, 'Topic One']],
    ['a malformed subject slug', (s: Subjects) => ['A_B', s.a.topics[0]!.slug]],
  ])('answers 404 for %s', async (_label, pick) => {
    const subjects = await world()
    const user = await createUser()
    const [subjectSlug, topicSlug] = pick(subjects)
    expect((await open(subjectSlug!, topicSlug!, await cookieFor(user.id))).status).toBe(404)
  })
})

type Subjects = Awaited<ReturnType<typeof world>>
async function world() {
  const [a, b, off] = [await createSubject(), await createSubject(), await createSubject({ active: false })]
  await prisma.topicXpConfig.update({ where: { id: a.topics[1]!.id }, data: { active: false }, select: { id: true } })
  return { a, b, off }
}
