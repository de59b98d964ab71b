/**
 * Reads the content folder (docs/content.md) into validated subjects, topics and
 * tasks, with every problem named by file and field. Reads files only; the
 * database side is content-sync.server.ts.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import {
  validateSubjectFile,
  validateTasksFile,
  validateTopicConfig,
  type FieldIssue,
  type SubjectFile,
  type TaskFile,
  type TopicConfigFile,
  type Validation,
} from './content-schema'

/** A problem in a content file. `path` names the field ("[3].answer"), "" for the whole file. */
export interface ContentIssue {
  file: string
  path: string
  message: string
}

export interface LoadedTopic {
  /** the subject folder's name */
  subject: string
  /** the topic folder's name, which config.json's slug must equal */
  slug: string
  dir: string
  configFile: string
  tasksFile: string
  /** set when config.json is valid */
  config?: TopicConfigFile
  /** set when tasks.json is valid */
  tasks?: TaskFile[]
  errors: ContentIssue[]
}

export interface LoadedSubject {
  /** the folder's name, which subject.json's slug must equal */
  slug: string
  dir: string
  file: string
  /** set when subject.json is valid */
  subject?: SubjectFile
  topics: LoadedTopic[]
  errors: ContentIssue[]
}

export interface LoadedContent {
  root: string
  subjects: LoadedSubject[]
  /** problems with the folder itself (missing, unreadable) */
  errors: ContentIssue[]
}

export const SUBJECT_FILE = 'subject.json'
export const CONFIG_FILE = 'config.json'
export const TASKS_FILE = 'tasks.json'
/** content/achievements/ holds the achievements catalogue (app/modules/achievements), not a subject. */
export const ACHIEVEMENTS_FOLDER = 'achievements'

/** "content/math/fractions/tasks.json: [3].answer: must be …" */
export function formatIssue(issue: ContentIssue): string {
  return issue.path ? `${issue.file}: ${issue.path}: ${issue.message}` : `${issue.file}: ${issue.message}`
}

/** Every problem found, in folder order. */
export function allIssues(content: LoadedContent): ContentIssue[] {
  return [...content.errors, ...content.subjects.flatMap((s) => [...s.errors, ...s.topics.flatMap((t) => t.errors)])]
}

export async function loadContent(root = 'content'): Promise<LoadedContent> {
  const folders = await subfolders(root)
  if (!folders) return { root, subjects: [], errors: [{ file: root, path: '', message: 'content folder not found' }] }
  const subjects = await Promise.all(
    folders.filter((name) => name !== ACHIEVEMENTS_FOLDER).map((name) => loadSubject(root, name)),
  )
  checkTopicSlugsUnique(subjects)
  checkTaskIdsUnique(subjects.flatMap((s) => s.topics))
  return { root, subjects, errors: [] }
}

async function loadSubject(root: string, slug: string): Promise<LoadedSubject> {
  const dir = join(root, slug)
  const file = join(dir, SUBJECT_FILE)
  const result = await readValidated(file, (json) => validateSubjectFile(json, slug))
  const topics = await Promise.all(((await subfolders(dir)) ?? []).map((name) => loadTopic(slug, dir, name)))
  return { slug, dir, file, subject: result.value, topics, errors: result.errors }
}

async function loadTopic(subject: string, subjectDir: string, slug: string): Promise<LoadedTopic> {
  const dir = join(subjectDir, slug)
  const configFile = join(dir, CONFIG_FILE)
  const tasksFile = join(dir, TASKS_FILE)
  const [config, tasks] = await Promise.all([readValidated(configFile, (json) => validateTopicConfig(json, slug)), readValidated(tasksFile, validateTasksFile)])
  return { subject, slug, dir, configFile, tasksFile, config: config.value, tasks: tasks.value, errors: [...config.errors, ...tasks.errors] }
}

/** Reads and validates one JSON file; a missing, unreadable or malformed file is one issue naming it. */
export async function readValidated<T>(file: string, validate: (json: unknown) => Validation<T>): Promise<{ value?: T; errors: ContentIssue[] }> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
    return { errors: [{ file, path: '', message: missing ? 'file is missing' : `cannot be read (${String(error)})` }] }
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return { errors: [{ file, path: '', message: `is not valid JSON: ${jsonErrorWithLine(error, text)}` }] }
  }
  const result = validate(json)
  if (result.ok) return { value: result.value, errors: [] }
  return { errors: result.issues.map((issue: FieldIssue) => ({ file, ...issue })) }
}

function jsonErrorWithLine(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error)
  const position = /at position (\d+)/.exec(message)
  if (!position || /line \d+/.test(message)) return message
  const before = text.slice(0, Number(position[1]))
  const line = before.split('\n').length
  const column = before.length - before.lastIndexOf('\n')
  return `${message} (line ${line}, column ${column})`
}

/** Names of the visible sub-folders, sorted; null when `dir` is not a folder. */
async function subfolders(dir: string): Promise<string[] | null> {
  try {
    if (!(await stat(dir)).isDirectory()) return null
  } catch {
    return null
  }
  const entries = await readdir(dir, { withFileTypes: true })
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_'))
    .map((e) => e.name)
    .sort()
}

/** TopicXpConfig.slug is unique across subjects: the same topic folder name under two subjects is refused in both. */
function checkTopicSlugsUnique(subjects: LoadedSubject[]) {
  const bySlug = groupBy(
    subjects.flatMap((s) => s.topics),
    (t) => t.slug,
  )
  for (const topics of bySlug.values()) {
    if (topics.length < 2) continue
    for (const topic of topics) {
      const others = topics.filter((t) => t !== topic).map((t) => t.configFile)
      topic.errors.push({
        file: topic.configFile,
        path: 'slug',
        message: `topic "${topic.slug}" is also defined in ${others.join(', ')}; topic slugs must be unique across subjects`,
      })
    }
  }
}

/** Task ids are unique across all topics: a repeated id is refused in every topic that has it. */
function checkTaskIdsUnique(topics: LoadedTopic[]) {
  const uses = groupBy(
    topics.flatMap((topic) => (topic.tasks ?? []).map((task, index) => ({ topic, index, id: task.id }))),
    (use) => use.id,
  )
  for (const [id, all] of uses) {
    if (all.length < 2) continue
    for (const use of all) {
      const others = all.filter((u) => u !== use).map((u) => `${u.topic.tasksFile} [${u.index}]`)
      use.topic.errors.push({
        file: use.topic.tasksFile,
        path: `[${use.index}].id`,
        message: `"${id}" is also used in ${others.join(', ')}; task ids must be unique across all topics`,
      })
    }
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}
