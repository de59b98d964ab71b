import { prisma } from '~/utils/db.server'
import { MASTERY_STEPS, STREAK_KINDS, noFacts, type AchievementFacts } from './criteria'

/**
 * Everything the criteria look at for one learner (criteria.ts), read in one parallel round of
 * named selects over the tables of learning, accounts and quests (reads only, ADR 0009). Quest
 * counts come straight from the Quest table rather than through quests' code, which may depend
 * on achievements one day.
 */
export interface LearnerClock {
  timezone: string
  dayStartHour: number
}

export async function readAchievementFacts(userId: string): Promise<{ facts: AchievementFacts; clock: LearnerClock }> {
  const [user, topics, streaks, reviewsDone, questsCompleted, concepts] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: userId },
      select: { totalXp: true, timezone: true, dayStartHour: true },
    }),
    prisma.userTopicXp.findMany({ where: { userId }, select: { level: true, topic: { select: { slug: true } } } }),
    prisma.streak.findMany({ where: { userId }, select: { type: true, longestCount: true } }),
    // A review is an answer to a card that had been answered before: its log's state (before the review) is not "new".
    prisma.reviewLog.count({ where: { userId, state: { not: 'new' } } }),
    prisma.quest.count({ where: { userId, status: 'completed' } }),
    prisma.conceptMastery.groupBy({ by: ['level'], where: { userId }, _count: { _all: true } }),
  ])
  const facts = noFacts()
  facts.totalXp = user.totalXp
  for (const t of topics) facts.topicLevels[t.topic.slug] = t.level
  for (const s of streaks)
    if ((STREAK_KINDS as readonly string[]).includes(s.type)) facts.longestStreaks[s.type] = s.longestCount
  facts.reviewsDone = reviewsDone
  facts.questsCompleted = questsCompleted
  // "At least familiar" counts familiar, proficient and mastered concepts.
  for (const group of concepts) {
    const rank = MASTERY_STEPS.indexOf(group.level as (typeof MASTERY_STEPS)[number])
    for (const step of MASTERY_STEPS.slice(0, rank + 1)) facts.conceptsAtLeast[step] += group._count._all
  }
  return { facts, clock: { timezone: user.timezone, dayStartHour: user.dayStartHour } }
}
