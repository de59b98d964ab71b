/**
 * The real content/ folder: it must validate completely (so a bad edit to the
 * curriculum fails CI) and keep the shape the product promises.
 */
import { describe, expect, it } from 'vitest'
import { checkAnswer } from './answer-check'
import { allIssues, formatIssue, loadContent, type LoadedContent } from './content-files.server'
import type { TaskFile } from './content-schema'

const content: LoadedContent = await loadContent('content')
const topics = content.subjects.flatMap((s) => s.topics)
const tasksOf = (topic: (typeof topics)[number]): TaskFile[] => topic.tasks ?? []

/** What a learner who knows the answer would type or pick. */
function correctSubmission(task: TaskFile): string {
  if (task.kind === 'multiple_choice') return Array.isArray(task.answer) ? task.answer.join(',') : String(task.answer)
  if (task.kind === 'numeric') return String(task.answer)
  return task.answer[0] ?? ''
}

describe('the content folder', () => {
  it('validates without a single problem', () => {
    expect(allIssues(content).map(formatIssue)).toEqual([])
  })

  it('has at least two subjects and eight topics, each with twelve or more tasks', () => {
    expect(content.subjects.length).toBeGreaterThanOrEqual(2)
    expect(topics.length).toBeGreaterThanOrEqual(8)
    for (const topic of topics) expect(tasksOf(topic).length, topic.slug).toBeGreaterThanOrEqual(12)
  })

  it('uses the stage scheduler in at least one topic and FSRS in the others', () => {
    const schedulers = topics.map((t) => t.config?.scheduler)
    expect(schedulers).toContain('stages')
    expect(schedulers).toContain('fsrs')
    for (const topic of topics.filter((t) => t.config?.scheduler === 'stages')) expect(topic.config?.reviewIntervals.length).toBeGreaterThan(0)
  })

  it.each(topics.map((t) => [t.slug, t] as const))('%s mixes all three kinds of task and all three difficulties', (_slug, topic) => {
    expect(new Set(tasksOf(topic).map((t) => t.kind))).toEqual(new Set(['multiple_choice', 'numeric', 'short_text']))
    expect(new Set(tasksOf(topic).map((t) => t.difficulty))).toEqual(new Set(['easy', 'medium', 'hard']))
  })

  it.each(topics.map((t) => [t.slug, t] as const))('%s tags 2–4 concepts of its own, each practised by at least three tasks', (slug, topic) => {
    const uses = new Map<string, number>()
    for (const task of tasksOf(topic)) for (const concept of task.concepts) uses.set(concept, (uses.get(concept) ?? 0) + 1)
    expect(uses.size).toBeGreaterThanOrEqual(2)
    expect(uses.size).toBeLessThanOrEqual(4)
    for (const [concept, count] of uses) {
      expect(count, concept).toBeGreaterThanOrEqual(3)
      // Concept keys are global (ConceptMastery is per learner and concept): keep them in the topic's namespace.
      expect(concept.startsWith(`${slug}.`) || concept.startsWith(`${slug.split('-')[0]}.`), concept).toBe(true)
    }
  })

  it('gives hints on every hard task and an explanation on every task', () => {
    const tasks = topics.flatMap(tasksOf)
    expect(tasks.filter((t) => t.difficulty === 'hard' && !t.hints?.length).map((t) => t.id)).toEqual([])
    expect(tasks.filter((t) => t.explanation.trim().length < 20).map((t) => t.id)).toEqual([])
  })

  it('names every task id after its subject and topic', () => {
    for (const topic of topics) for (const task of tasksOf(topic)) expect(task.id.startsWith(`${topic.subject}.${topic.slug}.`), task.id).toBe(true)
  })

  it('accepts the stated answer of every task through the real answer check', () => {
    const rejected = topics.flatMap(tasksOf).filter((task) => !checkAnswer(task, correctSubmission(task)).isCorrect)
    expect(rejected.map((t) => t.id)).toEqual([])
  })

  it('accepts every listed alternative of short-text answers, and no two alternatives are the same', () => {
    for (const task of topics.flatMap(tasksOf)) {
      if (task.kind !== 'short_text') continue
      for (const accepted of task.answer) expect(checkAnswer(task, accepted).isCorrect, `${task.id}: ${accepted}`).toBe(true)
      const normalised = task.answer.map((a) => checkAnswer(task, a).normalised)
      expect(new Set(normalised).size, task.id).toBe(normalised.length)
    }
  })
})
