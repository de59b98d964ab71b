import type { Client } from '@libsql/client'
import { ulid } from 'ulid'

/**
 * A learner's concept mastery as their answers would have left it (learning's ConceptMastery
 * row), for specs about what builds on mastery (team certificates) without answering every task.
 */
export async function seedMastery(
  db: Client,
  userId: string,
  concept: string,
  { level = 'proficient', mastery = 90 }: { level?: 'familiar' | 'proficient' | 'mastered'; mastery?: number } = {},
) {
  const at = new Date().toISOString().replace('Z', '+00:00')
  await db.execute({
    sql: `INSERT INTO "ConceptMastery" ("id", "userId", "concept", "mastery", "level", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT ("userId", "concept") DO UPDATE SET "mastery" = excluded."mastery", "level" = excluded."level", "updatedAt" = excluded."updatedAt"`,
    args: [ulid(), userId, concept, mastery, level, at, at],
  })
}

/** Puts a signed-in learner into a team with a role (invitations have their own spec). */
export async function addToTeam(db: Client, teamId: string, userId: string, role: 'admin' | 'instructor' | 'member') {
  const at = new Date().toISOString().replace('Z', '+00:00')
  await db.execute({
    sql: `INSERT INTO "TeamMember" ("id", "teamId", "userId", "role", "joinedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
    args: [ulid(), teamId, userId, role, at, at, at],
  })
}
