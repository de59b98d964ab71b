import type { InStatement } from '@libsql/client'
import {
  type LessonTaskBody,
  LESSONS_SLUG,
  lessonTaskStatement,
  lessonsTopicStatements,
  newLessonTaskId,
  nuggetTasksActiveStatement,
  removeLessonTaskStatements,
  updateLessonTaskStatement,
} from '~/modules/content/lesson-tasks.server'
import type { Prisma } from '~/generated/prisma/client'
import { databaseReady, prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { Conflict, Invalid, NotFound } from '~/utils/errors.server'
import type { NuggetEditValue, NuggetFilter } from './nugget-input'
import { type NuggetMetadata, isPublished, nuggetMetadata, publishProblems, slidesOf } from './nugget-rules'
import { READABLE_NUGGET } from './read-scope'

/**
 * Reviewing, editing and publishing a team's nuggets (docs/nuggets.md), and the learner's view of
 * the published ones. Every read and write is scoped by the team whose access the route checked
 * (`manage:team-documents`), or by the learner's memberships (READABLE_NUGGET); a nugget of
 * another team is NotFound. Practice tasks are content's rows, written through its builders.
 */

const NOT_FOUND = 'There is no such nugget in this team.'

export interface NuggetListItem {
  id: string
  title: string
  status: 'processing' | 'ready' | 'failed'
  published: boolean
  edited: boolean
  documents: { id: string; title: string }[]
  taskCount: number
  updatedAt: Date
}

function documentsOf(sources: { document: { id: string; title: string } | null }[]) {
  const seen = new Map<string, { id: string; title: string }>()
  for (const s of sources) if (s.document) seen.set(s.document.id, s.document)
  return [...seen.values()]
}

export async function teamNuggets(teamId: string, filter: NuggetFilter = 'all'): Promise<NuggetListItem[]> {
  const rows = await prisma.nugget.findMany({
    where: { teamId },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    select: {
      id: true,
      title: true,
      status: true,
      metadata: true,
      updatedAt: true,
      sources: { select: { document: { select: { id: true, title: true } } } },
      _count: { select: { tasks: true } },
    },
  })
  return rows
    .map((n) => ({
      id: n.id,
      title: n.title ?? '(untitled)',
      status: n.status,
      published: isPublished(n.metadata),
      edited: nuggetMetadata(n.metadata).edited,
      documents: documentsOf(n.sources),
      taskCount: n._count.tasks,
      updatedAt: n.updatedAt,
    }))
    .filter((n) => filter === 'all' || (filter === 'published') === n.published)
}

const TASK_SELECT = {
  id: true,
  kind: true,
  prompt: true,
  choices: true,
  answer: true,
  explanation: true,
  active: true,
  topic: { select: { slug: true } },
} as const

const NUGGET_SELECT = {
  id: true,
  teamId: true,
  title: true,
  content: true,
  status: true,
  metadata: true,
  imageUrl: true,
  audioUrl: true,
  slides: true,
  updatedAt: true,
  sources: {
    orderBy: { chunkIndex: 'asc' as const },
    select: { chunkIndex: true, document: { select: { id: true, title: true } } },
  },
  tasks: { orderBy: [{ order: 'asc' as const }, { id: 'asc' as const }], select: TASK_SELECT },
} satisfies Prisma.NuggetSelect

type NuggetRow = NonNullable<Awaited<ReturnType<typeof findNugget>>>
const findNugget = (where: { id: string; teamId?: string }) => prisma.nugget.findFirst({ where, select: NUGGET_SELECT })

function nuggetView(row: NuggetRow) {
  const metadata = nuggetMetadata(row.metadata)
  return {
    id: row.id,
    teamId: row.teamId,
    title: row.title ?? '',
    body: row.content,
    status: row.status,
    metadata,
    published: isPublished(row.metadata),
    imageUrl: row.imageUrl,
    audioUrl: row.audioUrl,
    slides: slidesOf(row.slides),
    section: metadata.section,
    updatedAt: row.updatedAt,
  }
}

/**
 * Each source document of a nugget with the passage its first source chunk became (by chunk
 * index, which survives re-ingestion), so the lesson can link to `/documents/:id#chunk-<id>`;
 * chunkId null when the document has no such chunk (any more).
 */
async function sourcePassages(row: NuggetRow): Promise<{ id: string; title: string; chunkId: string | null }[]> {
  const first = new Map<string, number>()
  for (const s of row.sources)
    if (s.document && s.chunkIndex !== null && !first.has(s.document.id)) first.set(s.document.id, s.chunkIndex)
  const chunks = first.size
    ? await prisma.documentChunk.findMany({
        where: { OR: [...first].map(([documentId, chunkIndex]) => ({ documentId, chunkIndex })) },
        select: { id: true, documentId: true },
      })
    : []
  const chunkOf = new Map(chunks.map((c) => [c.documentId, c.id]))
  return documentsOf(row.sources).map((d) => ({ ...d, chunkId: chunkOf.get(d.id) ?? null }))
}

/** Stored task → the editor's fields (the answer is shown to the team's instructors only). */
function taskEditView(task: NuggetRow['tasks'][number]) {
  const choices = Array.isArray(task.choices) ? task.choices.map(String) : []
  const answers = Array.isArray(task.answer) ? task.answer.map(String) : []
  return {
    id: task.id,
    kind: task.kind,
    prompt: task.prompt,
    choices,
    correct: typeof task.answer === 'number' ? task.answer + 1 : null,
    answers,
    explanation: task.explanation,
  }
}

/** One nugget of the team with its sources and tasks, for the editor; NotFound outside the team. */
export async function teamNugget(teamId: string, nuggetId: string) {
  const row = await findNugget({ id: nuggetId, teamId })
  if (!row) throw new NotFound(NOT_FOUND)
  return { ...nuggetView(row), documents: await sourcePassages(row), tasks: row.tasks.map(taskEditView) }
}

async function nuggetFacts(teamId: string, nuggetId: string) {
  const row = await prisma.nugget.findFirst({
    where: { id: nuggetId, teamId },
    select: {
      id: true,
      title: true,
      content: true,
      status: true,
      metadata: true,
      tasks: { select: { id: true } },
      _count: { select: { narrativeNodes: true } },
    },
  })
  if (!row) throw new NotFound(NOT_FOUND)
  return row
}

function metadataUpdate(
  id: string,
  metadata: NuggetMetadata,
  at: string,
  extra: { sql: string; args: (string | null)[] },
) {
  return {
    sql: `UPDATE "Nugget" SET "metadata" = ?, "updatedAt" = ?${extra.sql} WHERE "id" = ?`,
    args: [JSON.stringify(metadata), at, ...extra.args, id],
  }
}

/** Saves an instructor's edit: the proposal is then `edited`, so re-ingestion leaves it alone. */
export async function saveNugget(teamId: string, nuggetId: string, value: NuggetEditValue, now: Date): Promise<void> {
  const nugget = await nuggetFacts(teamId, nuggetId)
  const metadata = {
    ...nuggetMetadata(nugget.metadata),
    keyPoints: value.keyPoints,
    concepts: value.concepts,
    edited: true,
  }
  await writeBatch([
    metadataUpdate(nuggetId, metadata, toDbTimestamp(now), {
      sql: `, "title" = ?, "content" = ?, "imageUrl" = ?, "audioUrl" = ?, "slides" = ?`,
      args: [
        value.title,
        value.body,
        value.imageUrl,
        value.audioUrl,
        value.slides.length ? JSON.stringify(value.slides) : null,
      ],
    }),
  ])
}

/** Publishes a nugget (learners of the team see it, its tasks become practicable); refused, naming each problem. */
export async function publishNugget(teamId: string, nuggetId: string, now: Date): Promise<void> {
  const nugget = await nuggetFacts(teamId, nuggetId)
  if (isPublished(nugget.metadata)) return
  const problems = publishProblems(nugget)
  if (problems.length) throw new Invalid(problems.join(' '))
  const metadata = { ...nuggetMetadata(nugget.metadata), publishedAt: now.toISOString() }
  await writeBatch([
    metadataUpdate(nuggetId, metadata, toDbTimestamp(now), { sql: '', args: [] }),
    nuggetTasksActiveStatement(nuggetId, true, now),
  ])
}

/** Unpublishes a nugget (and pauses its tasks); refused while a path uses it. */
export async function unpublishNugget(teamId: string, nuggetId: string, now: Date): Promise<void> {
  const nugget = await nuggetFacts(teamId, nuggetId)
  if (!isPublished(nugget.metadata)) return
  if (nugget._count.narrativeNodes > 0)
    throw new Conflict('A narrative path uses this nugget: remove it from the path before unpublishing it.')
  const metadata = { ...nuggetMetadata(nugget.metadata), publishedAt: null }
  await writeBatch([
    metadataUpdate(nuggetId, metadata, toDbTimestamp(now), { sql: '', args: [] }),
    nuggetTasksActiveStatement(nuggetId, false, now),
  ])
}

/** Deletes an unpublished nugget (a proposal) and its tasks; an answered task is retired, not deleted. */
export async function deleteNugget(teamId: string, nuggetId: string, now: Date): Promise<{ title: string }> {
  const nugget = await nuggetFacts(teamId, nuggetId)
  if (isPublished(nugget.metadata)) throw new Conflict('Unpublish the nugget before deleting it.')
  if (nugget._count.narrativeNodes > 0)
    throw new Conflict('A narrative path uses this nugget: remove it from the path first.')
  await writeBatch([
    ...nugget.tasks.flatMap((t) => removeLessonTaskStatements(t.id, nuggetId, now)),
    { sql: `DELETE FROM "Nugget" WHERE "id" = ? AND "teamId" = ?`, args: [nuggetId, teamId] },
  ])
  return { title: nugget.title ?? 'The nugget' }
}

const MAX_TASKS = 20

/** A new practice task of the nugget (under content's "Lessons" topic), practicable once the nugget is published. */
export async function addNuggetTask(
  teamId: string,
  nuggetId: string,
  task: LessonTaskBody,
  now: Date,
): Promise<{ taskId: string }> {
  const nugget = await nuggetFacts(teamId, nuggetId)
  if (nugget.tasks.length >= MAX_TASKS) throw new Conflict(`A nugget has at most ${MAX_TASKS} practice tasks.`)
  const id = newLessonTaskId()
  const metadata = nuggetMetadata(nugget.metadata)
  const statements: InStatement[] = [
    ...lessonsTopicStatements(now),
    lessonTaskStatement({
      id,
      nuggetId,
      task,
      concepts: metadata.concepts.slice(0, 5),
      order: nugget.tasks.length,
      active: isPublished(nugget.metadata),
      now,
    }),
  ]
  await writeBatch(statements)
  return { taskId: id }
}

async function ownTask(teamId: string, nuggetId: string, taskId: string) {
  const nugget = await nuggetFacts(teamId, nuggetId)
  if (!nugget.tasks.some((t) => t.id === taskId)) throw new NotFound('There is no such task in this nugget.')
}

export async function updateNuggetTask(
  teamId: string,
  nuggetId: string,
  taskId: string,
  task: LessonTaskBody,
  now: Date,
) {
  await ownTask(teamId, nuggetId, taskId)
  await writeBatch([updateLessonTaskStatement({ id: taskId, nuggetId, task, now })])
}

export async function removeNuggetTask(teamId: string, nuggetId: string, taskId: string, now: Date) {
  await ownTask(teamId, nuggetId, taskId)
  await writeBatch(removeLessonTaskStatements(taskId, nuggetId, now))
}

// ---------------------------------------------------------------- the learner's lessons

export interface LessonSummary {
  id: string
  title: string
  keyPoints: string[]
  taskCount: number
}

/** The published nuggets the learner may read (their teams', and the platform's), newest first. */
export async function lessonsFor(userId: string): Promise<LessonSummary[]> {
  const db = await databaseReady()
  const readable = (
    await db.execute({
      sql: `SELECT n."id" AS "id" FROM "Nugget" n WHERE ${READABLE_NUGGET} ORDER BY n."createdAt" DESC, n."id" LIMIT 200`,
      args: [userId],
    })
  ).rows.map((r) => ({ id: String(r.id) }))
  if (!readable.length) return []
  const rows = await prisma.nugget.findMany({
    where: { id: { in: readable.map((r) => r.id) } },
    select: {
      id: true,
      title: true,
      metadata: true,
      createdAt: true,
      _count: { select: { tasks: { where: { active: true } } } },
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  })
  return rows.map((n) => ({
    id: n.id,
    title: n.title ?? 'Lesson',
    keyPoints: nuggetMetadata(n.metadata).keyPoints,
    taskCount: n._count.tasks,
  }))
}

/** One published lesson the learner may read, with its sources and practice tasks; NotFound otherwise. */
export async function lessonFor(userId: string, nuggetId: string) {
  const db = await databaseReady()
  const readable = await db.execute({
    sql: `SELECT n."id" FROM "Nugget" n WHERE n."id" = ? AND ${READABLE_NUGGET}`,
    args: [nuggetId, userId],
  })
  const row = readable.rows.length ? await findNugget({ id: nuggetId }) : null
  if (!row) throw new NotFound('There is no such lesson.')
  const view = nuggetView(row)
  return {
    id: view.id,
    title: view.title,
    body: view.body,
    keyPoints: view.metadata.keyPoints,
    concepts: view.metadata.concepts,
    imageUrl: view.imageUrl,
    audioUrl: view.audioUrl,
    slides: view.slides,
    documents: await sourcePassages(row),
    section: view.section,
    tasks: row.tasks
      .filter((t) => t.active)
      .map((t) => ({ id: t.id, kind: t.kind, prompt: t.prompt, topicSlug: t.topic.slug })),
  }
}

export { LESSONS_SLUG }
