import type { InStatement } from '@libsql/client'
import { toDbTimestamp } from '~/utils/db.server'
import { ulid } from '~/utils/ulid.server'
import { builtInTopicStatements } from './built-in-topic.server'

/**
 * Practice tasks carried by a nugget (docs/nuggets.md): ordinary Task rows with `nuggetId` set,
 * kept under one built-in subject and topic, "Lessons" (slug `lessons`), that no content file
 * defines — so answering them pays XP (10 base XP a task, like a content topic's default),
 * schedules review cards and moves mastery the normal way. Who sees them is content's one
 * task-visibility rule (`visibleTaskWhere`: members of the nugget's team); a task is active only
 * while its nugget is published (knowledge switches it with `nuggetTasksActiveStatement`).
 * Knowledge writes these rows through the builders below.
 */
export const LESSONS_SLUG = 'lessons'
const LESSONS_TOPIC = `(SELECT "id" FROM "TopicXpConfig" WHERE "slug" = '${LESSONS_SLUG}')`

/** Creates the "Lessons" subject and topic unless they exist; part of every new task's batch. */
export const lessonsTopicStatements = (now: Date): InStatement[] =>
  builtInTopicStatements(
    {
      slug: LESSONS_SLUG,
      title: 'Lessons',
      description: 'Practice tasks of your team’s lessons.',
      order: 999,
      baseTaskXp: 10,
      levelThresholds: [0, 100, 250, 500, 1000],
      minXpPercent: 0.1,
    },
    now,
  )

export type LessonTaskBody =
  | { kind: 'multiple_choice'; prompt: string; choices: string[]; answer: number; explanation: string | null }
  | { kind: 'short_text'; prompt: string; answers: string[]; explanation: string | null }

const choicesOf = (task: LessonTaskBody) => (task.kind === 'multiple_choice' ? JSON.stringify(task.choices) : null)
const answerOf = (task: LessonTaskBody) => JSON.stringify(task.kind === 'multiple_choice' ? task.answer : task.answers)

export const newLessonTaskId = () => `lesson-${ulid().toLowerCase()}`

/** A nugget's new task under "Lessons" (the topic must exist: lessonsTopicStatements). */
export function lessonTaskStatement(input: {
  id: string
  nuggetId: string
  task: LessonTaskBody
  concepts: string[]
  order: number
  active: boolean
  now: Date
}): InStatement {
  const at = toDbTimestamp(input.now)
  return {
    sql: `INSERT INTO "Task" ("id", "topicId", "kind", "prompt", "choices", "answer", "difficulty", "concepts", "explanation", "order", "active",
            "nuggetId", "createdAt", "updatedAt")
          VALUES (?, ${LESSONS_TOPIC}, ?, ?, ?, ?, 'medium', ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      input.id,
      input.task.kind,
      input.task.prompt,
      choicesOf(input.task),
      answerOf(input.task),
      JSON.stringify(input.concepts),
      input.task.explanation,
      input.order,
      input.active ? 1 : 0,
      input.nuggetId,
      at,
      at,
    ],
  }
}

/** Changes a nugget's task (only one of that nugget: the id and the nugget must match). */
export function updateLessonTaskStatement(input: {
  id: string
  nuggetId: string
  task: LessonTaskBody
  now: Date
}): InStatement {
  return {
    sql: `UPDATE "Task" SET "kind" = ?, "prompt" = ?, "choices" = ?, "answer" = ?, "explanation" = ?, "updatedAt" = ?
          WHERE "id" = ? AND "nuggetId" = ?`,
    args: [
      input.task.kind,
      input.task.prompt,
      choicesOf(input.task),
      answerOf(input.task),
      input.task.explanation,
      toDbTimestamp(input.now),
      input.id,
      input.nuggetId,
    ],
  }
}

/**
 * Removes a nugget's task: deleted when nobody answered it; an answered one (its attempts and
 * review cards are history) is retired instead — inactive and no longer the nugget's.
 */
export function removeLessonTaskStatements(id: string, nuggetId: string, now: Date): InStatement[] {
  return [
    {
      sql: `DELETE FROM "Task" WHERE "id" = ? AND "nuggetId" = ?
              AND NOT EXISTS (SELECT 1 FROM "UserTaskAttempt" a WHERE a."taskId" = "Task"."id")
              AND NOT EXISTS (SELECT 1 FROM "ReviewCard" c WHERE c."taskId" = "Task"."id")`,
      args: [id, nuggetId],
    },
    {
      sql: `UPDATE "Task" SET "active" = 0, "nuggetId" = NULL, "updatedAt" = ? WHERE "id" = ? AND "nuggetId" = ?`,
      args: [toDbTimestamp(now), id, nuggetId],
    },
  ]
}

/** A nugget's tasks become practicable (published) or not (unpublished). */
export function nuggetTasksActiveStatement(nuggetId: string, active: boolean, now: Date): InStatement {
  return {
    sql: `UPDATE "Task" SET "active" = ?, "updatedAt" = ? WHERE "nuggetId" = ?`,
    args: [active ? 1 : 0, toDbTimestamp(now), nuggetId],
  }
}
