import { ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import { answerTask } from '~/modules/learning/practice.server'
import { signedIn } from '~/modules/learning/testing/api'
import {
  SECRET,
  createPracticeTopic,
  type FixtureKind,
  type PracticeTopicFixture,
} from '~/modules/learning/testing/practice-fixtures'
import { renderPage, type PageModule } from '~/modules/learning/testing/render-route'
import { prisma } from '~/utils/db.server'
import { args, request, settle } from '#tests/support/accounts'
import { databaseSnapshot } from '#tests/support/database'
import * as route from './reviews'

const page = route as unknown as PageModule
const show = (cookie: string, query = '') => settle(() => route.loader(args(request(`/reviews${query}`, { cookie }))))
const answer = (cookie: string, form: Record<string, string>) =>
  settle(() => route.action(args(request('/reviews', { cookie, form }))))

type Loaded = {
  queue: {
    dueNow: number
    reviewedToday: number
    moreTomorrow: number
    capReached: boolean
    reviews: Array<{ taskId: string; due: string }>
    nextDue: string | null
  }
  current: { task: { id: string } } | null
  attemptId: string
}

/** The learner answered these tasks earlier; their cards came due 1, 2, 3 … hours ago, in this order reversed. */
async function dueCards(userId: string, fixture: PracticeTopicFixture, kinds: FixtureKind[]) {
  for (const [i, kind] of kinds.entries()) {
    await answerTask(
      userId,
      { taskId: fixture.tasks[kind], attemptId: ulid(), answer: SECRET[kind].right, hintUsed: false },
      { now: new Date(Date.now() - 50 * 3_600_000) },
    )
    await prisma.reviewCard.updateMany({
      where: { userId, taskId: fixture.tasks[kind] },
      data: { due: new Date(Date.now() - (kinds.length - i) * 3_600_000) },
    })
  }
}

describe('the review queue page', () => {
  it('says when nothing is due, and when the next review comes', async () => {
    const fixture = await createPracticeTopic()
    const user = await signedIn()
    expect((await show(user.cookie)).body).toMatchObject({
      queue: { dueNow: 0, reviews: [], nextDue: null },
      current: null,
    })
    await answerTask(user.id, {
      taskId: fixture.tasks.single,
      attemptId: ulid(),
      answer: SECRET.single.wrong,
      hintUsed: false,
    })
    const { html } = await renderPage(page, '/reviews', request('/reviews', { cookie: user.cookie }))
    expect(html).toContain('Nothing is due for review right now.')
    expect(html).toContain('Your next review comes due later today.')
  })

  it('lists what is due oldest first and shows the oldest card to answer, without its answer', async () => {
    const fixture = await createPracticeTopic()
    const user = await signedIn()
    await dueCards(user.id, fixture, ['numeric', 'text', 'single'])
    const loaded = (await show(user.cookie)).body as Loaded
    expect(loaded.queue.reviews.map((r) => r.taskId)).toEqual([
      fixture.tasks.numeric,
      fixture.tasks.text,
      fixture.tasks.single,
    ])
    expect(loaded.current?.task.id).toBe(fixture.tasks.numeric)
    expect((await show(user.cookie, `?task=${fixture.tasks.text}`)).body).toMatchObject({
      current: { task: { id: fixture.tasks.text } },
    })

    const { status, html } = await renderPage(page, '/reviews', request('/reviews', { cookie: user.cookie }))
    expect(status).toBe(200)
    expect(html).toContain('3 reviews are due.')
    expect(html).toContain('Divide 15.0076 by 4.')
    expect(html).toContain('Check my answer')
    for (const secret of [
      'EXPLAINED-',
      String(SECRET.numeric.answer),
      String(SECRET.numeric.tolerance),
      'zyxwvutsrq',
    ]) {
      expect(html).not.toContain(secret)
      expect(JSON.stringify(loaded)).not.toContain(secret)
    }
  })

  it('shows at most what the daily cap leaves and how many wait for tomorrow', async () => {
    const fixture = await createPracticeTopic()
    const user = await signedIn()
    await dueCards(user.id, fixture, ['single', 'multi', 'numeric'])
    // 49 reviews already done today: one place left under the cap of 50.
    const card = await prisma.reviewCard.findFirstOrThrow({ where: { userId: user.id }, select: { id: true } })
    const now = new Date()
    await prisma.reviewLog.createMany({
      data: Array.from({ length: 49 }, () => ({
        cardId: card.id,
        userId: user.id,
        rating: 3,
        state: 'review' as const,
        due: now,
        stability: 1,
        difficulty: 5,
        elapsedDays: 1,
        lastElapsedDays: 0,
        scheduledDays: 1,
        learningSteps: 0,
        review: now,
      })),
    })
    const loaded = (await show(user.cookie)).body as Loaded
    expect(loaded.queue).toMatchObject({ reviewedToday: 49, dueNow: 3, moreTomorrow: 2, capReached: true })
    expect(loaded.queue.reviews.map((r) => r.taskId)).toEqual([fixture.tasks.single])
    const { html } = await renderPage(page, '/reviews', request('/reviews', { cookie: user.cookie }))
    expect(html).toContain('2 more tomorrow.')
  })

  it('once the cap is used up, says only to come back tomorrow, not when the next card comes due', async () => {
    const fixture = await createPracticeTopic()
    const user = await signedIn()
    await dueCards(user.id, fixture, ['single', 'multi', 'numeric'])
    await prisma.reviewCard.updateMany({
      where: { userId: user.id, taskId: fixture.tasks.numeric },
      data: { due: new Date(Date.now() + 4 * 86_400_000) },
    })
    const card = await prisma.reviewCard.findFirstOrThrow({ where: { userId: user.id }, select: { id: true } })
    const now = new Date()
    await prisma.reviewLog.createMany({
      data: Array.from({ length: 50 }, () => ({
        cardId: card.id,
        userId: user.id,
        rating: 3,
        state: 'review' as const,
        due: now,
        stability: 1,
        difficulty: 5,
        elapsedDays: 1,
        lastElapsedDays: 0,
        scheduledDays: 1,
        learningSteps: 0,
        review: now,
      })),
    })
    const loaded = (await show(user.cookie)).body as Loaded
    expect(loaded.queue).toMatchObject({ reviewedToday: 50, dueNow: 2, moreTomorrow: 2, capReached: true, reviews: [] })
    expect(loaded.queue.nextDue).not.toBeNull()
    expect(loaded.current).toBeNull()
    const { html } = await renderPage(page, '/reviews', request('/reviews', { cookie: user.cookie }))
    expect(html).toContain('That is enough reviewing for today. Come back tomorrow for 2 more.')
    expect(html).not.toContain('Your next review comes due')
    expect(html).not.toContain('Answer some tasks first')
  })

  it('answers a review on the page and offers the next one; a repeat of the same attempt replays', async () => {
    const fixture = await createPracticeTopic()
    const user = await signedIn()
    await dueCards(user.id, fixture, ['single', 'multi'])
    const { attemptId } = (await show(user.cookie)).body as Loaded
    const form = { taskId: fixture.tasks.single, attemptId, answer: SECRET.single.right }
    expect((await answer(user.cookie, form)).body).toMatchObject({
      ok: true,
      feedback: { isCorrect: true, replayed: false },
    })
    expect((await answer(user.cookie, form)).body).toMatchObject({
      ok: true,
      feedback: { isCorrect: true, replayed: true },
    })
    expect(await prisma.reviewLog.count({ where: { userId: user.id, state: { not: 'new' } } })).toBe(1)

    const after = (await show(user.cookie)).body as Loaded
    expect(after.queue).toMatchObject({ reviewedToday: 1, dueNow: 1 })
    expect(after.current?.task.id).toBe(fixture.tasks.multi)

    const { html } = await renderPage(
      page,
      '/reviews',
      request('/reviews', { cookie: user.cookie, form: { ...form, attemptId: ulid(), answer: SECRET.single.wrong } }),
    )
    expect(html).toContain('Not quite.')
    expect(html).toContain('Next review')
  })

  it('refuses bad input (400, naming the field) and unknown tasks (404) without writing', async () => {
    const fixture = await createPracticeTopic()
    const user = await signedIn()
    const before = await databaseSnapshot()
    const bad = await answer(user.cookie, { taskId: fixture.tasks.single, attemptId: 'nope', answer: '2' })
    expect(bad.status).toBe(400)
    expect(Object.keys((bad.body as { fieldErrors: object }).fieldErrors)).toEqual(['attemptId'])
    expect((await answer(user.cookie, { taskId: 'no.such.task', attemptId: ulid(), answer: '2' })).status).toBe(404)
    expect((await show(user.cookie, '?task=no.such.task')).status).toBe(404)
    expect(await databaseSnapshot()).toEqual(before)
  })
})
