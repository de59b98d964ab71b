import type { InStatement } from '@libsql/client'
import { toDbTimestamp } from '~/utils/db.server'
import { ulid } from '~/utils/ulid.server'

/**
 * A subject with its one topic (same slug and title) that the app makes itself and no content
 * file defines — "Your notes" (own-tasks.server.ts), "Lessons" (lesson-tasks.server.ts); the
 * content sync leaves them alone.
 */
export interface BuiltInTopic {
  slug: string
  title: string
  description: string
  /** the subject's place among the subjects */
  order: number
  baseTaskXp: number
  levelThresholds: number[]
  minXpPercent: number
}

/** Creates the subject and topic unless they exist (changes nothing otherwise); part of the batch of a task under it. */
export function builtInTopicStatements(topic: BuiltInTopic, now: Date): InStatement[] {
  const at = toDbTimestamp(now)
  return [
    {
      sql: `INSERT INTO "Subject" ("id", "slug", "title", "description", "order", "active", "createdAt", "updatedAt")
            VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT ("slug") DO NOTHING`,
      args: [ulid(), topic.slug, topic.title, topic.description, topic.order, at, at],
    },
    {
      sql: `INSERT INTO "TopicXpConfig" ("id", "slug", "title", "subjectId", "description", "maxXp", "baseTaskXp", "levelThresholds",
              "minXpPercent", "reviewIntervals", "tags", "scheduler", "order", "active", "createdAt", "updatedAt")
            VALUES (?, ?, ?, (SELECT "id" FROM "Subject" WHERE "slug" = ?), ?, 1000, ?, ?, ?, '[1,3,7,14,30]', '[]', 'fsrs', 0, 1, ?, ?)
            ON CONFLICT ("slug") DO NOTHING`,
      args: [
        ulid(),
        topic.slug,
        topic.title,
        topic.slug,
        topic.description,
        topic.baseTaskXp,
        JSON.stringify(topic.levelThresholds),
        topic.minXpPercent,
        at,
        at,
      ],
    },
  ]
}
