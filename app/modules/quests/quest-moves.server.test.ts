import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { Conflict, NotFound } from '~/utils/errors.server'
import { createUser } from '#tests/support/accounts'
import { createPracticeTopic } from '~/modules/learning/testing/practice-fixtures'
import { moveQuest, rateQuest } from './quest-moves.server'
import { PLAIN_QUEST_DAILY_CAP, PLAIN_QUEST_XP } from './quest-xp'
import { tickStep } from './quests.server'
import { T0, answerSingle, at, newQuest, startedQuest } from './testing/fixtures'

const ledger = (userId: string) =>
  prisma.xpLedgerEntry.findMany({ where: { userId, source: 'quest' }, select: { amount: true, sourceId: true } })
const totalXp = async (userId: string) =>
  (await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { totalXp: true } })).totalXp

describe('moving a quest', () => {
  it('follows draft → active → in progress → completed → archived, and logs each step', async () => {
    const user = await createUser()
    const quest = await newQuest(user.id, { draft: 'on' })
    await expect(moveQuest(user.id, quest.id, 'start', T0)).rejects.toBeInstanceOf(Conflict)
    for (const [move, status] of [
      ['activate', 'active'],
      ['start', 'in_progress'],
      ['complete', 'completed'],
      ['reopen', 'in_progress'],
      ['complete', 'completed'],
      ['archive', 'archived'],
    ] as const) {
      expect((await moveQuest(user.id, quest.id, move, at(1))).status).toBe(status)
    }
    await expect(moveQuest(user.id, quest.id, 'reopen', at(2))).rejects.toThrow('archived')
    const log = await prisma.userBehaviorLog.findMany({ where: { userId: user.id }, orderBy: { id: 'asc' } })
    expect(log.map((l) => l.actionType)).toEqual([
      'quest.created',
      'quest.started',
      'quest.completed',
      'quest.reopened',
      'quest.completed',
      'quest.archived',
    ])
  })

  it('never moves another learner’s quest', async () => {
    const [me, other] = [await createUser(), await createUser()]
    const quest = await newQuest(me.id)
    await expect(moveQuest(other.id, quest.id, 'start', T0)).rejects.toBeInstanceOf(NotFound)
    expect((await prisma.quest.findUniqueOrThrow({ where: { id: quest.id } })).status).toBe('active')
  })

  it('records the time spent in progress as the actual duration, over every run, and the analytics', async () => {
    const user = await createUser()
    const quest = await newQuest(user.id, { steps: 'A\nB\nC' })
    await moveQuest(user.id, quest.id, 'start', at(0))
    const step = await prisma.questStep.findFirstOrThrow({
      where: { questId: quest.id },
      orderBy: { orderIndex: 'asc' },
    })
    await tickStep(user.id, quest.id, step.id, true, at(5))
    await moveQuest(user.id, quest.id, 'complete', at(20))
    expect(await prisma.quest.findUniqueOrThrow({ where: { id: quest.id } })).toMatchObject({
      actualDuration: 20,
      completedAt: at(20),
    })
    expect(await prisma.questAnalytics.findFirstOrThrow({ where: { questId: quest.id } })).toMatchObject({
      userId: user.id,
      timeSpentMinutes: 20,
      completionRate: 33.33,
    })
    // paused while completed: a reopen runs the clock again from then
    await moveQuest(user.id, quest.id, 'reopen', at(60))
    await moveQuest(user.id, quest.id, 'complete', at(70))
    expect((await prisma.quest.findUniqueOrThrow({ where: { id: quest.id } })).actualDuration).toBe(30)
    expect((await prisma.questAnalytics.findFirstOrThrow({ where: { questId: quest.id } })).timeSpentMinutes).toBe(30)
  })
})

describe('quest XP', () => {
  it('pays a plain quest the fixed amount once: a reopened and completed again quest pays nothing more', async () => {
    const user = await createUser()
    const quest = await startedQuest(user.id, { difficulty: 'epic' })
    const done = await moveQuest(user.id, quest.id, 'complete', at(1))
    expect(done.paid).toMatchObject({ kind: 'plain', amount: PLAIN_QUEST_XP })
    await moveQuest(user.id, quest.id, 'reopen', at(2))
    expect((await prisma.quest.findUniqueOrThrow({ where: { id: quest.id } })).experiencePoints).toBe(PLAIN_QUEST_XP)
    expect((await moveQuest(user.id, quest.id, 'complete', at(3))).paid).toBeNull()
    expect(await ledger(user.id)).toEqual([{ amount: PLAIN_QUEST_XP, sourceId: quest.id }])
    expect(await totalXp(user.id)).toBe(PLAIN_QUEST_XP)
    expect((await prisma.quest.findUniqueOrThrow({ where: { id: quest.id } })).experiencePoints).toBe(PLAIN_QUEST_XP)
  })

  it('pays once when many completions of one quest arrive at once', async () => {
    const user = await createUser()
    const quest = await startedQuest(user.id)
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => moveQuest(user.id, quest.id, 'complete', at(1))),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(Conflict)
    expect(await ledger(user.id)).toHaveLength(1)
    expect(await totalXp(user.id)).toBe(PLAIN_QUEST_XP)
  })

  it('pays once when completions and reopens of one quest race each other', async () => {
    const user = await createUser()
    const quest = await startedQuest(user.id)
    await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => moveQuest(user.id, quest.id, i % 2 ? 'reopen' : 'complete', at(1))),
    )
    await moveQuest(user.id, quest.id, 'complete', at(2)).catch(() => undefined)
    expect(await ledger(user.id)).toHaveLength(1)
    expect(await totalXp(user.id)).toBe(PLAIN_QUEST_XP)
  })

  it('keeps the daily cap of plain quests, also when they are completed at once', async () => {
    const user = await createUser()
    const quests = []
    for (let i = 0; i < 6; i++) quests.push(await startedQuest(user.id, { title: `Q${i}` }))
    await Promise.all(quests.map((q) => moveQuest(user.id, q.id, 'complete', at(1))))
    const paid = await ledger(user.id)
    expect(paid).toHaveLength(6) // each quest is settled (some with 0 XP) and never pays later
    expect(paid.reduce((sum, e) => sum + e.amount, 0)).toBe(PLAIN_QUEST_DAILY_CAP)
    expect(await totalXp(user.id)).toBe(PLAIN_QUEST_DAILY_CAP)
    // the next learner-local day has a fresh allowance
    const tomorrow = await startedQuest(user.id, { title: 'Tomorrow' }, at(24 * 60))
    expect((await moveQuest(user.id, tomorrow.id, 'complete', at(24 * 60 + 1))).paid?.amount).toBe(PLAIN_QUEST_XP)
  })

  it('pays a learning quest for the learning work done, times the difficulty', async () => {
    const user = await createUser()
    const topic = await createPracticeTopic()
    const quest = await startedQuest(user.id, {
      difficulty: 'hard',
      goalKind: 'answer_tasks',
      goalTopicId: topic.topicId,
      goalCount: '2',
    })
    for (let i = 0; i < 2; i++) await answerSingle(user.id, topic, at(1 + i))
    const { advanceLearningGoals } = await import('./learning-goals.server')
    expect(await advanceLearningGoals(user.id, at(3))).toEqual([
      { questId: quest.id, questTitle: 'Learn fractions', stepTitle: 'Learning goal' },
    ])
    const xpBefore = await totalXp(user.id)
    const done = await moveQuest(user.id, quest.id, 'complete', at(4))
    // 2 answers × 2 work points × 2 (hard)
    expect(done.paid).toMatchObject({ kind: 'learning', amount: 8, work: 4 })
    expect(await totalXp(user.id)).toBe(xpBefore + 8)
    expect((await prisma.quest.findUniqueOrThrow({ where: { id: quest.id } })).experiencePoints).toBe(8)
  })

  it('pays a learning quest whose learning step was not done nothing', async () => {
    const user = await createUser()
    const quest = await startedQuest(user.id, { goalKind: 'clear_reviews' })
    expect((await moveQuest(user.id, quest.id, 'complete', at(1))).paid).toMatchObject({ kind: 'learning', amount: 0 })
  })
})

describe('rating a quest', () => {
  it('is kept in the analytics of a completed quest of the learner', async () => {
    const [me, other] = [await createUser(), await createUser()]
    const quest = await startedQuest(me.id)
    await expect(
      rateQuest(me.id, quest.id, { difficultyRating: 3, satisfactionRating: 4 }, at(1)),
    ).rejects.toBeInstanceOf(Conflict)
    await moveQuest(me.id, quest.id, 'complete', at(1))
    await expect(
      rateQuest(other.id, quest.id, { difficultyRating: 1, satisfactionRating: 1 }, at(2)),
    ).rejects.toBeInstanceOf(NotFound)
    await rateQuest(me.id, quest.id, { difficultyRating: 3, satisfactionRating: 4 }, at(2))
    await rateQuest(me.id, quest.id, { difficultyRating: 2, satisfactionRating: 5 }, at(3))
    expect(await prisma.questAnalytics.findMany({ where: { questId: quest.id } })).toMatchObject([
      { userId: me.id, difficultyRating: 2, satisfactionRating: 5 },
    ])
  })
})
