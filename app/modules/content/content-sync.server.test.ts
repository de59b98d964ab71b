import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { getEnv } from '~/utils/env.server'
import { setLogSink } from '~/utils/log.server'
import { STARTUP_TASKS, startUp } from '../../../server/startup'
import { contentSyncTask, formatSyncReport, reportIssues, syncContent, type ContentSyncReport } from './content-sync.server'
import { formatIssue } from './content-files.server'

let root: string

function write(files: Record<string, unknown>) {
  for (const [path, value] of Object.entries(files)) {
    const file = join(root, path)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2))
  }
}

const subject = (slug: string) => ({ slug, title: slug.toUpperCase() })
const config = (slug: string, extra: object = {}) => ({ slug, title: `Topic ${slug}`, levelThresholds: [0, 100, 250], ...extra })
const task = (id: string, extra: object = {}) => ({
  id,
  kind: 'multiple_choice',
  difficulty: 'easy',
  concepts: ['demo.concept'],
  prompt: `Question ${id}?`,
  choices: ['a', 'b', 'c', 'd'],
  answer: 0,
  explanation: 'Because.',
  ...extra,
})

/** math (fractions: 3 tasks, percentages: 2 tasks) and computing (binary: 1 task). */
function writeStarter() {
  write({
    'math/subject.json': subject('math'),
    'math/fractions/config.json': config('fractions', { scheduler: 'stages', reviewIntervals: [1, 3, 7] }),
    'math/fractions/tasks.json': [
      task('f-1'),
      task('f-2', { kind: 'numeric', choices: undefined, answer: 3.5, tolerance: 0.01, hints: ['Think'] }),
      task('f-3', { kind: 'short_text', choices: undefined, answer: ['3/4'], baseXp: 40, difficulty: 'hard' }),
    ],
    'math/percentages/config.json': config('percentages'),
    'math/percentages/tasks.json': [task('p-1'), task('p-2', { answer: [1, 2] })],
    'computing/subject.json': subject('computing'),
    'computing/binary/config.json': config('binary'),
    'computing/binary/tasks.json': [task('b-1')],
  })
}

async function snapshot() {
  const [subjects, topics, tasks] = await Promise.all([
    prisma.subject.findMany({ select: { slug: true, updatedAt: true, active: true }, orderBy: { slug: 'asc' } }),
    prisma.topicXpConfig.findMany({ select: { slug: true, updatedAt: true, active: true }, orderBy: { slug: 'asc' } }),
    prisma.task.findMany({ select: { id: true, updatedAt: true, active: true }, orderBy: { id: 'asc' } }),
  ])
  return { subjects, topics, tasks }
}

function topicReport(report: ContentSyncReport, slug: string) {
  const found = report.topics.find((t) => t.slug === slug)
  if (!found) throw new Error(`no report for topic ${slug}`)
  return found
}

/** The sync again, a moment later, so that any write would show in updatedAt. */
async function syncLater(seconds = 60) {
  return syncContent({ root, now: new Date(Date.now() + seconds * 1000) })
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'questlog-content-'))
  await prisma.task.deleteMany()
  await prisma.topicXpConfig.deleteMany()
  await prisma.subject.deleteMany()
})
afterEach(() => {
  rmSync(root, { recursive: true, force: true })
  setLogSink(null)
})

describe('syncContent', () => {
  it('creates subjects, topics and tasks on the first run, with every field as the files say', async () => {
    writeStarter()
    const report = await syncContent({ root })

    expect(report.ok).toBe(true)
    expect(report.subjects.map((s) => [s.slug, s.status])).toEqual([
      ['computing', 'created'],
      ['math', 'created'],
    ])
    expect(report.topics.map((t) => [t.slug, t.status, t.tasks.created])).toEqual([
      ['binary', 'created', 1],
      ['fractions', 'created', 3],
      ['percentages', 'created', 2],
    ])

    const fractions = await prisma.topicXpConfig.findUniqueOrThrow({
      where: { slug: 'fractions' },
      include: { subject: true, tasks: { orderBy: { order: 'asc' } } },
    })
    expect(fractions).toMatchObject({
      title: 'Topic fractions',
      scheduler: 'stages',
      reviewIntervals: [1, 3, 7],
      levelThresholds: [0, 100, 250],
      tags: [],
      maxXp: 1000,
      multiplierHalf: 0.5,
      active: true,
      subject: { slug: 'math', title: 'MATH' },
    })
    expect(fractions.createdAt.toISOString()).toBe(fractions.updatedAt.toISOString())
    expect(fractions.tasks.map((t) => [t.id, t.kind, t.order, t.answer, t.choices, t.tolerance, t.hints, t.baseXp, t.difficulty])).toEqual([
      ['f-1', 'multiple_choice', 0, 0, ['a', 'b', 'c', 'd'], null, null, null, 'easy'],
      ['f-2', 'numeric', 1, 3.5, null, 0.01, ['Think'], null, 'easy'],
      ['f-3', 'short_text', 2, ['3/4'], null, null, null, 40, 'hard'],
    ])
    expect(await prisma.task.findUniqueOrThrow({ where: { id: 'p-2' }, select: { answer: true, concepts: true, explanation: true } })).toEqual({
      answer: [1, 2],
      concepts: ['demo.concept'],
      explanation: 'Because.',
    })
  })

  it('writes nothing on a second run over the same files', async () => {
    writeStarter()
    await syncContent({ root })
    const before = await snapshot()

    const report = await syncLater()

    expect(report.ok).toBe(true)
    expect(report.subjects.every((s) => s.status === 'unchanged')).toBe(true)
    expect(report.topics.every((t) => t.status === 'unchanged')).toBe(true)
    expect(report.topics.reduce((n, t) => n + t.tasks.unchanged, 0)).toBe(6)
    expect(await snapshot()).toEqual(before)
  })

  it('does not care about key order or formatting in the files', async () => {
    writeStarter()
    await syncContent({ root })
    const before = await snapshot()
    write({ 'computing/binary/tasks.json': `[${JSON.stringify(Object.fromEntries(Object.entries(task('b-1')).reverse()))}]` })

    const report = await syncLater()

    expect(topicReport(report, 'binary').status).toBe('unchanged')
    expect(await snapshot()).toEqual(before)
  })

  it('updates only the task that changed, and the topic when its config changes', async () => {
    writeStarter()
    await syncContent({ root })
    const before = await snapshot()
    write({
      'math/fractions/tasks.json': [
        task('f-1', { prompt: 'A clearer question?' }),
        task('f-2', { kind: 'numeric', choices: undefined, answer: 3.5, tolerance: 0.01, hints: ['Think'] }),
        task('f-3', { kind: 'short_text', choices: undefined, answer: ['3/4'], baseXp: 40, difficulty: 'hard' }),
      ],
      'computing/binary/config.json': config('binary', { maxXp: 500 }),
    })

    const report = await syncLater()

    expect(topicReport(report, 'fractions')).toMatchObject({ status: 'updated', tasks: { created: 0, updated: 1, unchanged: 2, deactivated: 0 } })
    expect(topicReport(report, 'binary')).toMatchObject({ status: 'updated', tasks: { updated: 0, unchanged: 1 } })
    expect(topicReport(report, 'percentages').status).toBe('unchanged')
    expect(await prisma.task.findUniqueOrThrow({ where: { id: 'f-1' }, select: { prompt: true } })).toEqual({ prompt: 'A clearer question?' })
    expect((await prisma.topicXpConfig.findUniqueOrThrow({ where: { slug: 'binary' } })).maxXp).toBe(500)

    const after = await snapshot()
    const changed = <T extends { updatedAt: Date }>(rows: T[], old: T[]) => rows.filter((r, i) => r.updatedAt.getTime() !== old[i]?.updatedAt.getTime())
    expect(changed(after.tasks, before.tasks).map((t) => t.id)).toEqual(['f-1'])
    expect(changed(after.topics, before.topics).map((t) => t.slug)).toEqual(['binary', 'fractions'])
    expect(changed(after.subjects, before.subjects)).toEqual([])
  })

  it('deactivates a task removed from its file, keeps the row, and reactivates it when it comes back', async () => {
    writeStarter()
    await syncContent({ root })
    write({ 'math/percentages/tasks.json': [task('p-1')] })

    const report = await syncLater()

    expect(topicReport(report, 'percentages')).toMatchObject({ status: 'updated', tasks: { unchanged: 1, deactivated: 1 } })
    expect(await prisma.task.findUniqueOrThrow({ where: { id: 'p-2' }, select: { active: true } })).toEqual({ active: false })
    expect(await prisma.task.count({ where: { topic: { slug: 'percentages' } } })).toBe(2)
    expect((await syncLater(120)).topics.every((t) => t.status === 'unchanged')).toBe(true)

    write({ 'math/percentages/tasks.json': [task('p-1'), task('p-2', { answer: [1, 2] })] })
    const again = await syncLater(180)
    expect(topicReport(again, 'percentages')).toMatchObject({ status: 'updated', tasks: { updated: 1, unchanged: 1 } })
    expect(await prisma.task.findUniqueOrThrow({ where: { id: 'p-2' }, select: { active: true } })).toEqual({ active: true })
  })

  it('reports a broken topic by file and field, leaves its rows untouched, and still syncs the others', async () => {
    writeStarter()
    await syncContent({ root })
    const before = await snapshot()
    write({
      // A valid change and a broken task in the same file: nothing of it may be written.
      'math/fractions/tasks.json': [task('f-1', { prompt: 'Changed?' }), task('f-2'), task('f-3'), task('f-4', { answer: 4 })],
      'computing/binary/tasks.json': [task('b-1'), task('b-2')],
    })

    const report = await syncLater()

    expect(report.ok).toBe(false)
    const fractions = topicReport(report, 'fractions')
    expect(fractions.status).toBe('failed')
    expect(fractions.errors.map(formatIssue)).toEqual([`${join(root, 'math/fractions/tasks.json')}: [3].answer: must be an index into choices (0–3)`])
    expect(topicReport(report, 'binary')).toMatchObject({ status: 'updated', tasks: { created: 1, unchanged: 1 } })

    const after = await snapshot()
    expect(after.tasks.filter((t) => t.id.startsWith('f-'))).toEqual(before.tasks.filter((t) => t.id.startsWith('f-')))
    expect(after.topics.find((t) => t.slug === 'fractions')).toEqual(before.topics.find((t) => t.slug === 'fractions'))
    expect(await prisma.task.findUnique({ where: { id: 'f-4' } })).toBeNull()
    expect(formatSyncReport(report)).toContain('topic fractions: FAILED (left as it was)')
  })

  it.each([
    ['invalid JSON', '{ "slug": "binary", ', /config\.json: is not valid JSON: .*/],
    ['a missing file', null, /config\.json: file is missing$/],
    ['a field out of range', JSON.stringify(config('binary', { minXpPercent: 5 })), /config\.json: minXpPercent: must be between 0 and 1$/],
  ])('reports %s in config.json', async (_name, content, expected) => {
    writeStarter()
    if (content === null) rmSync(join(root, 'computing/binary/config.json'))
    else write({ 'computing/binary/config.json': content })

    const report = await syncContent({ root })

    expect(topicReport(report, 'binary').status).toBe('failed')
    expect(reportIssues(report).map(formatIssue)).toEqual([expect.stringMatching(expected)])
    expect(topicReport(report, 'fractions').status).toBe('created')
  })

  it('refuses a task id used in two topics, naming both files, and writes neither topic', async () => {
    writeStarter()
    write({ 'computing/binary/tasks.json': [task('b-1'), task('f-2')] })

    const report = await syncContent({ root })

    const binaryFile = join(root, 'computing/binary/tasks.json')
    const fractionsFile = join(root, 'math/fractions/tasks.json')
    expect(topicReport(report, 'binary').errors.map(formatIssue)).toEqual([
      `${binaryFile}: [1].id: "f-2" is also used in ${fractionsFile} [1]; task ids must be unique across all topics`,
    ])
    expect(topicReport(report, 'fractions').errors.map(formatIssue)).toEqual([
      `${fractionsFile}: [1].id: "f-2" is also used in ${binaryFile} [1]; task ids must be unique across all topics`,
    ])
    expect(await prisma.topicXpConfig.findMany({ select: { slug: true } })).toEqual([{ slug: 'percentages' }])
  })

  it('refuses a task that moves to another topic, naming both files', async () => {
    writeStarter()
    await syncContent({ root })
    write({
      'math/percentages/tasks.json': [task('p-1')],
      'computing/binary/tasks.json': [task('b-1'), task('p-2')],
    })

    const report = await syncLater()

    expect(topicReport(report, 'binary').errors.map(formatIssue)).toEqual([
      `${join(root, 'computing/binary/tasks.json')}: [1].id: "p-2" already belongs to topic "percentages" (${join(
        root,
        'math/percentages/tasks.json',
      )}); a task cannot move to another topic — give it a new id`,
    ])
    const p2 = await prisma.task.findUniqueOrThrow({ where: { id: 'p-2' }, select: { topic: { select: { slug: true } } } })
    expect(p2.topic.slug).toBe('percentages')
  })

  it('refuses the same topic slug under two subjects', async () => {
    writeStarter()
    write({ 'computing/fractions/config.json': config('fractions'), 'computing/fractions/tasks.json': [task('cf-1')] })

    const report = await syncContent({ root })

    const failed = report.topics.filter((t) => t.status === 'failed')
    expect(failed.map((t) => t.dir)).toEqual([join(root, 'computing/fractions'), join(root, 'math/fractions')])
    expect(failed[0]?.errors[0]?.message).toBe(
      `topic "fractions" is also defined in ${join(root, 'math/fractions/config.json')}; topic slugs must be unique across subjects`,
    )
  })

  it('does not sync the topics of a broken subject.json, and leaves their rows alone', async () => {
    writeStarter()
    await syncContent({ root })
    write({ 'math/subject.json': { slug: 'math' }, 'math/percentages/tasks.json': [task('p-1')] })

    const report = await syncLater()

    expect(report.subjects.find((s) => s.slug === 'math')).toMatchObject({ status: 'failed', errors: [{ path: 'title', message: 'is required' }] })
    expect(topicReport(report, 'percentages')).toMatchObject({
      status: 'failed',
      errors: [{ file: join(root, 'math/subject.json'), message: 'is invalid, so this topic was not synced' }],
    })
    expect(await prisma.task.findUniqueOrThrow({ where: { id: 'p-2' }, select: { active: true } })).toEqual({ active: true })
  })

  it('deactivates a topic whose folder is gone, with its tasks, and a subject whose folder is gone', async () => {
    writeStarter()
    await syncContent({ root })
    rmSync(join(root, 'computing'), { recursive: true })
    rmSync(join(root, 'math/percentages'), { recursive: true })

    const report = await syncLater()

    expect(report.ok).toBe(true)
    expect(topicReport(report, 'percentages')).toMatchObject({ status: 'deactivated', tasks: { deactivated: 2 } })
    expect(topicReport(report, 'binary')).toMatchObject({ status: 'deactivated', tasks: { deactivated: 1 } })
    expect(report.subjects.find((s) => s.slug === 'computing')?.status).toBe('deactivated')
    expect(await prisma.task.count({ where: { active: false } })).toBe(3)
    expect(await prisma.topicXpConfig.findMany({ where: { active: true }, select: { slug: true } })).toEqual([{ slug: 'fractions' }])
    expect(formatSyncReport(report)).toMatch(/topic percentages: deactivated — tasks: 0 created, 0 updated, 0 unchanged, 2 deactivated/)
  })

  it('touches nothing when the content folder is missing', async () => {
    writeStarter()
    await syncContent({ root })
    const before = await snapshot()

    const report = await syncContent({ root: join(root, 'nope') })

    expect(report).toMatchObject({ ok: false, errors: [{ file: join(root, 'nope'), message: 'content folder not found' }] })
    expect(await snapshot()).toEqual(before)
  })

  it('prints a readable report', async () => {
    writeStarter()
    write({ 'math/percentages/tasks.json': [task('p-1', { answer: 7 })] })
    const text = formatSyncReport(await syncContent({ root }))
    expect(text).toContain(`Content sync from ${root}`)
    expect(text).toContain('  subject math: created')
    expect(text).toContain('    topic fractions: created — tasks: 3 created, 0 updated, 0 unchanged, 0 deactivated')
    expect(text).toContain(`      ${join(root, 'math/percentages/tasks.json')}: [0].answer: must be an index into choices (0–3)`)
    expect(text).toContain('Topics:   2 created, 1 failed')
    expect(text).toMatch(/FAILED: 1 problem\(s\)/)
  })
})

describe('content sync at start-up', () => {
  it('is a startup task: startUp syncs the real content folder unless SYNC_TOPICS_ON_START is false', async () => {
    expect(STARTUP_TASKS.map((t) => t.name)).toContain('content-sync')
    setLogSink(() => {})

    await startUp({ ...getEnv(), RUN_MIGRATIONS_ON_START: false, SYNC_TOPICS_ON_START: false })
    expect(await prisma.topicXpConfig.count()).toBe(0)

    await startUp({ ...getEnv(), RUN_MIGRATIONS_ON_START: false, SYNC_TOPICS_ON_START: true })
    expect(await prisma.subject.count()).toBeGreaterThanOrEqual(2)
    expect(await prisma.topicXpConfig.count()).toBeGreaterThanOrEqual(8)
  })

  it('logs broken content as a warning and does not stop the start', async () => {
    writeStarter()
    write({ 'math/fractions/tasks.json': [task('f-1', { answer: 9 })] })
    const lines: { level: string; line: string }[] = []
    setLogSink((level, line) => lines.push({ level, line }))

    await expect(contentSyncTask(root).run()).resolves.toBeUndefined()

    const warning = lines.find((l) => l.level === 'warn')
    expect(warning?.line).toContain('content sync: some content was not synced')
    expect(warning?.line).toContain('[0].answer: must be an index into choices (0–3)')
    expect(await prisma.topicXpConfig.count()).toBe(2)
  })

  it('logs a missing content folder as a warning', async () => {
    const lines: string[] = []
    setLogSink((_level, line) => lines.push(line))
    await contentSyncTask(join(root, 'missing')).run()
    expect(lines.join('\n')).toContain('content folder not found')
  })
})
