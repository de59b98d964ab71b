import { ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import { answerTask } from '~/modules/learning/practice.server'
import { addMember, teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { prisma } from '~/utils/db.server'
import { Conflict, Invalid, NotFound } from '~/utils/errors.server'
import {
  addNuggetTask,
  deleteNugget,
  lessonFor,
  publishNugget,
  removeNuggetTask,
  unpublishNugget,
} from './nuggets.server'
import { nuggetWithTask } from './testing/nuggets'
import { draftPath } from './testing/paths'

const answer = (userId: string, taskId: string, choice: string) =>
  answerTask(userId, { taskId, attemptId: ulid(), answer: choice, hintUsed: false })

describe('nuggets: publication and practice tasks', () => {
  it('a published nugget’s task, answered right by a learner of the team, earns XP, schedules a review and moves mastery', async () => {
    const { team, member } = await teamWithEveryRole()
    const { nuggetId, taskId } = await nuggetWithTask(team.id)
    const now = new Date()
    // unpublished: the task is not practicable yet
    await expect(answer(member.id, taskId, '0')).rejects.toBeInstanceOf(NotFound)
    await expect(lessonFor(member.id, nuggetId)).rejects.toBeInstanceOf(NotFound)

    await publishNugget(team.id, nuggetId, now)
    const lesson = await lessonFor(member.id, nuggetId)
    expect(lesson.tasks.map((t) => t.id)).toEqual([taskId])

    const { result } = await answer(member.id, taskId, '0')
    expect(result.isCorrect).toBe(true)
    expect(result.xp.earned).toBeGreaterThan(0)
    expect(result.topic.slug).toBe('lessons')
    const card = await prisma.reviewCard.findFirst({ where: { userId: member.id, taskId } })
    expect(card).not.toBeNull()
    const mastery = await prisma.conceptMastery.findFirst({ where: { userId: member.id, concept: 'photosynthesis' } })
    expect(mastery?.mastery ?? 0).toBeGreaterThan(0)
  })

  it('keeps a team’s tasks to its members', async () => {
    const { team } = await teamWithEveryRole()
    const other = await teamWithEveryRole('Other')
    const { taskId } = await nuggetWithTask(team.id, { published: true })
    await expect(answer(other.member.id, taskId, '0')).rejects.toBeInstanceOf(NotFound)
  })

  it('unpublishing pauses the tasks; a new task follows the nugget’s publication', async () => {
    const { team } = await teamWithEveryRole()
    const learner = await addMember(team.id, 'member')
    const { nuggetId, taskId } = await nuggetWithTask(team.id, { published: true })
    await unpublishNugget(team.id, nuggetId, new Date())
    await expect(answer(learner.id, taskId, '0')).rejects.toBeInstanceOf(NotFound)
    const added = await addNuggetTask(
      team.id,
      nuggetId,
      { kind: 'short_text', prompt: 'Which gas is released?', answers: ['oxygen'], explanation: null },
      new Date(),
    )
    expect(await prisma.task.findUniqueOrThrow({ where: { id: added.taskId } })).toMatchObject({ active: false })
    await publishNugget(team.id, nuggetId, new Date())
    expect((await answer(learner.id, added.taskId, 'Oxygen')).result.isCorrect).toBe(true)
  })

  it('removing an answered task retires it (history kept); an unanswered one is deleted', async () => {
    const { team, member } = await teamWithEveryRole()
    const { nuggetId, taskId } = await nuggetWithTask(team.id, { published: true })
    const fresh = await addNuggetTask(
      team.id,
      nuggetId,
      { kind: 'short_text', prompt: 'Which gas?', answers: ['oxygen'], explanation: null },
      new Date(),
    )
    await answer(member.id, taskId, '1')
    await removeNuggetTask(team.id, nuggetId, taskId, new Date())
    await removeNuggetTask(team.id, nuggetId, fresh.taskId, new Date())
    expect(await prisma.task.findUnique({ where: { id: taskId } })).toMatchObject({ active: false, nuggetId: null })
    expect(await prisma.task.findUnique({ where: { id: fresh.taskId } })).toBeNull()
    expect(await prisma.userTaskAttempt.count({ where: { taskId } })).toBe(1)
  })

  it('deleting: refused for a published nugget or one a path uses; a proposal goes with its tasks', async () => {
    const { team } = await teamWithEveryRole()
    const published = await nuggetWithTask(team.id, { published: true })
    await expect(deleteNugget(team.id, published.nuggetId, new Date())).rejects.toBeInstanceOf(Conflict)
    const path = await draftPath(team.id)
    await expect(unpublishNugget(team.id, path.nuggetIds[0]!, new Date())).rejects.toBeInstanceOf(Conflict)
    const proposal = await nuggetWithTask(team.id)
    await deleteNugget(team.id, proposal.nuggetId, new Date())
    expect(await prisma.nugget.findUnique({ where: { id: proposal.nuggetId } })).toBeNull()
    expect(await prisma.task.findUnique({ where: { id: proposal.taskId } })).toBeNull()
    // another team's nugget is not found from this team
    const other = await teamWithEveryRole('Other')
    await expect(deleteNugget(other.team.id, published.nuggetId, new Date())).rejects.toBeInstanceOf(NotFound)
  })

  it('publishing is refused, naming the problem, for a nugget that is not ready', async () => {
    const { team } = await teamWithEveryRole()
    const { nuggetId } = await nuggetWithTask(team.id)
    await prisma.nugget.update({ where: { id: nuggetId }, data: { status: 'processing' } })
    await expect(publishNugget(team.id, nuggetId, new Date())).rejects.toThrow(Invalid)
    await expect(publishNugget(team.id, nuggetId, new Date())).rejects.toThrow('not ready')
  })
})
