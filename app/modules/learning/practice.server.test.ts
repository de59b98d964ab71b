import { ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { NotFound } from '~/utils/errors.server'
import { createUser } from '#tests/support/accounts'
import { answerTask, findPracticeTopic, nextPracticeTask, practiceTask } from './practice.server'
import {
  SECRET,
  createPracticeTopic,
  kindOf,
  type FixtureKind,
  type PracticeTopicFixture,
} from './testing/practice-fixtures'

const T0 = new Date('2026-03-02T10:00:00Z')
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000)

async function answer(userId: string, fixture: PracticeTopicFixture, kind: FixtureKind, right: boolean, now = T0) {
  const input = {
    taskId: fixture.tasks[kind],
    attemptId: ulid(),
    answer: right ? SECRET[kind].right : SECRET[kind].wrong,
    hintUsed: false,
  }
  return answerTask(userId, input, { topicId: fixture.topicId, now })
}

async function next(userId: string, fixture: PracticeTopicFixture, now: Date, after: string | null = null) {
  const picked = await nextPracticeTask(userId, await findPracticeTopic(fixture.slug), { now, after })
  return picked && { kind: kindOf(picked.task.id), reason: picked.reason }
}

describe('the next task of a topic', () => {
  it('gives tasks never answered in content order', async () => {
    const fixture = await createPracticeTopic()
    const user = await createUser()
    expect(await next(user.id, fixture, T0)).toEqual({ kind: 'single', reason: 'new' })
    await answer(user.id, fixture, 'single', true)
    expect(await next(user.id, fixture, minutes(1))).toEqual({ kind: 'multi', reason: 'new' })
  })

  it('puts due reviews first, oldest due first', async () => {
    const fixture = await createPracticeTopic()
    const user = await createUser()
    for (const kind of ['single', 'multi'] as const) await answer(user.id, fixture, kind, true)
    await prisma.reviewCard.updateMany({
      where: { userId: user.id, taskId: fixture.tasks.multi },
      data: { due: minutes(-120) },
    })
    await prisma.reviewCard.updateMany({
      where: { userId: user.id, taskId: fixture.tasks.single },
      data: { due: minutes(-60) },
    })
    expect(await next(user.id, fixture, T0)).toEqual({ kind: 'multi', reason: 'due' })
    // A wrong answer comes back after the 10-minute relearning step, before the new tasks.
    const other = await createUser()
    await answer(other.id, fixture, 'single', false)
    expect(await next(other.id, fixture, minutes(5))).toEqual({ kind: 'multi', reason: 'new' })
    expect(await next(other.id, fixture, minutes(11))).toEqual({ kind: 'single', reason: 'due' })
  })

  it('when everything was answered and nothing is due, gives the weakest predicted recall first', async () => {
    const fixture = await createPracticeTopic()
    const user = await createUser()
    for (const kind of ['single', 'multi', 'text'] as const) await answer(user.id, fixture, kind, true)
    await answer(user.id, fixture, 'numeric', false)
    expect(await next(user.id, fixture, minutes(5))).toEqual({ kind: 'numeric', reason: 'weakest' })
  })

  it('skips the task just answered while another is left, but offers it when it is the only one', async () => {
    const fixture = await createPracticeTopic()
    const user = await createUser()
    expect(await next(user.id, fixture, T0, fixture.tasks.single)).toEqual({ kind: 'multi', reason: 'new' })
    await prisma.task.updateMany({
      where: { topicId: fixture.topicId, id: { not: fixture.tasks.single } },
      data: { active: false },
    })
    expect(await next(user.id, fixture, T0, fixture.tasks.single)).toEqual({ kind: 'single', reason: 'new' })
  })

  it('leaves out retired tasks and answers null for a topic without tasks', async () => {
    const fixture = await createPracticeTopic()
    const user = await createUser()
    await prisma.task.updateMany({ where: { id: fixture.tasks.single }, data: { active: false } })
    expect(await next(user.id, fixture, T0)).toEqual({ kind: 'multi', reason: 'new' })
    await prisma.task.updateMany({ where: { topicId: fixture.topicId }, data: { active: false } })
    expect(await next(user.id, fixture, T0)).toBeNull()
  })
})

describe('a chosen task', () => {
  it('is the browser view with the hints asked for, and NotFound outside its topic, when retired or unknown', async () => {
    const fixture = await createPracticeTopic()
    const other = await createPracticeTopic()
    const shown = await practiceTask('someone', fixture.tasks.single, { topicId: fixture.topicId, hints: 1 })
    expect(shown).toEqual({
      task: {
        id: fixture.tasks.single,
        kind: 'multiple_choice',
        prompt: 'How many legs has a cat?',
        choices: ['Two', 'Three', 'Four', 'Five'],
        multipleAnswers: false,
        difficulty: 'easy',
        hintCount: 2,
        concepts: [expect.any(String)],
      },
      topic: { slug: fixture.slug, title: fixture.title },
      reason: 'chosen',
      hints: ['Think of a dog.'],
    })
    expect((await practiceTask('someone', fixture.tasks.multi)).task.multipleAnswers).toBe(true)
    await expect(practiceTask('someone', other.tasks.single, { topicId: fixture.topicId })).rejects.toBeInstanceOf(
      NotFound,
    )
    await expect(practiceTask('someone', 'no.such.task')).rejects.toBeInstanceOf(NotFound)
    await prisma.task.updateMany({ where: { id: fixture.tasks.text }, data: { active: false } })
    await expect(practiceTask('someone', fixture.tasks.text)).rejects.toBeInstanceOf(NotFound)
  })

  it('an unknown or retired topic is NotFound', async () => {
    const fixture = await createPracticeTopic()
    await expect(findPracticeTopic('no-such-topic')).rejects.toBeInstanceOf(NotFound)
    await prisma.topicXpConfig.update({ where: { id: fixture.topicId }, data: { active: false }, select: { id: true } })
    await expect(findPracticeTopic(fixture.slug)).rejects.toBeInstanceOf(NotFound)
  })
})

describe('answering a task', () => {
  it('refuses a task of another topic without writing, and replays a retired task answered before', async () => {
    const fixture = await createPracticeTopic()
    const other = await createPracticeTopic()
    const user = await createUser()
    const input = { taskId: other.tasks.single, attemptId: ulid(), answer: '2', hintUsed: false }
    await expect(answerTask(user.id, input, { topicId: fixture.topicId })).rejects.toBeInstanceOf(NotFound)
    expect(await prisma.userTaskAttempt.count({ where: { userId: user.id } })).toBe(0)

    const first = await answerTask(user.id, input, { topicId: other.topicId })
    await prisma.task.updateMany({ where: { id: other.tasks.single }, data: { active: false } })
    const again = await answerTask(user.id, input, { topicId: other.topicId })
    expect(again.result).toMatchObject({ replayed: true, isCorrect: first.result.isCorrect })
  })
})
