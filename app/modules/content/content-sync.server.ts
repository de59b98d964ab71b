/**
 * Syncs the content folder into Subject, TopicXpConfig and Task (docs/content.md).
 *
 * - Subjects are upserted by slug, topics by slug, tasks by id; a row is written
 *   only when its content hash changed (or it was inactive), so a second run
 *   writes nothing.
 * - A topic's writes (its row, its tasks, the deactivation of tasks removed from
 *   the file) are one writeBatch: atomic, so a failure leaves the topic as it was.
 *   Raw SQL rather than Prisma upserts because Prisma cannot batch atomically in
 *   app code (docs/decisions/0002); subjects are one statement each, so they use
 *   a Prisma upsert.
 * - A broken topic (or a topic of a broken subject) is reported with file and
 *   field and left untouched; the others still sync.
 * - Removed tasks and topics are deactivated, never deleted: attempts and review
 *   cards reference them.
 */
import { createHash } from 'node:crypto'
import type { InStatement, InValue } from '@libsql/client'
import { ulid } from '~/utils/ulid.server'
import { prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { errorMessage, isConnectivityError } from '~/utils/db/errors.server'
import { log } from '~/utils/log.server'
import { syncStartupTask, type StartupTask } from '~/utils/startup-tasks.server'
import { formatIssue, loadContent, type ContentIssue, type LoadedSubject, type LoadedTopic } from './content-files.server'
import type { TaskFile, TopicConfigFile } from './content-schema'
import { LESSONS_SLUG } from './lesson-tasks.server'
import { OWN_NOTES_SLUG } from './own-tasks.server'

export type SyncStatus = 'created' | 'updated' | 'unchanged' | 'deactivated' | 'failed'

export interface TaskCounts {
  created: number
  updated: number
  unchanged: number
  deactivated: number
}

export interface SubjectSyncReport {
  slug: string
  file: string
  status: SyncStatus
  errors: ContentIssue[]
}

export interface TopicSyncReport {
  subject: string
  slug: string
  /** the topic's folder ("" for a topic deactivated because its folder is gone) */
  dir: string
  status: SyncStatus
  tasks: TaskCounts
  errors: ContentIssue[]
}

export interface ContentSyncReport {
  root: string
  /** false when anything failed */
  ok: boolean
  subjects: SubjectSyncReport[]
  topics: TopicSyncReport[]
  /** problems with the content folder itself; nothing is written then */
  errors: ContentIssue[]
}

export interface SyncOptions {
  /** the content folder, relative to the working directory or absolute */
  root?: string
  now?: Date
}

/** Subjects and topics the app makes itself, which the sync leaves alone. */
const BUILT_IN = new Set([OWN_NOTES_SLUG, LESSONS_SLUG])

export async function syncContent({ root = 'content', now = new Date() }: SyncOptions = {}): Promise<ContentSyncReport> {
  const content = await loadContent(root)
  const report: ContentSyncReport = { root, ok: false, subjects: [], topics: [], errors: content.errors }
  // Without the folder, "everything was removed" would deactivate every row.
  if (content.errors.length > 0) return report

  const db = await readDatabaseState()
  const filesOfTopic = new Map(content.subjects.flatMap((s) => s.topics.map((t) => [t.slug, t.tasksFile] as const)))
  const stamp = toDbTimestamp(now)

  for (const subject of content.subjects) {
    const subjectReport = await syncSubject(subject, db)
    report.subjects.push(subjectReport)
    for (const topic of subject.topics) {
      report.topics.push(
        subjectReport.status === 'failed'
          ? failedTopic(topic, [...topic.errors, { file: subject.file, path: '', message: 'is invalid, so this topic was not synced' }])
          : await syncTopic(topic, db, filesOfTopic, stamp),
      )
    }
  }

  const presentTopics = new Set(filesOfTopic.keys())
  for (const row of db.topics.values()) {
    // "Your notes" and "Lessons" are built in (own-tasks.server.ts, lesson-tasks.server.ts): no content file defines them.
    if (row.active && !presentTopics.has(row.slug) && !BUILT_IN.has(row.slug)) report.topics.push(await deactivateTopic(row, db, stamp))
  }
  const presentSubjects = new Set(content.subjects.map((s) => s.slug))
  for (const row of db.subjects.values()) {
    if (!row.active || presentSubjects.has(row.slug) || BUILT_IN.has(row.slug)) continue
    await prisma.subject.update({ where: { id: row.id }, data: { active: false }, select: { id: true } })
    report.subjects.push({ slug: row.slug, file: '', status: 'deactivated', errors: [] })
  }

  report.ok = report.subjects.every((s) => s.status !== 'failed') && report.topics.every((t) => t.status !== 'failed')
  return report
}

// ─── database state ──────────────────────────────────────────────────────────

interface SubjectRow {
  id: string
  slug: string
  contentHash: string | null
  active: boolean
}
interface TopicRow {
  id: string
  slug: string
  subjectSlug: string
  contentHash: string | null
  active: boolean
}
interface TaskRow {
  id: string
  topicId: string
  contentHash: string | null
  active: boolean
}
interface DatabaseState {
  subjects: Map<string, SubjectRow>
  topics: Map<string, TopicRow>
  topicsById: Map<string, TopicRow>
  tasks: Map<string, TaskRow>
}

async function readDatabaseState(): Promise<DatabaseState> {
  const [subjects, topics, tasks] = await Promise.all([
    prisma.subject.findMany({ select: { id: true, slug: true, contentHash: true, active: true } }),
    prisma.topicXpConfig.findMany({ select: { id: true, slug: true, contentHash: true, active: true, subject: { select: { slug: true } } } }),
    prisma.task.findMany({ where: { ownerId: null }, select: { id: true, topicId: true, contentHash: true, active: true } }),
  ])
  const topicRows = topics.map((t) => ({ id: t.id, slug: t.slug, subjectSlug: t.subject.slug, contentHash: t.contentHash, active: t.active }))
  return {
    subjects: new Map(subjects.map((s) => [s.slug, s])),
    topics: new Map(topicRows.map((t) => [t.slug, t])),
    topicsById: new Map(topicRows.map((t) => [t.id, t])),
    tasks: new Map(tasks.map((t) => [t.id, t])),
  }
}

// ─── subjects ────────────────────────────────────────────────────────────────

async function syncSubject(loaded: LoadedSubject, db: DatabaseState): Promise<SubjectSyncReport> {
  const base = { slug: loaded.slug, file: loaded.file }
  if (!loaded.subject || loaded.errors.length > 0) return { ...base, status: 'failed', errors: loaded.errors }
  const { slug, title, description, order } = loaded.subject
  const hash = contentHash({ slug, title, description, order })
  const existing = db.subjects.get(slug)
  if (existing && existing.contentHash === hash && existing.active) return { ...base, status: 'unchanged', errors: [] }
  const data = { title, description: description ?? null, order, contentHash: hash, active: true }
  try {
    await prisma.subject.upsert({ where: { slug }, create: { slug, ...data }, update: data, select: { id: true } })
  } catch (error) {
    if (isConnectivityError(error)) throw error
    return { ...base, status: 'failed', errors: [{ file: loaded.file, path: '', message: `could not be saved: ${errorMessage(error)}` }] }
  }
  return { ...base, status: existing ? 'updated' : 'created', errors: [] }
}

// ─── topics and tasks ────────────────────────────────────────────────────────

const NO_TASKS: TaskCounts = { created: 0, updated: 0, unchanged: 0, deactivated: 0 }

function failedTopic(topic: LoadedTopic, errors: ContentIssue[]): TopicSyncReport {
  return { subject: topic.subject, slug: topic.slug, dir: topic.dir, status: 'failed', tasks: { ...NO_TASKS }, errors }
}

async function syncTopic(topic: LoadedTopic, db: DatabaseState, filesOfTopic: Map<string, string>, stamp: string): Promise<TopicSyncReport> {
  const { config, tasks } = topic
  if (!config || !tasks || topic.errors.length > 0) return failedTopic(topic, topic.errors)
  const existing = db.topics.get(config.slug)

  // Attempts and review cards carry the task's topic, so a task cannot change topic.
  const moves = tasks.flatMap((task, index): ContentIssue[] => {
    const row = db.tasks.get(task.id)
    if (!row || row.topicId === existing?.id) return []
    const owner = db.topicsById.get(row.topicId)?.slug ?? row.topicId
    const where = filesOfTopic.get(owner) ?? `topic "${owner}", whose folder is gone`
    return [
      {
        file: topic.tasksFile,
        path: `[${index}].id`,
        message: `"${task.id}" already belongs to topic "${owner}" (${where}); a task cannot move to another topic — give it a new id`,
      },
    ]
  })
  if (moves.length > 0) return failedTopic(topic, moves)

  const taskHashes = tasks.map((task, order) => contentHash({ ...task, order }))
  const topicHash = contentHash({ config, subject: topic.subject, tasks: tasks.map((t, i) => [t.id, taskHashes[i]]) })
  const statements: InStatement[] = []
  const counts = { ...NO_TASKS }

  if (!existing || existing.contentHash !== topicHash || !existing.active) statements.push(topicUpsert(config, topic.subject, topicHash, stamp))
  tasks.forEach((task, order) => {
    const hash = taskHashes[order] as string
    const row = db.tasks.get(task.id)
    if (row && row.contentHash === hash && row.active) return void counts.unchanged++
    counts[row ? 'updated' : 'created']++
    statements.push(taskUpsert(task, order, config.slug, hash, stamp))
  })
  const inFile = new Set(tasks.map((t) => t.id))
  const removed = existing ? [...db.tasks.values()].filter((t) => t.topicId === existing.id && t.active && !inFile.has(t.id)).map((t) => t.id) : []
  if (removed.length > 0) {
    counts.deactivated = removed.length
    statements.push({ sql: `UPDATE "Task" SET "active" = 0, "updatedAt" = ? WHERE "id" IN (${removed.map(() => '?').join(', ')})`, args: [stamp, ...removed] })
  }

  if (statements.length > 0) {
    try {
      await writeBatch(statements)
    } catch (error) {
      if (isConnectivityError(error)) throw error
      return failedTopic(topic, [{ file: topic.dir, path: '', message: `could not be saved, nothing was changed: ${errorMessage(error)}` }])
    }
  }
  const status: SyncStatus = !existing ? 'created' : statements.length > 0 ? 'updated' : 'unchanged'
  return { subject: topic.subject, slug: topic.slug, dir: topic.dir, status, tasks: counts, errors: [] }
}

async function deactivateTopic(row: TopicRow, db: DatabaseState, stamp: string): Promise<TopicSyncReport> {
  const activeTasks = [...db.tasks.values()].filter((t) => t.topicId === row.id && t.active).length
  const base = { subject: row.subjectSlug, slug: row.slug, dir: '' }
  try {
    await writeBatch([
      { sql: `UPDATE "TopicXpConfig" SET "active" = 0, "updatedAt" = ? WHERE "id" = ?`, args: [stamp, row.id] },
      { sql: `UPDATE "Task" SET "active" = 0, "updatedAt" = ? WHERE "topicId" = ? AND "active" = 1`, args: [stamp, row.id] },
    ])
  } catch (error) {
    if (isConnectivityError(error)) throw error
    const message = `is no longer in the content folder but could not be deactivated: ${errorMessage(error)}`
    return { ...base, status: 'failed', tasks: { ...NO_TASKS }, errors: [{ file: `topic "${row.slug}"`, path: '', message }] }
  }
  return { ...base, status: 'deactivated', tasks: { ...NO_TASKS, deactivated: activeTasks }, errors: [] }
}

/** A value, or a sub-select evaluated inside the batch (ids of rows the same batch may have just inserted). */
type Cell = InValue | { select: string; args: InValue[] }

function isSelect(cell: Cell): cell is { select: string; args: InValue[] } {
  return typeof cell === 'object' && cell !== null && 'select' in cell
}

/** INSERT … ON CONFLICT DO UPDATE of every column except `insertOnly`; `guard` limits which conflicting rows are updated. */
function upsert(table: string, key: string, cells: Record<string, Cell>, insertOnly: string[], guard?: string): InStatement {
  const entries = Object.entries(cells)
  const columns = entries.map(([c]) => `"${c}"`).join(', ')
  const values = entries.map(([, v]) => (isSelect(v) ? `(${v.select})` : '?')).join(', ')
  const args = entries.flatMap(([, v]) => (isSelect(v) ? v.args : [v]))
  const updates = entries
    .filter(([c]) => !insertOnly.includes(c))
    .map(([c]) => `"${c}" = excluded."${c}"`)
    .join(', ')
  return {
    sql: `INSERT INTO "${table}" (${columns}) VALUES (${values}) ON CONFLICT ("${key}") DO UPDATE SET ${updates}${guard ? ` WHERE ${guard}` : ''}`,
    args,
  }
}

// Json columns hold JSON text and booleans 0/1, exactly as Prisma's libSQL adapter writes them.
function topicUpsert(config: TopicConfigFile, subject: string, hash: string, stamp: string): InStatement {
  return upsert(
    'TopicXpConfig',
    'slug',
    {
      id: ulid(),
      slug: config.slug,
      title: config.title,
      subjectId: { select: `SELECT "id" FROM "Subject" WHERE "slug" = ?`, args: [subject] },
      category: config.category ?? null,
      description: config.description ?? null,
      difficulty: config.difficulty ?? null,
      maxXp: config.maxXp,
      baseTaskXp: config.baseTaskXp,
      dailyFullTasks: config.dailyFullTasks,
      dailyHalfTasks: config.dailyHalfTasks,
      multiplierFull: config.multiplierFull,
      multiplierHalf: config.multiplierHalf,
      multiplierLow: config.multiplierLow,
      multiplierEarly: config.multiplierEarly,
      levelThresholds: JSON.stringify(config.levelThresholds),
      dailyXpDecay: config.dailyXpDecay,
      minXpPercent: config.minXpPercent,
      reviewIntervals: JSON.stringify(config.reviewIntervals),
      tags: JSON.stringify(config.tags),
      scheduler: config.scheduler,
      contentHash: hash,
      order: config.order,
      active: 1,
      createdAt: stamp,
      updatedAt: stamp,
    },
    ['id', 'createdAt'],
  )
}

function taskUpsert(task: TaskFile, order: number, topicSlug: string, hash: string, stamp: string): InStatement {
  return upsert(
    'Task',
    'id',
    {
      id: task.id,
      topicId: { select: `SELECT "id" FROM "TopicXpConfig" WHERE "slug" = ?`, args: [topicSlug] },
      kind: task.kind,
      prompt: task.prompt,
      choices: task.kind === 'multiple_choice' ? JSON.stringify(task.choices) : null,
      answer: JSON.stringify(task.answer),
      tolerance: task.kind === 'numeric' ? task.tolerance ?? null : null,
      difficulty: task.difficulty,
      baseXp: task.baseXp ?? null,
      concepts: JSON.stringify(task.concepts),
      hints: task.hints ? JSON.stringify(task.hints) : null,
      explanation: task.explanation,
      order,
      active: 1,
      contentHash: hash,
      createdAt: stamp,
      updatedAt: stamp,
    },
    ['id', 'topicId', 'createdAt'],
    // A second guard against a task changing topic (checked above), e.g. when two instances sync at once.
    `"Task"."topicId" = excluded."topicId"`,
  )
}

/** sha256 of the value as JSON with sorted keys, so key order in a file does not matter. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex')
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

// ─── start-up and the report ─────────────────────────────────────────────────

/** Syncs at start-up (server/startup.ts). Broken content is logged, never stops the server. */
export function contentSyncTask(root = 'content'): StartupTask {
  return syncStartupTask(
    'content-sync',
    () => syncContent({ root }),
    (report) => {
      const summary = summariseReport(report)
      if (report.ok) log.info('content synced', summary)
      else log.warn('content sync: some content was not synced', { ...summary, errors: reportIssues(report).map(formatIssue) })
    },
    { message: 'content sync failed', fields: { root } },
  )
}

export function reportIssues(report: ContentSyncReport): ContentIssue[] {
  return [...report.errors, ...report.subjects.flatMap((s) => s.errors), ...report.topics.flatMap((t) => t.errors)]
}

export function summariseReport(report: ContentSyncReport) {
  const count = (statuses: SyncStatus[]) => Object.fromEntries(statuses.map((s) => [s, 0])) as Record<SyncStatus, number>
  const subjects = count(['created', 'updated', 'unchanged', 'deactivated', 'failed'])
  const topics = count(['created', 'updated', 'unchanged', 'deactivated', 'failed'])
  const tasks = { ...NO_TASKS }
  for (const s of report.subjects) subjects[s.status]++
  for (const t of report.topics) {
    topics[t.status]++
    for (const k of Object.keys(tasks) as (keyof TaskCounts)[]) tasks[k] += t.tasks[k]
  }
  return { subjects, topics, tasks }
}

/** The report for a person: one line per subject and topic, every problem on its own line. */
export function formatSyncReport(report: ContentSyncReport): string {
  const lines = [`Content sync from ${report.root}`]
  for (const issue of report.errors) lines.push(`  ERROR ${formatIssue(issue)}`)
  const listed = new Set<TopicSyncReport>()
  const topicLine = (t: TopicSyncReport) => {
    listed.add(t)
    const { created, updated, unchanged, deactivated } = t.tasks
    const detail = t.status === 'failed' ? '' : ` — tasks: ${created} created, ${updated} updated, ${unchanged} unchanged, ${deactivated} deactivated`
    lines.push(`    topic ${t.slug}: ${t.status === 'failed' ? 'FAILED (left as it was)' : t.status}${detail}`)
    for (const issue of t.errors) lines.push(`      ${formatIssue(issue)}`)
  }
  for (const s of report.subjects) {
    lines.push(`  subject ${s.slug}: ${s.status === 'failed' ? 'FAILED' : s.status}`)
    for (const issue of s.errors) lines.push(`    ${formatIssue(issue)}`)
    report.topics.filter((t) => t.subject === s.slug).forEach(topicLine)
  }
  const rest = report.topics.filter((t) => !listed.has(t))
  if (rest.length > 0) lines.push('  (topics of subjects no longer in the folder)')
  rest.forEach(topicLine)

  const { subjects, topics, tasks } = summariseReport(report)
  const line = (counts: Record<string, number>) =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ') || 'none'
  lines.push('', `Subjects: ${line(subjects)}`, `Topics:   ${line(topics)}`, `Tasks:    ${line({ ...tasks })}`)
  lines.push(report.ok ? 'OK' : `FAILED: ${reportIssues(report).length} problem(s) above; the failed topics were left as they were.`)
  return lines.join('\n')
}
