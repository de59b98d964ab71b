import type { InValue } from '@libsql/client'
import { visibleTaskSql } from '~/modules/content/own-tasks.server'
import { documentHref } from '~/modules/knowledge/document-view'
import { READABLE_DOCUMENT, READABLE_NUGGET } from '~/modules/knowledge/read-scope'
import { databaseReady } from '~/utils/db.server'
import { textOrNull } from '~/utils/db/row-values'
import { DEFAULT_PER_KIND, MAX_PER_KIND, type SearchKind } from './search-input'
import { MARK_CLOSE, MARK_OPEN, type Segment, markedSegments, searchMatchExpression } from './search-query'

/**
 * One search over what the asking learner may see (issue 15, item 2; docs/search.md). Each kind has
 * its own FTS5 index, written only by the triggers of the source table's migration, and its own
 * scope:
 *  - topics: published ones (topic and subject active);
 *  - tasks: active tasks the learner has attempted and may see (content's `visibleTaskSql`: never
 *    another learner's own tasks, nor a nugget's task outside the nugget's team);
 *  - quests: the learner's own, which includes the copies of team quests assigned to them;
 *  - nuggets and documents: ready ones of the learner's teams and of the platform library
 *    (knowledge's read scope).
 * Within a kind, best first by bm25 with the title weighing 10× the body (the FTS tables' rank).
 */

export interface SearchHit {
  kind: SearchKind
  id: string
  title: Segment[]
  snippet: Segment[]
  /** where the result lives, when it has a page */
  href: string | null
  /** a word of context: the topic of a task, the status of a quest */
  context: string | null
}

export type SearchResults = Record<SearchKind, { hits: SearchHit[]; more: boolean }>

const MARKS = [MARK_OPEN, MARK_CLOSE] as const
const SNIPPET_TOKENS = 16

const TOPICS_SQL = `
SELECT t."id", t."slug", s."slug" AS "subjectSlug", s."title" AS "subjectTitle",
       highlight("TopicFts", 1, ?, ?) AS "title", snippet("TopicFts", 2, ?, ?, '…', ${SNIPPET_TOKENS}) AS "snippet"
FROM "TopicFts" f
JOIN "TopicXpConfig" t ON t."id" = f."topicId"
JOIN "Subject" s ON s."id" = t."subjectId"
WHERE "TopicFts" MATCH ? AND t."active" = 1 AND s."active" = 1
ORDER BY f."rank", t."id"
LIMIT ?`

const TASKS_SQL = `
SELECT k."id", t."slug" AS "topicSlug", t."title" AS "topicTitle",
       snippet("TaskFts", 1, ?, ?, '…', ${SNIPPET_TOKENS}) AS "snippet"
FROM "TaskFts" f
JOIN "Task" k ON k."id" = f."taskId"
JOIN "TopicXpConfig" t ON t."id" = k."topicId"
WHERE "TaskFts" MATCH ? AND k."active" = 1 AND ${visibleTaskSql('k', '?')}
  AND EXISTS (SELECT 1 FROM "UserTaskAttempt" a WHERE a."userId" = ? AND a."taskId" = k."id")
ORDER BY f."rank", k."id"
LIMIT ?`

const QUESTS_SQL = `
SELECT q."id", q."status",
       highlight("QuestFts", 1, ?, ?) AS "title", snippet("QuestFts", 2, ?, ?, '…', ${SNIPPET_TOKENS}) AS "snippet"
FROM "QuestFts" f
JOIN "Quest" q ON q."id" = f."questId"
WHERE "QuestFts" MATCH ? AND q."userId" = ?
ORDER BY f."rank", q."id"
LIMIT ?`

const NUGGETS_SQL = `
SELECT n."id", t."slug" AS "topicSlug", s."slug" AS "subjectSlug",
       highlight("NuggetFts", 1, ?, ?) AS "title", snippet("NuggetFts", 2, ?, ?, '…', ${SNIPPET_TOKENS}) AS "snippet"
FROM "NuggetFts" f
JOIN "Nugget" n ON n."id" = f."nuggetId"
LEFT JOIN "TopicXpConfig" t ON t."id" = n."topicId" AND t."active" = 1
LEFT JOIN "Subject" s ON s."id" = t."subjectId" AND s."active" = 1
WHERE "NuggetFts" MATCH ? AND ${READABLE_NUGGET}
ORDER BY f."rank", n."id"
LIMIT ?`

const DOCUMENT_TITLES_SQL = `
SELECT d."id", highlight("DocumentFts", 1, ?, ?) AS "title"
FROM "DocumentFts" f
JOIN "Document" d ON d."id" = f."documentId"
WHERE "DocumentFts" MATCH ? AND ${READABLE_DOCUMENT}
ORDER BY f."rank", d."id"
LIMIT ?`

/** The best chunks; several may belong to one document, so the caller asks for more than it shows. */
const DOCUMENT_CHUNKS_SQL = `
SELECT c."documentId", c."id" AS "chunkId", d."title", snippet("DocumentChunkFts", 1, ?, ?, '…', ${SNIPPET_TOKENS}) AS "snippet"
FROM "DocumentChunkFts" f
JOIN "DocumentChunk" c ON c."id" = f."chunkId"
JOIN "Document" d ON d."id" = c."documentId"
WHERE "DocumentChunkFts" MATCH ? AND ${READABLE_DOCUMENT}
ORDER BY f."rank", c."id"
LIMIT ?`

async function rows(sql: string, args: InValue[]) {
  const db = await databaseReady()
  return (await db.execute({ sql, args })).rows
}

const text = (value: unknown) => String(value)

async function topics(match: string, limit: number): Promise<SearchHit[]> {
  const found = await rows(TOPICS_SQL, [...MARKS, ...MARKS, match, limit])
  return found.map((row) => ({
    kind: 'topics',
    id: text(row.id),
    title: markedSegments(textOrNull(row.title)),
    snippet: markedSegments(textOrNull(row.snippet)),
    href: `/learn/${text(row.subjectSlug)}/${text(row.slug)}`,
    context: text(row.subjectTitle),
  }))
}

async function tasks(userId: string, match: string, limit: number): Promise<SearchHit[]> {
  // The learner three times: twice in the visibility rule (owner, nugget's team), once for the attempt.
  const found = await rows(TASKS_SQL, [...MARKS, match, userId, userId, userId, limit])
  return found.map((row) => ({
    kind: 'tasks',
    id: text(row.id),
    title: [{ text: `Task in ${text(row.topicTitle)}`, marked: false }],
    snippet: markedSegments(textOrNull(row.snippet)),
    href: `/practice/${text(row.topicSlug)}`,
    context: text(row.topicTitle),
  }))
}

async function quests(userId: string, match: string, limit: number): Promise<SearchHit[]> {
  const found = await rows(QUESTS_SQL, [...MARKS, ...MARKS, match, userId, limit])
  return found.map((row) => ({
    kind: 'quests',
    id: text(row.id),
    title: markedSegments(textOrNull(row.title)),
    snippet: markedSegments(textOrNull(row.snippet)),
    href: `/quests/${text(row.id)}`,
    context: text(row.status).replace('_', ' '),
  }))
}

async function nuggets(userId: string, match: string, limit: number): Promise<SearchHit[]> {
  const found = await rows(NUGGETS_SQL, [...MARKS, ...MARKS, match, userId, limit])
  return found.map((row) => {
    const title = markedSegments(textOrNull(row.title))
    return {
      kind: 'nuggets',
      id: text(row.id),
      title: title.length > 0 ? title : [{ text: 'Untitled nugget', marked: false }],
      snippet: markedSegments(textOrNull(row.snippet)),
      href: row.topicSlug && row.subjectSlug ? `/learn/${text(row.subjectSlug)}/${text(row.topicSlug)}` : null,
      context: null,
    }
  })
}

/** Documents whose title matches come first (a title outranks a passage), then those with a matching passage. */
async function documents(userId: string, match: string, limit: number): Promise<SearchHit[]> {
  const [titles, chunks] = await Promise.all([
    rows(DOCUMENT_TITLES_SQL, [...MARKS, match, userId, limit]),
    rows(DOCUMENT_CHUNKS_SQL, [...MARKS, match, userId, limit * 4]),
  ])
  const snippets = new Map<string, { title: string; snippet: string | null; chunkId: string }>()
  for (const row of chunks) {
    const id = text(row.documentId)
    if (!snippets.has(id))
      snippets.set(id, { title: text(row.title), snippet: textOrNull(row.snippet), chunkId: text(row.chunkId) })
  }
  const hits = new Map<string, SearchHit>()
  const hit = (id: string, title: Segment[]): SearchHit => ({
    kind: 'documents',
    id,
    title,
    snippet: markedSegments(snippets.get(id)?.snippet ?? null),
    // to the passage the snippet comes from, when one matched
    href: documentHref(id, snippets.get(id)?.chunkId),
    context: null,
  })
  for (const row of titles) hits.set(text(row.id), hit(text(row.id), markedSegments(textOrNull(row.title))))
  for (const [id, found] of snippets) if (!hits.has(id)) hits.set(id, hit(id, [{ text: found.title, marked: false }]))
  return [...hits.values()].slice(0, limit)
}

/**
 * Search every kind (or only `kind`) for what `userId` may see. Each kind returns up to `perKind`
 * hits and says whether it had more. Null when the text has no word to search for.
 */
export async function search(
  userId: string,
  textQuery: string,
  options: { kind?: SearchKind | null; perKind?: number } = {},
): Promise<SearchResults | null> {
  const match = searchMatchExpression(textQuery)
  if (match === null) return null
  const perKind = Math.min(MAX_PER_KIND, Math.max(1, Math.floor(options.perKind ?? DEFAULT_PER_KIND)))
  const wanted = (kind: SearchKind) => !options.kind || options.kind === kind
  const limit = perKind + 1
  const none = Promise.resolve([] as SearchHit[])
  const [t, k, q, n, d] = await Promise.all([
    wanted('topics') ? topics(match, limit) : none,
    wanted('tasks') ? tasks(userId, match, limit) : none,
    wanted('quests') ? quests(userId, match, limit) : none,
    wanted('nuggets') ? nuggets(userId, match, limit) : none,
    wanted('documents') ? documents(userId, match, limit) : none,
  ])
  const group = (hits: SearchHit[]) => ({ hits: hits.slice(0, perKind), more: hits.length > perKind })
  return { topics: group(t), tasks: group(k), quests: group(q), nuggets: group(n), documents: group(d) }
}
