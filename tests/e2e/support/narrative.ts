import type { Client } from '@libsql/client'
import { ulid } from 'ulid'

/**
 * A team with a published narrative path of three steps (knowledge's NarrativePath/NarrativeNode,
 * the nuggets published as docs/nuggets.md says), written straight into the e2e database:
 *   Welcome —“Continue”→ Halves —“Finish” (quick check: the Halves practice task)→ Done.
 * The quick check is a multiple-choice task under the synced `fractions` topic; its right option
 * is returned, so the spec never reads the answer from the page.
 */
export interface SeededPath {
  teamId: string
  pathId: string
  title: string
  steps: [string, string, string]
  quickCheck: { prompt: string; right: string; wrong: string }
}

const sqlDate = (date: Date) => date.toISOString().replace('Z', '+00:00')

export async function seedNarrativePath(db: Client, learnerId: string, tag: string): Promise<SeededPath> {
  const at = sqlDate(new Date())
  const teamId = ulid()
  const pathId = ulid()
  const title = `Fraction trail ${tag}`
  const steps: SeededPath['steps'] = [`Welcome ${tag}`, `Halves ${tag}`, `Done ${tag}`]
  const nuggets = steps.map(() => ulid())
  const nodes = steps.map(() => ulid())
  const taskId = `nugget.${nuggets[1]}.check`
  const topic = await db.execute({ sql: `SELECT "id" FROM "TopicXpConfig" WHERE "slug" = 'fractions'`, args: [] })
  const topicId = String(topic.rows[0]!.id)
  const quickCheck = { prompt: `Which fraction is one half? (${tag})`, right: '2/4', wrong: '1/3' }
  const published = JSON.stringify({ keyPoints: ['Two equal parts make halves.'], concepts: [], publishedAt: at })
  await db.batch(
    [
      {
        sql: `INSERT INTO "Team" ("id", "name", "seatLimit", "createdAt", "updatedAt") VALUES (?, ?, 20, ?, ?)`,
        args: [teamId, `Trail team ${tag}`, at, at],
      },
      {
        sql: `INSERT INTO "TeamMember" ("id", "teamId", "userId", "role", "joinedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, 'member', ?, ?, ?)`,
        args: [ulid(), teamId, learnerId, at, at, at],
      },
      ...steps.map((step, i) => ({
        sql: `INSERT INTO "Nugget" ("id", "teamId", "title", "content", "metadata", "status", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, 'ready', ?, ?)`,
        args: [nuggets[i]!, teamId, step, `This is the lesson ${step}.`, published, at, at],
      })),
      {
        sql: `INSERT INTO "Task" ("id", "topicId", "kind", "prompt", "choices", "answer", "concepts", "explanation", "order", "active", "nuggetId", "createdAt", "updatedAt")
              VALUES (?, ?, 'multiple_choice', ?, ?, '0', '[]', 'Two quarters are one half.', 1000, 1, ?, ?, ?)`,
        args: [
          taskId,
          topicId,
          quickCheck.prompt,
          JSON.stringify([quickCheck.right, quickCheck.wrong, '3/4']),
          nuggets[1]!,
          at,
          at,
        ],
      },
      {
        sql: `INSERT INTO "NarrativePath" ("id", "teamId", "title", "description", "startNodeId", "publishedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, 'Three short steps.', ?, ?, ?, ?)`,
        args: [pathId, teamId, title, nodes[0]!, at, at, at],
      },
      ...[
        [{ label: 'Continue', nextNodeId: nodes[1] }],
        [{ label: 'Finish', nextNodeId: nodes[2], condition: { taskId } }],
        [],
      ].map((choices, i) => ({
        sql: `INSERT INTO "NarrativeNode" ("id", "teamId", "pathId", "nuggetId", "choices", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
        args: [nodes[i]!, teamId, pathId, nuggets[i]!, JSON.stringify(choices), at, at],
      })),
    ],
    'write',
  )
  return { teamId, pathId, title, steps, quickCheck }
}
