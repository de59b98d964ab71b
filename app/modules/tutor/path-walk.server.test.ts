import { ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import { publishedPath, refusal } from '~/modules/knowledge/testing/paths'
import { answerTask } from '~/modules/learning/practice.server'
import { createPracticeTopic } from '~/modules/learning/testing/practice-fixtures'
import { prisma } from '~/utils/db.server'
import { Conflict, Forbidden, Invalid, NotFound } from '~/utils/errors.server'
import { createUser } from '#tests/support/accounts'
import { chooseNext, quickCheckOf, startWalk, walkState } from './path-walk.server'
import { askTutor, tutorSession, tutorSessions } from './tutor.server'

/** Walking a narrative path through the real database: start → gate (its choice gated by a quick check) → end. */
const T0 = new Date('2026-12-07T10:00:00Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)

async function learnerOnPath() {
  const learner = await createUser()
  const team = await prisma.team.create({ data: { name: 'Walkers' }, select: { id: true } })
  await prisma.teamMember.create({ data: { teamId: team.id, userId: learner.id, role: 'member' } })
  const topic = await createPracticeTopic()
  return { learner, teamId: team.id, ...(await publishedPath(team.id, topic.topicId)) }
}

describe('walking a path', () => {
  it('starts at the start node, resumes there, and moves by an open choice', async () => {
    const { learner, pathId, nodeIds } = await learnerOnPath()
    const before = await walkState(learner.id, pathId)
    expect([before.session, before.node.id, before.node.nugget.title]).toEqual([null, nodeIds[0], 'Start'])
    expect(await refusal(chooseNext(learner.id, pathId, 0, at(0)))).toBeInstanceOf(Conflict)

    const { sessionId } = await startWalk(learner.id, pathId, at(1))
    // starting again while unfinished resumes the same walk
    expect(await startWalk(learner.id, pathId, at(2))).toEqual({ sessionId })
    const resumed = await walkState(learner.id, pathId)
    expect([resumed.session, resumed.node.id]).toEqual([{ id: sessionId, completedAt: null }, nodeIds[0]])
    expect(resumed.choices.map((c) => [c.label, c.open])).toEqual([['Continue', true]])

    expect(await chooseNext(learner.id, pathId, 0, at(3))).toEqual({ completed: false })
    expect((await walkState(learner.id, pathId)).node.id).toBe(nodeIds[1])
    expect(await refusal(chooseNext(learner.id, pathId, 5, at(4)))).toBeInstanceOf(Invalid)
  })

  it('opens a gated choice only after the quick check is answered right, then completes at a node without choices', async () => {
    const { learner, pathId, nodeIds, taskId } = await learnerOnPath()
    await startWalk(learner.id, pathId, at(0))
    await chooseNext(learner.id, pathId, 0, at(1))
    expect((await walkState(learner.id, pathId)).choices.map((c) => [c.label, c.taskId, c.open])).toEqual([
      ['Finish', taskId, false],
    ])
    const locked = await refusal(chooseNext(learner.id, pathId, 0, at(2)))
    expect([locked.constructor, locked.message]).toEqual([
      Forbidden,
      'Answer the quick check correctly to open this choice.',
    ])

    expect(await quickCheckOf(learner.id, pathId, taskId)).toBe(taskId)
    expect(await refusal(quickCheckOf(learner.id, pathId, 'not-this-task'))).toBeInstanceOf(NotFound)
    const wrong = await answerTask(learner.id, { taskId, attemptId: ulid(), answer: '1', hintUsed: false })
    expect(wrong.result.isCorrect).toBe(false)
    expect((await walkState(learner.id, pathId)).choices[0]!.open).toBe(false)
    await answerTask(learner.id, { taskId, attemptId: ulid(), answer: '0', hintUsed: false })
    expect((await walkState(learner.id, pathId)).choices[0]!.open).toBe(true)

    expect(await chooseNext(learner.id, pathId, 0, at(3))).toEqual({ completed: true })
    const done = await walkState(learner.id, pathId)
    expect([done.node.id, done.session?.completedAt]).toEqual([nodeIds[2], at(3)])
    expect(await refusal(chooseNext(learner.id, pathId, 0, at(4)))).toBeInstanceOf(Conflict)

    // a finished walk is started afresh at the start node
    const again = await startWalk(learner.id, pathId, at(5))
    expect(again.sessionId).not.toBe(done.session?.id)
    expect((await walkState(learner.id, pathId)).node.id).toBe(nodeIds[0])
  })

  it('does not let a learner walk another team’s path', async () => {
    const { learner } = await learnerOnPath()
    const other = await learnerOnPath()
    for (const attempt of [
      walkState(learner.id, other.pathId),
      startWalk(learner.id, other.pathId, at(0)),
      chooseNext(learner.id, other.pathId, 0, at(0)),
    ])
      expect(await refusal(attempt)).toBeInstanceOf(NotFound)
    expect(await prisma.tutorSession.count({ where: { userId: learner.id } })).toBe(0)
  })

  it('keeps path walks out of the learner’s list of tutor conversations', async () => {
    const { learner, pathId } = await learnerOnPath()
    const walk = await startWalk(learner.id, pathId, at(0))
    const conversation = await prisma.tutorSession.create({
      data: { userId: learner.id, title: 'A real question', messages: { create: { role: 'user', content: 'Why?' } } },
      select: { id: true },
    })
    expect((await tutorSessions(learner.id)).map((s) => s.id)).toEqual([conversation.id])
    // nor is a walk opened, or asked in, as a conversation
    expect(await refusal(tutorSession(learner.id, walk.sessionId))).toBeInstanceOf(NotFound)
    expect(
      await refusal(askTutor({ id: learner.id, activeTeamId: null }, { question: 'Hm?', sessionId: walk.sessionId })),
    ).toBeInstanceOf(NotFound)
  })
})
