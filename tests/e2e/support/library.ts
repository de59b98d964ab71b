import type { Client } from '@libsql/client'
import { ulid } from 'ulid'

const sqlDate = (date: Date) => date.toISOString().replace('Z', '+00:00')

/**
 * A ready document of the platform library (readable by every learner) of one passage under one
 * heading, written straight into the e2e server's database; a word of the test's own in the passage
 * makes the tutor and search find this passage and no other.
 */
export async function libraryDocument(
  db: Client,
  doc: { title: string; source: string; heading: string; passage: string },
): Promise<{ title: string; passage: string }> {
  const id = ulid()
  const at = sqlDate(new Date())
  const metadata = { heading: doc.heading, section: null, page: null, charStart: 0, charEnd: doc.passage.length }
  await db.batch(
    [
      {
        sql: `INSERT INTO "Document" ("id", "teamId", "title", "source", "content", "status", "createdAt", "updatedAt")
              VALUES (?, NULL, ?, ?, ?, 'ready', ?, ?)`,
        args: [id, doc.title, doc.source, doc.passage, at, at],
      },
      {
        sql: `INSERT INTO "DocumentChunk" ("id", "documentId", "chunkType", "chunkIndex", "content", "metadata", "tokenCount", "createdAt", "updatedAt")
              VALUES (?, ?, 'text', 0, ?, ?, ?, ?, ?)`,
        args: [ulid(), id, doc.passage, JSON.stringify(metadata), doc.passage.split(/\s+/).length, at, at],
      },
    ],
    'write',
  )
  return { title: doc.title, passage: doc.passage }
}
