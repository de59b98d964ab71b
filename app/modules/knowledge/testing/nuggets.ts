import { lessonTaskStatement, lessonsTopicStatements, newLessonTaskId } from '~/modules/content/lesson-tasks.server'
import { prisma, writeBatch } from '~/utils/db.server'

/**
 * Test fixtures for the nugget pages, written straight to the database: a ready, unpublished
 * proposal of a team with one source document and one multiple-choice practice task (right option
 * 1 of 2, inactive until published), or a published one with an active task.
 */
export async function nuggetWithTask(teamId: string, { published = false, title = 'Photosynthesis' } = {}) {
  const document = await prisma.document.create({
    data: { teamId, title: `${title} notes`, source: `upload:${title}.md`, content: `${title} text`, status: 'ready' },
    select: { id: true },
  })
  const nugget = await prisma.nugget.create({
    data: {
      teamId,
      title,
      content: `Plants make sugar from light. ${title}.`,
      status: 'ready',
      metadata: {
        keyPoints: ['Plants make sugar from light.'],
        concepts: ['photosynthesis'],
        publishedAt: published ? new Date().toISOString() : null,
        edited: false,
        section: title,
      },
      sources: {
        create: { documentId: document.id, sourceType: 'file', sourcePath: `upload:${title}.md`, chunkIndex: 0 },
      },
    },
    select: { id: true },
  })
  const taskId = newLessonTaskId()
  const now = new Date()
  await writeBatch([
    ...lessonsTopicStatements(now),
    lessonTaskStatement({
      id: taskId,
      nuggetId: nugget.id,
      task: {
        kind: 'multiple_choice',
        prompt: `What do plants make? (${title})`,
        choices: ['Sugar', 'Salt'],
        answer: 0,
        explanation: null,
      },
      concepts: ['photosynthesis'],
      order: 0,
      active: published,
      now,
    }),
  ])
  return { nuggetId: nugget.id, taskId, documentId: document.id }
}
