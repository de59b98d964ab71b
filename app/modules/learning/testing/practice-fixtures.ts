import { randomUUID } from 'node:crypto'
import type { Prisma, Scheduler } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'

/**
 * Test fixtures for practice, reviews and the reading APIs: a topic with one task of
 * each kind, written straight to the database like fixtures.ts. The answers and
 * explanations are distinctive strings, so a test can search a page for them.
 */
export const SECRET = {
  /** multiple choice, one right option (index 2) */
  single: { answer: 2, right: '2', wrong: '0', explanation: 'EXPLAINED-single: four legs' },
  /** multiple choice, several right options (checkboxes) */
  multi: { answer: [0, 2], right: '0,2', wrong: '1', explanation: 'EXPLAINED-multi: halves' },
  /** numeric with a tolerance */
  numeric: { answer: 3.7519, tolerance: 0.0013, right: '3.752', wrong: '9', explanation: 'EXPLAINED-numeric: divide' },
  /** short text; the accepted spelling never appears elsewhere */
  text: { answer: ['zyxwvutsrq'], right: 'ZYXWVUTSRQ', wrong: 'nope', explanation: 'EXPLAINED-text: spelling' },
} as const

export type FixtureKind = keyof typeof SECRET
export const FIXTURE_KINDS = Object.keys(SECRET) as FixtureKind[]

export interface PracticeTopicFixture {
  topicId: string
  slug: string
  subjectSlug: string
  title: string
  /** task ids by kind, in content order: single, multi, numeric, text */
  tasks: Record<FixtureKind, string>
}

export async function createPracticeTopic({
  scheduler = 'fsrs',
  title,
}: { scheduler?: Scheduler; title?: string } = {}): Promise<PracticeTopicFixture> {
  const tag = randomUUID().slice(0, 8)
  const subject = await prisma.subject.create({
    data: { slug: `subject-${tag}`, title: `Subject ${tag}` },
    select: { id: true, slug: true },
  })
  const topic = await prisma.topicXpConfig.create({
    data: {
      slug: `practice-${tag}`,
      title: title ?? `Practice ${tag}`,
      subjectId: subject.id,
      scheduler,
      levelThresholds: [0, 20, 60, 500],
      reviewIntervals: [1, 3, 7],
      tags: [],
    },
    select: { id: true, slug: true, title: true },
  })
  const rows = [
    {
      kind: 'single' as const,
      data: {
        kind: 'multiple_choice' as const,
        prompt: 'How many legs has a cat?',
        choices: ['Two', 'Three', 'Four', 'Five'],
        hints: ['Think of a dog.', 'More than three.'],
      },
    },
    {
      kind: 'multi' as const,
      data: { kind: 'multiple_choice' as const, prompt: 'Which are one half?', choices: ['2/4', '1/3', '3/6', '2/3'] },
    },
    {
      kind: 'numeric' as const,
      data: {
        kind: 'numeric' as const,
        prompt: 'Divide 15.0076 by 4.',
        tolerance: SECRET.numeric.tolerance,
        hints: ['Halve it twice.'],
      },
    },
    {
      kind: 'text' as const,
      data: { kind: 'short_text' as const, prompt: 'Type the alphabet backwards from z for ten letters.' },
    },
  ]
  const tasks = {} as Record<FixtureKind, string>
  for (const [order, row] of rows.entries()) {
    const id = `${topic.slug}.${row.kind}`
    await prisma.task.create({
      data: {
        id,
        topicId: topic.id,
        ...row.data,
        answer: SECRET[row.kind].answer as unknown as Prisma.InputJsonValue,
        explanation: SECRET[row.kind].explanation,
        difficulty: 'easy',
        concepts: [`practice-${tag}.${row.kind}`],
        order,
      },
      select: { id: true },
    })
    tasks[row.kind] = id
  }
  return { topicId: topic.id, slug: topic.slug, subjectSlug: subject.slug, title: topic.title, tasks }
}

/** The fixture kind of a task id. */
export const kindOf = (taskId: string): FixtureKind => taskId.slice(taskId.lastIndexOf('.') + 1) as FixtureKind
