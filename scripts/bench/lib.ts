/** Shared by the benchmarks: a migrated database to measure on, a topic of tasks, samples of durations and their summary. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A migrated SQLite file in a fresh temporary folder, made DATABASE_URL. Call it before
 * importing app modules: they read the environment once. `remove()` deletes the folder.
 */
export async function benchDatabase(
  name: string,
): Promise<{ dir: string; file: string; url: string; remove: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), `questlog-bench-${name}-`))
  const file = join(dir, 'bench.db')
  const url = `file:${file}`
  process.env.DATABASE_URL = url
  // Every query of a benchmark would count as slow and be logged.
  process.env.SLOW_QUERY_MS = '100000'
  const { createClient } = await import('@libsql/client')
  const { applyMigrations } = await import('../../app/utils/migrations.server')
  const migrator = createClient({ url })
  try {
    await applyMigrations(migrator)
  } finally {
    migrator.close()
  }
  return { dir, file, url, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/**
 * One subject and topic with `count` numeric tasks (`bench.task-0000`…, answer = i + 1), as the
 * content sync would write them. Call it after `benchDatabase`. `topic` adds to the topic's row.
 */
export async function seedBenchTopic(
  count: number,
  topic: { dailyFullTasks?: number } = {},
): Promise<{ topicId: string; tasks: { id: string; answer: string }[] }> {
  const { prisma } = await import('../../app/utils/db.server')
  const subject = await prisma.subject.create({ data: { slug: 'bench', title: 'Bench' }, select: { id: true } })
  const { id: topicId } = await prisma.topicXpConfig.create({
    data: {
      slug: 'bench-topic',
      title: 'Bench topic',
      subjectId: subject.id,
      levelThresholds: [0, 100, 250, 500, 1000],
      reviewIntervals: [1, 3, 7, 14, 30],
      tags: [],
      baseTaskXp: 10,
      ...topic,
    },
    select: { id: true },
  })
  const tasks = Array.from({ length: count }, (_, i) => ({
    id: `bench.task-${String(i).padStart(4, '0')}`,
    answer: String(i + 1),
  }))
  await prisma.task.createMany({
    data: tasks.map((t, i) => ({
      id: t.id,
      topicId,
      kind: 'numeric',
      prompt: `${i} + 1?`,
      answer: i + 1,
      difficulty: 'easy',
      concepts: ['bench.add'],
      order: i,
    })),
  })
  return { topicId, tasks }
}

/** Runs `run` once and says how long it took. */
export async function timeOnce<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now()
  const value = await run()
  return { value, ms: performance.now() - started }
}

export interface Sample {
  name: string
  ms: number[]
}

export function stats(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  return { mean: ms.reduce((a, b) => a + b, 0) / ms.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) }
}

export async function time(sample: Sample, times: number, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < times; i++) {
    const started = performance.now()
    await run(i)
    sample.ms.push(performance.now() - started)
  }
}

/** Samples by name, created on first use, in insertion order. */
export function sampleSet() {
  const samples = new Map<string, Sample>()
  const sample = (name: string) => {
    let s = samples.get(name)
    if (!s) samples.set(name, (s = { name, ms: [] }))
    return s
  }
  const print = () => {
    console.log('operation                                 mean ms    p50 ms    p95 ms')
    for (const s of samples.values()) {
      const { mean, p50, p95 } = stats(s.ms)
      console.log(
        `${s.name.padEnd(40)} ${mean.toFixed(3).padStart(8)} ${p50.toFixed(3).padStart(9)} ${p95.toFixed(3).padStart(9)}`,
      )
    }
  }
  const mean = (name: string) => stats(samples.get(name)!.ms).mean
  return { sample, print, mean, samples }
}
