import { randomUUID } from 'node:crypto'
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'

/**
 * Test fixtures for the learning module: a subject, a topic with given rules and
 * tasks, written straight to the database (the content sync has its own tests).
 */
export async function createTopic(
  overrides: Partial<Prisma.TopicXpConfigUncheckedCreateInput> = {},
  { tasks = 3, concepts = ['c.one'] }: { tasks?: number; concepts?: string[] } = {},
) {
  const tag = randomUUID().slice(0, 8)
  const subject = await prisma.subject.create({
    data: { slug: `subject-${tag}`, title: `Subject ${tag}` },
    select: { id: true },
  })
  const topic = await prisma.topicXpConfig.create({
    data: {
      slug: `topic-${tag}`,
      title: `Topic ${tag}`,
      subjectId: subject.id,
      levelThresholds: [0, 100, 250, 500, 1000],
      reviewIntervals: [1, 3, 7, 14, 30],
      tags: [],
      ...overrides,
    },
    select: { id: true, slug: true },
  })
  const taskIds: string[] = []
  for (let i = 0; i < tasks; i++) {
    const id = `${topic.slug}.task-${String(i).padStart(3, '0')}`
    await prisma.task.create({
      data: {
        id,
        topicId: topic.id,
        kind: 'numeric',
        prompt: `What is ${i} + 1?`,
        answer: i + 1,
        difficulty: 'easy',
        concepts,
        explanation: `${i} + 1 = ${i + 1}`,
        order: i,
      },
      select: { id: true },
    })
    taskIds.push(id)
  }
  return { subjectId: subject.id, topicId: topic.id, slug: topic.slug, taskIds }
}

/** The right answer to a fixture task (its number + 1). */
export const rightAnswer = (taskId: string) => String(Number(taskId.slice(-3)) + 1)
