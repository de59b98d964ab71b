import { describe, expect, it } from 'vitest'
import type { CardState, MasteryLevel, QuestStatus } from '~/generated/prisma/client'
import { addXp, createSubject, setClock } from '~/modules/learning/testing/read-side'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { readAchievementFacts } from './achievement-facts.server'
import { noFacts } from './criteria'

async function reviewLogs(userId: string, taskId: string, topicId: string, states: CardState[]) {
  const card = await prisma.reviewCard.create({ data: { userId, taskId, topicId }, select: { id: true } })
  for (const state of states)
    await prisma.reviewLog.create({
      data: {
        cardId: card.id,
        userId,
        rating: 3,
        state,
        due: new Date(),
        stability: 1,
        difficulty: 5,
        elapsedDays: 0,
        lastElapsedDays: 0,
        scheduledDays: 1,
        learningSteps: 0,
        review: new Date(),
      },
      select: { id: true },
    })
}

const quest = (userId: string, status: QuestStatus) =>
  prisma.quest.create({
    data: { userId, title: `A ${status} quest`, estimatedDuration: 10, status },
    select: { id: true },
  })
const mastery = (userId: string, concept: string, level: MasteryLevel) =>
  prisma.conceptMastery.create({ data: { userId, concept, level, mastery: 0 }, select: { id: true } })

describe('readAchievementFacts', () => {
  it('answers nothing-yet facts and the learner’s clock for a new learner', async () => {
    const user = await createUser()
    await setClock(user.id, 'Pacific/Auckland', 6)
    expect(await readAchievementFacts(user.id)).toEqual({
      facts: noFacts(),
      clock: { timezone: 'Pacific/Auckland', dayStartHour: 6 },
      held: new Map(),
    })
  })

  it('reads XP, topic levels by slug, longest streaks, reviews, completed quests and concepts by step — the learner’s own only', async () => {
    const [me, other] = [await createUser(), await createUser()]
    const subject = await createSubject({ topics: 2 })
    const [a, b] = subject.topics as [(typeof subject.topics)[0], (typeof subject.topics)[0]]
    await addXp(me.id, '2026-03-01', 120)
    await addXp(other.id, '2026-03-01', 999)
    await prisma.userTopicXp.create({ data: { userId: me.id, topicId: a.id, level: 3 } })
    await prisma.userTopicXp.create({ data: { userId: me.id, topicId: b.id, level: 1 } })
    await prisma.userTopicXp.create({ data: { userId: other.id, topicId: b.id, level: 5 } })
    for (const [type, longestCount] of [
      ['daily', 9],
      ['weekly', 2],
    ] as const)
      await prisma.streak.create({
        data: {
          userId: me.id,
          type,
          currentCount: 1,
          longestCount,
          startDate: '2026-03-01',
          lastActivityDate: '2026-03-01',
        },
      })
    await reviewLogs(me.id, a.taskIds[0]!, a.id, ['new', 'learning', 'review', 'relearning'])
    await reviewLogs(me.id, a.taskIds[1]!, a.id, ['new'])
    await reviewLogs(other.id, a.taskIds[0]!, a.id, ['new', 'review'])
    for (const status of ['completed', 'completed', 'in_progress', 'archived'] as const) await quest(me.id, status)
    await quest(other.id, 'completed')
    for (const [concept, level] of [
      ['c1', 'not_started'],
      ['c2', 'attempted'],
      ['c3', 'familiar'],
      ['c4', 'proficient'],
      ['c5', 'mastered'],
      ['c6', 'mastered'],
    ] as const)
      await mastery(me.id, concept, level)
    await mastery(other.id, 'c1', 'mastered')

    const { facts } = await readAchievementFacts(me.id)
    expect(facts).toEqual({
      totalXp: 120,
      topicLevels: { [a.slug]: 3, [b.slug]: 1 },
      longestStreaks: { daily: 9, weekly: 2, monthly: 0 },
      reviewsDone: 3,
      questsCompleted: 2,
      conceptsAtLeast: { attempted: 5, familiar: 4, proficient: 3, mastered: 2 },
      bestChallengeRank: null,
    })
  })
})
