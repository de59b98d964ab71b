import { ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { NotFound } from '~/utils/errors.server'
import { createUser } from '#tests/support/accounts'
import { publishedNugget } from '~/modules/knowledge/testing/paths'
import { answerTask, findPracticeTopic, nextPracticeTask, practiceTask } from './practice.server'
import { reviewQueue } from './reviews.server'
import { topicStats } from './topic-stats.server'
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

describe('a nugget’s practice task (a path’s quick check)', () => {
  const memberOf = async (teamId: string) => {
    const user = await createUser()
    await prisma.teamMember.create({ data: { teamId, userId: user.id, role: 'member' } })
    return user
  }
  const team = (name: string) => prisma.team.create({ data: { name }, select: { id: true } })
  const quickAnswer = (userId: string, taskId: string) =>
    answerTask(userId, { taskId, attemptId: ulid(), answer: '0', hintUsed: false }, { now: T0 })
  const tasksIn = async (userId: string, fixture: PracticeTopicFixture) =>
    (await topicStats(userId, fixture.slug, T0)).tasks.total

  it('shows only to members of the nugget’s team: another team’s learner never sees or answers it', async () => {
    const fixture = await createPracticeTopic()
    const nuggetTeam = await team('Nugget team')
    const member = await memberOf(nuggetTeam.id)
    const outsider = await memberOf((await team('Other team')).id)
    const { taskId } = await publishedNugget(nuggetTeam.id, 'Airships', fixture.topicId)

    expect(await tasksIn(member.id, fixture)).toBe(5)
    expect((await practiceTask(member.id, taskId!)).task.id).toBe(taskId)
    expect((await quickAnswer(member.id, taskId!)).result.isCorrect).toBe(true)
    expect((await reviewQueue(member.id, { now: minutes(60 * 24 * 400) })).reviews.map((r) => r.taskId)).toContain(
      taskId,
    )

    expect(await tasksIn(outsider.id, fixture)).toBe(4)
    await expect(practiceTask(outsider.id, taskId!)).rejects.toBeInstanceOf(NotFound)
    await expect(quickAnswer(outsider.id, taskId!)).rejects.toBeInstanceOf(NotFound)
    expect(await prisma.userTaskAttempt.count({ where: { taskId: taskId!, userId: outsider.id } })).toBe(0)
    const seen = new Set<string>()
    let after: string | null = null
    for (let i = 0; i < 6; i++) {
      const picked = await nextPracticeTask(outsider.id, await findPracticeTopic(fixture.slug), { now: T0, after })
      if (!picked) break
      seen.add(picked.task.id)
      await answerTask(
        outsider.id,
        { taskId: picked.task.id, attemptId: ulid(), answer: 'nope', hintUsed: false },
        { topicId: fixture.topicId, now: T0 },
      )
      after = picked.task.id
    }
    expect(seen.has(taskId!)).toBe(false)

    // An archived team's members lose it too, like the team's other knowledge.
    await prisma.team.update({ where: { id: nuggetTeam.id }, data: { archivedAt: T0 } })
    expect(await tasksIn(member.id, fixture)).toBe(4)
    await expect(practiceTask(member.id, taskId!)).rejects.toBeInstanceOf(NotFound)
    expect((await reviewQueue(member.id, { now: minutes(60 * 24 * 400) })).reviews.map((r) => r.taskId)).not.toContain(
      taskId,
    )
  })

  it('of a platform nugget (no team) shows to everyone', async () => {
    const fixture = await createPracticeTopic()
    const nugget = await prisma.nugget.create({
      data: { teamId: null, content: 'A library lesson.', status: 'ready' },
      select: { id: true },
    })
    const taskId = `nugget.${nugget.id}`
    await prisma.task.create({
      data: {
        id: taskId,
        topicId: fixture.topicId,
        kind: 'multiple_choice',
        prompt: 'Library check',
        choices: ['Right', 'Wrong'],
        answer: 0,
        concepts: [],
        nuggetId: nugget.id,
      },
      select: { id: true },
    })
    const anyone = await createUser()
    expect(await tasksIn(anyone.id, fixture)).toBe(5)
    expect((await quickAnswer(anyone.id, taskId)).result.isCorrect).toBe(true)
  })
})
