import { randomUUID } from 'node:crypto'
import { prisma } from '~/utils/db.server'

/**
 * Test fixtures for nuggets and narrative paths, written straight to the database: published
 * nuggets of a team (one with a multiple-choice practice task under `topicId`, right option 0), and
 * a path over them — a draft (two nodes, start → second) or published (three nodes, the second's
 * choice gated by the practice task).
 */
export async function publishedNugget(teamId: string, title: string, topicId?: string) {
  const nugget = await prisma.nugget.create({
    data: {
      teamId,
      title,
      content: `The lesson ${title}.`,
      status: 'ready',
      metadata: { keyPoints: [`Remember ${title}.`], concepts: [], publishedAt: new Date().toISOString() },
    },
    select: { id: true },
  })
  const taskId = topicId ? `nugget.${nugget.id}.${randomUUID().slice(0, 6)}` : null
  if (topicId && taskId)
    await prisma.task.create({
      data: {
        id: taskId,
        topicId,
        kind: 'multiple_choice',
        prompt: `Quick check of ${title}`,
        choices: ['Right', 'Wrong'],
        answer: 0,
        concepts: [],
        nuggetId: nugget.id,
      },
      select: { id: true },
    })
  return { id: nugget.id, taskId }
}

export async function draftPath(teamId: string) {
  const [a, b] = [await publishedNugget(teamId, 'First'), await publishedNugget(teamId, 'Second')]
  const path = await prisma.narrativePath.create({ data: { teamId, title: 'Draft path' }, select: { id: true } })
  const second = await prisma.narrativeNode.create({
    data: { teamId, pathId: path.id, nuggetId: b.id, choices: [] },
    select: { id: true },
  })
  const first = await prisma.narrativeNode.create({
    data: { teamId, pathId: path.id, nuggetId: a.id, choices: [{ label: 'Next', nextNodeId: second.id }] },
    select: { id: true },
  })
  await prisma.narrativePath.update({ where: { id: path.id }, data: { startNodeId: first.id }, select: { id: true } })
  return { pathId: path.id, nodeIds: [first.id, second.id], nuggetIds: [a.id, b.id] }
}

export async function publishedPath(teamId: string, topicId: string) {
  const nuggets = [
    await publishedNugget(teamId, 'Start'),
    await publishedNugget(teamId, 'Gate', topicId),
    await publishedNugget(teamId, 'End'),
  ]
  const path = await prisma.narrativePath.create({
    data: { teamId, title: 'Walkable path', publishedAt: new Date() },
    select: { id: true },
  })
  const end = await prisma.narrativeNode.create({
    data: { teamId, pathId: path.id, nuggetId: nuggets[2]!.id, choices: [] },
    select: { id: true },
  })
  const gate = await prisma.narrativeNode.create({
    data: {
      teamId,
      pathId: path.id,
      nuggetId: nuggets[1]!.id,
      choices: [{ label: 'Finish', nextNodeId: end.id, condition: { taskId: nuggets[1]!.taskId! } }],
    },
    select: { id: true },
  })
  const start = await prisma.narrativeNode.create({
    data: { teamId, pathId: path.id, nuggetId: nuggets[0]!.id, choices: [{ label: 'Continue', nextNodeId: gate.id }] },
    select: { id: true },
  })
  await prisma.narrativePath.update({ where: { id: path.id }, data: { startNodeId: start.id }, select: { id: true } })
  return { pathId: path.id, nodeIds: [start.id, gate.id, end.id], taskId: nuggets[1]!.taskId! }
}

/** The error a refused call threw (with the field an Invalid names); a call that succeeds fails the test. */
export async function refusal(promise: Promise<unknown>): Promise<Error & { field?: string }> {
  try {
    await promise
  } catch (error) {
    return error as Error & { field?: string }
  }
  throw new Error('expected a refusal')
}
