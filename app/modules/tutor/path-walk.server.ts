import { type ChoiceView, openChoices } from '~/modules/knowledge/path-rules'
import { type WalkNode, type WalkPath, walkablePath } from '~/modules/knowledge/paths.server'
import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { Conflict, Forbidden, Invalid, NotFound } from '~/utils/errors.server'
import { ulid } from '~/utils/ulid.server'

/**
 * Walking a narrative path (docs/nuggets.md). A walk is a TutorSession whose currentNodeId is the
 * learner's place on the path: started by a POST, resumed by coming back, moved by choosing one of
 * the node's open choices, completed on arriving at a node without choices. A gated choice opens
 * once the learner has answered its quick check (a practice task of the node's nugget) correctly
 * through the normal answer flow, whose attempts are read here.
 */

export interface WalkState {
  path: { id: string; title: string; description: string | null; teamId: string }
  /** null before the learner started the path */
  session: { id: string; completedAt: Date | null } | null
  node: WalkNode
  choices: ChoiceView[]
}

/** The learner's latest walk of this path, if any. */
async function latestWalk(userId: string, pathId: string) {
  return prisma.tutorSession.findFirst({
    where: { userId, currentNode: { pathId } },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    select: { id: true, currentNodeId: true, completedAt: true },
  })
}

async function answeredRight(userId: string, node: WalkNode): Promise<Set<string>> {
  const taskIds = node.choices.flatMap((c) => (c.condition ? [c.condition.taskId] : []))
  if (taskIds.length === 0) return new Set()
  const rows = await prisma.userTaskAttempt.findMany({
    where: { userId, taskId: { in: taskIds }, isCorrect: true },
    select: { taskId: true },
    distinct: ['taskId'],
  })
  return new Set(rows.map((r) => r.taskId))
}

function nodeOf(path: WalkPath, nodeId: string | null): WalkNode {
  const node = nodeId ? path.nodes.get(nodeId) : undefined
  if (!node) throw new NotFound('This step of the path no longer exists.')
  return node
}

/** Where the learner stands on a published path of their team (the start node before they began). */
export async function walkState(userId: string, pathId: string): Promise<WalkState> {
  const path = await walkablePath(userId, pathId)
  const walk = await latestWalk(userId, pathId)
  const node = nodeOf(path, walk?.currentNodeId ?? path.startNodeId)
  return {
    path: { id: path.id, title: path.title, description: path.description, teamId: path.teamId },
    session: walk ? { id: walk.id, completedAt: walk.completedAt } : null,
    node,
    choices: openChoices(node.choices, await answeredRight(userId, node)),
  }
}

/** Starts a walk at the start node (again, after a finished one); an unfinished walk is resumed instead. */
export async function startWalk(userId: string, pathId: string, now: Date): Promise<{ sessionId: string }> {
  const path = await walkablePath(userId, pathId)
  const walk = await latestWalk(userId, pathId)
  if (walk && !walk.completedAt) return { sessionId: walk.id }
  const start = nodeOf(path, path.startNodeId)
  const id = ulid()
  const at = toDbTimestamp(now)
  await writeBatch([
    {
      sql: `INSERT INTO "TutorSession" ("id", "userId", "teamId", "currentNodeId", "mode", "title", "startedAt", "lastActivity", "completedAt", "createdAt")
            VALUES (?, ?, ?, ?, 'text', ?, ?, ?, ?, ?)`,
      args: [id, userId, path.teamId, start.id, path.title, at, at, start.choices.length ? null : at, at],
    },
  ])
  return { sessionId: id }
}

async function openWalk(userId: string, pathId: string) {
  const path = await walkablePath(userId, pathId)
  const walk = await latestWalk(userId, pathId)
  if (!walk) throw new Conflict('Start the path first.')
  if (walk.completedAt) throw new Conflict('You have finished this path. Start it again to walk it once more.')
  return { path, walk, node: nodeOf(path, walk.currentNodeId) }
}

/** Takes choice `index` of the current node: refused when it is locked; the walk ends on a node without choices. */
export async function chooseNext(userId: string, pathId: string, index: number, now: Date) {
  const { path, walk, node } = await openWalk(userId, pathId)
  const choice = openChoices(node.choices, await answeredRight(userId, node))[index]
  if (!choice) throw new Invalid('There is no such choice here.', 'choice')
  if (!choice.open) throw new Forbidden('Answer the quick check correctly to open this choice.', 'choice')
  const next = nodeOf(path, choice.nextNodeId)
  const at = toDbTimestamp(now)
  const [moved] = await writeBatch([
    {
      // Guarded by the node the learner chose from: a second tab's move is not applied twice.
      sql: `UPDATE "TutorSession" SET "currentNodeId" = ?, "lastActivity" = ?, "completedAt" = ?
            WHERE "id" = ? AND "currentNodeId" = ? AND "completedAt" IS NULL`,
      args: [next.id, at, next.choices.length ? null : at, walk.id, node.id],
    },
  ])
  if (!moved?.rowsAffected) throw new Conflict('You have already moved on from this step.')
  return { completed: next.choices.length === 0 }
}

/** The quick check the learner may answer here: a task gating a choice of their current node; NotFound otherwise. */
export async function quickCheckOf(userId: string, pathId: string, taskId: string): Promise<string> {
  const { node } = await openWalk(userId, pathId)
  if (!node.choices.some((c) => c.condition?.taskId === taskId))
    throw new NotFound('There is no such quick check here.')
  return taskId
}
