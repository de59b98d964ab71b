import type { InStatement } from '@libsql/client'
import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { Conflict, Invalid, NotFound } from '~/utils/errors.server'
import { ulid } from '~/utils/ulid.server'
import { isPublished } from './nugget-rules'
import type { AddChoiceValue, CreatePathValue } from './path-input'
import { type PathChoice, type PathNodeFacts, choicesOf, pathProblems } from './path-rules'

/**
 * Narrative paths of a team (docs/nuggets.md): instructors build them from the team's published
 * nuggets; learners of the team read the published ones. Every read here is scoped by the team the
 * caller's access was checked for (the builder) or by the learner's memberships (the reader).
 * A published path is not changed: it is unpublished first, so a learner never walks a half-edited one.
 */

export interface PathSummary {
  id: string
  title: string
  description: string | null
  publishedAt: Date | null
  nodeCount: number
}

export async function teamPaths(teamId: string): Promise<PathSummary[]> {
  const rows = await prisma.narrativePath.findMany({
    where: { teamId },
    select: { id: true, title: true, description: true, publishedAt: true, _count: { select: { nodes: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  })
  return rows.map(({ _count, ...path }) => ({ ...path, nodeCount: _count.nodes }))
}

export async function createPath(
  teamId: string,
  userId: string,
  input: CreatePathValue,
  now: Date,
): Promise<{ id: string }> {
  const id = ulid()
  const at = toDbTimestamp(now)
  await writeBatch([
    {
      sql: `INSERT INTO "NarrativePath" ("id", "teamId", "title", "description", "createdById", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
      args: [id, teamId, input.title, input.description, userId, at, at],
    },
  ])
  return { id }
}

const NUGGET_SELECT = { id: true, title: true, content: true, metadata: true, status: true } as const

/** The team's published nuggets, for the builder's "add a node" list. */
export async function publishedTeamNuggets(teamId: string) {
  const rows = await prisma.nugget.findMany({
    where: { teamId, status: 'ready' },
    select: {
      id: true,
      title: true,
      metadata: true,
      tasks: { where: { active: true }, select: { id: true, prompt: true } },
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })
  return rows
    .filter((n) => isPublished(n.metadata))
    .map((n) => ({ id: n.id, title: n.title ?? 'Untitled lesson', tasks: n.tasks }))
}

export interface BuilderNode {
  id: string
  nuggetId: string
  title: string
  choices: PathChoice[]
  tasks: { id: string; prompt: string }[]
}

export interface BuilderPath {
  id: string
  title: string
  description: string | null
  startNodeId: string | null
  publishedAt: Date | null
  nodes: BuilderNode[]
  problems: string[]
}

/** One path of the team with its nodes and what keeps it from being published; NotFound for another team's. */
export async function builderPath(teamId: string, pathId: string): Promise<BuilderPath> {
  const path = await prisma.narrativePath.findFirst({
    where: { id: pathId, teamId },
    select: {
      id: true,
      title: true,
      description: true,
      startNodeId: true,
      publishedAt: true,
      nodes: {
        select: {
          id: true,
          nuggetId: true,
          choices: true,
          nugget: { select: { title: true, tasks: { where: { active: true }, select: { id: true, prompt: true } } } },
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      },
    },
  })
  if (!path) throw new NotFound('There is no such path in this team.')
  const nodes = path.nodes.map((n) => ({
    id: n.id,
    nuggetId: n.nuggetId,
    title: n.nugget.title ?? 'Untitled lesson',
    choices: choicesOf(n.choices),
    tasks: n.nugget.tasks,
  }))
  return {
    id: path.id,
    title: path.title,
    description: path.description,
    startNodeId: path.startNodeId,
    publishedAt: path.publishedAt,
    nodes,
    problems: pathProblems(path.startNodeId, nodes.map(factsOf)),
  }
}

const factsOf = (n: BuilderNode): PathNodeFacts => ({
  id: n.id,
  title: n.title,
  choices: n.choices,
  taskIds: n.tasks.map((t) => t.id),
})

async function editablePath(teamId: string, pathId: string) {
  const path = await builderPath(teamId, pathId)
  if (path.publishedAt) throw new Conflict('Unpublish the path before changing it.')
  return path
}

const touch = (pathId: string, at: string): InStatement => ({
  sql: `UPDATE "NarrativePath" SET "updatedAt" = ? WHERE "id" = ?`,
  args: [at, pathId],
})

/** Adds a node showing one of the team's published nuggets; the first node becomes the start node. */
export async function addPathNode(teamId: string, pathId: string, nuggetId: string, now: Date) {
  const path = await editablePath(teamId, pathId)
  const nuggets = await publishedTeamNuggets(teamId)
  if (!nuggets.some((n) => n.id === nuggetId)) throw new NotFound('There is no such published nugget in this team.')
  const id = ulid()
  const at = toDbTimestamp(now)
  await writeBatch([
    {
      sql: `INSERT INTO "NarrativeNode" ("id", "teamId", "pathId", "nuggetId", "choices", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, '[]', ?, ?)`,
      args: [id, teamId, pathId, nuggetId, at, at],
    },
    path.startNodeId
      ? touch(pathId, at)
      : { sql: `UPDATE "NarrativePath" SET "startNodeId" = ?, "updatedAt" = ? WHERE "id" = ?`, args: [id, at, pathId] },
  ])
  return { id }
}

/** Adds a choice from one node of the path to another (or the same: loops are allowed), optionally gated. */
export async function addPathChoice(teamId: string, pathId: string, input: AddChoiceValue, now: Date) {
  const path = await editablePath(teamId, pathId)
  const from = path.nodes.find((n) => n.id === input.fromNodeId)
  if (!from) throw new Invalid('Choose a node of this path to start from.', 'fromNodeId')
  if (!path.nodes.some((n) => n.id === input.nextNodeId))
    throw new Invalid('Choose a node of this path to lead to.', 'nextNodeId')
  if (input.gateTaskId && !from.tasks.some((t) => t.id === input.gateTaskId))
    throw new Invalid(`The quick check must be a practice task of “${from.title}”.`, 'gateTaskId')
  const choice: PathChoice = {
    label: input.label,
    nextNodeId: input.nextNodeId,
    ...(input.gateTaskId ? { condition: { taskId: input.gateTaskId } } : {}),
  }
  const at = toDbTimestamp(now)
  await writeBatch([
    {
      sql: `UPDATE "NarrativeNode" SET "choices" = ?, "updatedAt" = ? WHERE "id" = ? AND "pathId" = ?`,
      args: [JSON.stringify([...from.choices, choice]), at, from.id, pathId],
    },
    touch(pathId, at),
  ])
}

export async function setPathStart(teamId: string, pathId: string, nodeId: string, now: Date) {
  const path = await editablePath(teamId, pathId)
  if (!path.nodes.some((n) => n.id === nodeId)) throw new Invalid('Choose a node of this path.', 'nodeId')
  await writeBatch([
    {
      sql: `UPDATE "NarrativePath" SET "startNodeId" = ?, "updatedAt" = ? WHERE "id" = ?`,
      args: [nodeId, toDbTimestamp(now), pathId],
    },
  ])
}

/** Publishes a path that passes every check; the first problem found is the refusal. */
export async function publishPath(teamId: string, pathId: string, now: Date) {
  const path = await editablePath(teamId, pathId)
  if (path.problems.length) throw new Invalid(`The path cannot be published: ${path.problems.join(' ')}`)
  const at = toDbTimestamp(now)
  await writeBatch([
    { sql: `UPDATE "NarrativePath" SET "publishedAt" = ?, "updatedAt" = ? WHERE "id" = ?`, args: [at, at, pathId] },
  ])
}

export async function unpublishPath(teamId: string, pathId: string, now: Date) {
  await builderPath(teamId, pathId)
  await writeBatch([
    {
      sql: `UPDATE "NarrativePath" SET "publishedAt" = NULL, "updatedAt" = ? WHERE "id" = ?`,
      args: [toDbTimestamp(now), pathId],
    },
  ])
}

// ---------------------------------------------------------------- the learner's side

/** The teams whose paths and nuggets a learner may read. */
async function learnerTeamIds(userId: string): Promise<string[]> {
  const rows = await prisma.teamMember.findMany({
    where: { userId, team: { archivedAt: null } },
    select: { teamId: true },
  })
  return rows.map((r) => r.teamId)
}

/** The published paths of the learner's teams. */
export async function learnerPaths(userId: string) {
  return prisma.narrativePath.findMany({
    where: { teamId: { in: await learnerTeamIds(userId) }, publishedAt: { not: null } },
    select: { id: true, title: true, description: true, team: { select: { name: true } } },
    orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
  })
}

export interface WalkNode {
  id: string
  nugget: { id: string; title: string; content: string; metadata: unknown }
  choices: PathChoice[]
}

export interface WalkPath {
  id: string
  title: string
  description: string | null
  teamId: string
  startNodeId: string
  nodes: Map<string, WalkNode>
}

/** A published path of one of the learner's teams, with its nodes; NotFound otherwise (also for another team's). */
export async function walkablePath(userId: string, pathId: string): Promise<WalkPath> {
  const path = await prisma.narrativePath.findFirst({
    where: { id: pathId, teamId: { in: await learnerTeamIds(userId) }, publishedAt: { not: null } },
    select: {
      id: true,
      title: true,
      description: true,
      teamId: true,
      startNodeId: true,
      nodes: { select: { id: true, choices: true, nugget: { select: NUGGET_SELECT } } },
    },
  })
  if (!path || !path.teamId || !path.startNodeId) throw new NotFound('There is no such path.')
  return {
    id: path.id,
    title: path.title,
    description: path.description,
    teamId: path.teamId,
    startNodeId: path.startNodeId,
    nodes: new Map(
      path.nodes.map((n) => [
        n.id,
        {
          id: n.id,
          nugget: {
            id: n.nugget.id,
            title: n.nugget.title ?? 'Untitled lesson',
            content: n.nugget.content,
            metadata: n.nugget.metadata,
          },
          choices: choicesOf(n.choices),
        },
      ]),
    ),
  }
}
