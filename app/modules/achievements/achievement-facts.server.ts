import { databaseReady } from '~/utils/db.server'
import { dateOrNull, numberOrNull, parsedJson, textOrNull } from '~/utils/db/row-values'
import { MASTERY_STEPS, STREAK_KINDS, noFacts, type AchievementFacts } from './criteria'
import type { HeldRow } from './evaluation-plan'

/**
 * Everything the criteria look at for one learner (criteria.ts), and the learner's UserAchievement
 * rows, read in ONE statement over the tables of learning, accounts, quests and challenges (reads only,
 * ADR 0009): evaluation runs after every answer, and one round trip of raw SQL costs a fraction
 * of seven Prisma queries. Quest counts come straight from the Quest table rather than through
 * quests' code, which may depend on achievements one day.
 */
export interface LearnerClock {
  timezone: string
  dayStartHour: number
}

export interface LearnerAchievementState {
  facts: AchievementFacts
  clock: LearnerClock
  /** the learner's UserAchievement rows (in progress, unlocked or revoked), by achievement id */
  held: Map<string, HeldRow>
}

const FACTS_SQL = `
  SELECT u."totalXp", u."timezone", u."dayStartHour",
    (SELECT json_group_array(json_array(p."slug", x."level")) FROM "UserTopicXp" x JOIN "TopicXpConfig" p ON p."id" = x."topicId"
      WHERE x."userId" = u."id") AS "topics",
    (SELECT json_group_array(json_array(s."type", s."longestCount")) FROM "Streak" s WHERE s."userId" = u."id") AS "streaks",
    -- A review is an answer to a card that had been answered before: its log's state (before the review) is not "new".
    (SELECT COUNT(*) FROM "ReviewLog" r WHERE r."userId" = u."id" AND r."state" <> 'new') AS "reviewsDone",
    (SELECT COUNT(*) FROM "Quest" q WHERE q."userId" = u."id" AND q."status" = 'completed') AS "questsCompleted",
    (SELECT json_group_array(json_array(c."level", c."n")) FROM (
      SELECT m."level", COUNT(*) AS "n" FROM "ConceptMastery" m WHERE m."userId" = u."id" GROUP BY m."level") c) AS "concepts",
    (SELECT MIN(e."rank") FROM "LeaderboardEntry" e WHERE e."userId" = u."id" AND e."isFinal" = 1) AS "bestChallengeRank",
    (SELECT json_group_array(json_array(a."id", a."achievementId", a."unlockedAt", a."progressData"))
      FROM "UserAchievement" a WHERE a."userId" = u."id") AS "held"
  FROM "User" u WHERE u."id" = ?`

export async function readAchievementFacts(userId: string): Promise<LearnerAchievementState> {
  const db = await databaseReady()
  const row = (await db.execute({ sql: FACTS_SQL, args: [userId] })).rows[0]
  if (!row) throw new Error(`No user ${userId}`)
  const facts = noFacts()
  facts.totalXp = Number(row.totalXp)
  for (const [slug, level] of parsedJson(row.topics) as Array<[string, number]>) facts.topicLevels[slug] = level
  for (const [type, longest] of parsedJson(row.streaks) as Array<[string, number]>)
    if ((STREAK_KINDS as readonly string[]).includes(type))
      facts.longestStreaks[type as (typeof STREAK_KINDS)[number]] = longest
  facts.reviewsDone = Number(row.reviewsDone)
  facts.questsCompleted = Number(row.questsCompleted)
  // "At least familiar" counts familiar, proficient and mastered concepts.
  for (const [level, count] of parsedJson(row.concepts) as Array<[string, number]>) {
    const rank = MASTERY_STEPS.indexOf(level as (typeof MASTERY_STEPS)[number])
    for (const step of MASTERY_STEPS.slice(0, rank + 1)) facts.conceptsAtLeast[step] += count
  }
  facts.bestChallengeRank = numberOrNull(row.bestChallengeRank)
  const held = new Map<string, HeldRow>()
  for (const [id, achievementId, unlockedAt, progressData] of parsedJson(row.held) as Array<
    [string, string, string | null, string | null]
  >)
    held.set(achievementId, {
      id,
      achievementId,
      unlockedAt: dateOrNull(unlockedAt),
      progressData: parsedJson(textOrNull(progressData)),
    })
  return { facts, clock: { timezone: String(row.timezone), dayStartHour: Number(row.dayStartHour) }, held }
}
