import { describe, expect, it } from 'vitest'
import { createPracticeTopic } from '~/modules/learning/testing/practice-fixtures'
import { prisma } from '~/utils/db.server'
import { Conflict, Invalid, NotFound } from '~/utils/errors.server'
import { createUser } from '#tests/support/accounts'
import {
  addPathChoice,
  addPathNode,
  builderPath,
  createPath,
  learnerPaths,
  publishPath,
  setPathStart,
  teamPaths,
  unpublishPath,
  walkablePath,
} from './paths.server'
import { publishedNugget, publishedPath, refusal } from './testing/paths'

/** The path builder and reader through the real database (rules: path-rules.test.ts). */
const NOW = new Date('2026-12-07T10:00:00Z')

async function teamWithNuggets(memberId?: string) {
  const team = await prisma.team.create({ data: { name: 'Path team' }, select: { id: true } })
  if (memberId) await prisma.teamMember.create({ data: { teamId: team.id, userId: memberId, role: 'member' } })
  const topic = await createPracticeTopic()
  const nuggets = {
    intro: await publishedNugget(team.id, 'Intro'),
    gate: await publishedNugget(team.id, 'Gate', topic.topicId),
    end: await publishedNugget(team.id, 'End'),
  }
  return { teamId: team.id, topicId: topic.topicId, nuggets }
}

describe('building a path', () => {
  it('creates a path, adds nodes (the first becomes the start) and choices, and publishes it once it passes', async () => {
    const author = await createUser()
    const { teamId, nuggets } = await teamWithNuggets()
    const { id: pathId } = await createPath(teamId, author.id, { title: 'Fractions walk', description: null }, NOW)
    expect((await builderPath(teamId, pathId)).problems).toEqual(['The path has no nodes yet.'])

    const intro = await addPathNode(teamId, pathId, nuggets.intro.id, NOW)
    const gate = await addPathNode(teamId, pathId, nuggets.gate.id, NOW)
    const end = await addPathNode(teamId, pathId, nuggets.end.id, NOW)
    let path = await builderPath(teamId, pathId)
    expect(path.startNodeId).toBe(intro.id)
    expect(path.nodes.map((n) => n.title)).toEqual(['Intro', 'Gate', 'End'])
    expect(path.problems).toEqual([
      '“Gate” cannot be reached from the start node.',
      '“End” cannot be reached from the start node.',
    ])

    // refused with the problems named, and nothing published
    const refused = await refusal(publishPath(teamId, pathId, NOW))
    expect(refused).toBeInstanceOf(Invalid)
    expect(refused.message).toBe(
      'The path cannot be published: “Gate” cannot be reached from the start node. “End” cannot be reached from the start node.',
    )
    expect((await builderPath(teamId, pathId)).publishedAt).toBeNull()

    await addPathChoice(
      teamId,
      pathId,
      { fromNodeId: intro.id, label: 'Go on', nextNodeId: gate.id, gateTaskId: null },
      NOW,
    )
    await addPathChoice(
      teamId,
      pathId,
      { fromNodeId: gate.id, label: 'Finish', nextNodeId: end.id, gateTaskId: nuggets.gate.taskId },
      NOW,
    )
    path = await builderPath(teamId, pathId)
    expect(path.problems).toEqual([])
    expect(path.nodes[1]!.choices).toEqual([
      { label: 'Finish', nextNodeId: end.id, condition: { taskId: nuggets.gate.taskId } },
    ])
    await publishPath(teamId, pathId, NOW)
    expect((await builderPath(teamId, pathId)).publishedAt).toEqual(NOW)
    expect((await teamPaths(teamId)).map((p) => [p.title, p.nodeCount])).toEqual([['Fractions walk', 3]])
  })

  it('refuses a choice to a node of another path, a quick check that is not the node’s task, and another team’s nugget', async () => {
    const author = await createUser()
    const { teamId, nuggets } = await teamWithNuggets()
    const other = await teamWithNuggets()
    const { id: pathId } = await createPath(teamId, author.id, { title: 'Walk', description: null }, NOW)
    const intro = await addPathNode(teamId, pathId, nuggets.intro.id, NOW)
    const gate = await addPathNode(teamId, pathId, nuggets.gate.id, NOW)
    const { id: elsewhere } = await createPath(teamId, author.id, { title: 'Elsewhere', description: null }, NOW)
    const foreignNode = await addPathNode(teamId, elsewhere, nuggets.end.id, NOW)

    const toForeign = await refusal(
      addPathChoice(
        teamId,
        pathId,
        { fromNodeId: intro.id, label: 'Away', nextNodeId: foreignNode.id, gateTaskId: null },
        NOW,
      ),
    )
    expect([toForeign.constructor, toForeign.message, toForeign.field]).toEqual([
      Invalid,
      'Choose a node of this path to lead to.',
      'nextNodeId',
    ])
    // the gate task belongs to "Gate", not to "Intro" where the choice starts
    const wrongGate = await refusal(
      addPathChoice(
        teamId,
        pathId,
        { fromNodeId: intro.id, label: 'Go', nextNodeId: gate.id, gateTaskId: nuggets.gate.taskId },
        NOW,
      ),
    )
    expect([wrongGate.message, wrongGate.field]).toEqual([
      'The quick check must be a practice task of “Intro”.',
      'gateTaskId',
    ])
    const foreignNugget = await refusal(addPathNode(teamId, pathId, other.nuggets.intro.id, NOW))
    expect(foreignNugget).toBeInstanceOf(NotFound)
    const badStart = await refusal(setPathStart(teamId, pathId, foreignNode.id, NOW))
    expect(badStart.field).toBe('nodeId')
    expect((await builderPath(teamId, pathId)).nodes.map((n) => n.choices)).toEqual([[], []])
  })

  it('changes a published path only after it is unpublished', async () => {
    const { teamId, topicId, nuggets } = await teamWithNuggets()
    const { pathId, nodeIds } = await publishedPath(teamId, topicId)
    const before = await builderPath(teamId, pathId)
    for (const change of [
      addPathNode(teamId, pathId, nuggets.intro.id, NOW),
      addPathChoice(
        teamId,
        pathId,
        { fromNodeId: nodeIds[2]!, label: 'Again', nextNodeId: nodeIds[0]!, gateTaskId: null },
        NOW,
      ),
      setPathStart(teamId, pathId, nodeIds[1]!, NOW),
      publishPath(teamId, pathId, NOW),
    ]) {
      const refused = await refusal(change)
      expect([refused.constructor, refused.message]).toEqual([Conflict, 'Unpublish the path before changing it.'])
    }
    expect(await builderPath(teamId, pathId)).toEqual(before)

    await unpublishPath(teamId, pathId, NOW)
    await setPathStart(teamId, pathId, nodeIds[1]!, NOW)
    const changed = await builderPath(teamId, pathId)
    expect([changed.publishedAt, changed.startNodeId]).toEqual([null, nodeIds[1]])
    expect(changed.problems).toEqual(['“Start” cannot be reached from the start node.'])
  })

  it('never reaches another team’s path from this team: not found for the builder, its steps refused', async () => {
    const ours = await teamWithNuggets()
    const theirs = await teamWithNuggets()
    const { pathId } = await publishedPath(theirs.teamId, theirs.topicId)
    for (const attempt of [
      builderPath(ours.teamId, pathId),
      unpublishPath(ours.teamId, pathId, NOW),
      addPathNode(ours.teamId, pathId, ours.nuggets.intro.id, NOW),
    ])
      expect(await refusal(attempt)).toBeInstanceOf(NotFound)
    expect((await teamPaths(ours.teamId)).map((p) => p.id)).not.toContain(pathId)
    expect((await prisma.narrativePath.findUniqueOrThrow({ where: { id: pathId } })).publishedAt).not.toBeNull()
  })
})

describe('reading paths as a learner', () => {
  it('lists and opens only the published paths of the learner’s teams', async () => {
    const learner = await createUser()
    const mine = await teamWithNuggets(learner.id)
    const theirs = await teamWithNuggets()
    const published = await publishedPath(mine.teamId, mine.topicId)
    const { id: draft } = await createPath(mine.teamId, learner.id, { title: 'Draft', description: null }, NOW)
    const foreign = await publishedPath(theirs.teamId, theirs.topicId)

    expect((await learnerPaths(learner.id)).map((p) => p.id)).toEqual([published.pathId])
    const walk = await walkablePath(learner.id, published.pathId)
    expect([walk.startNodeId, walk.nodes.size]).toEqual([published.nodeIds[0], 3])
    for (const pathId of [draft, foreign.pathId, 'nope'])
      expect(await refusal(walkablePath(learner.id, pathId)), pathId).toBeInstanceOf(NotFound)

    await prisma.team.update({ where: { id: mine.teamId }, data: { archivedAt: NOW } })
    expect(await learnerPaths(learner.id)).toEqual([])
  })
})
