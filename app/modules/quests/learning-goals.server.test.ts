import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { createPracticeTopic } from '~/modules/learning/testing/practice-fixtures'
import { advanceLearningGoals } from './learning-goals.server'
import { moveQuest } from './quest-moves.server'
import { T0, answerSingle, at, newQuest, startedQuest } from './testing/fixtures'

/** The learning step: the form's goal fields add it as the last step. */
const stepOf = (questId: string) =>
  prisma.questStep.findFirstOrThrow({ where: { questId }, orderBy: { orderIndex: 'desc' } })

describe('learning steps tick themselves', () => {
  it('answer N tasks: counts correct answers in the topic since the step was made', async () => {
    const user = await createUser()
    const topic = await createPracticeTopic({ title: 'Cats' })
    const other = await createPracticeTopic()
    await answerSingle(user.id, topic, T0) // before the quest: does not count
    const quest = await startedQuest(
      user.id,
      {
        title: 'Cat facts',
        goalKind: 'answer_tasks',
        goalTopicId: topic.topicId,
        goalCount: '2',
        goalTitle: 'Two cats',
      },
      at(1),
    )
    expect((await stepOf(quest.id)).completed).toBe(false)
    await answerSingle(user.id, topic, at(2))
    await answerSingle(user.id, topic, at(3), false) // wrong: does not count
    await answerSingle(user.id, other, at(4)) // another topic: does not count
    expect(await advanceLearningGoals(user.id, at(5))).toEqual([])
    await answerSingle(user.id, topic, at(6))
    expect(await advanceLearningGoals(user.id, at(7))).toEqual([
      { questId: quest.id, questTitle: 'Cat facts', stepTitle: 'Two cats' },
    ])
    expect(await stepOf(quest.id)).toMatchObject({ completed: true, completedAt: at(7) })
    // once only
    expect(await advanceLearningGoals(user.id, at(8))).toEqual([])
  })

  it('only in quests in progress; starting a quest checks its goals at once', async () => {
    const user = await createUser()
    const topic = await createPracticeTopic()
    const quest = await newQuest(user.id, { goalKind: 'answer_tasks', goalTopicId: topic.topicId, goalCount: '1' }, T0)
    await answerSingle(user.id, topic, at(1))
    expect(await advanceLearningGoals(user.id, at(2))).toEqual([])
    const started = await moveQuest(user.id, quest.id, 'start', at(3))
    expect(started.ticked).toHaveLength(1)
    expect((await stepOf(quest.id)).completed).toBe(true)
  })

  it('reach level L: ticks when the topic level is reached; a level held already counts no work', async () => {
    const user = await createUser()
    const topic = await createPracticeTopic() // level thresholds 0, 20, 60, 500
    const quest = await startedQuest(user.id, { goalKind: 'topic_level', goalTopicId: topic.topicId, goalLevel: '2' })
    expect((await stepOf(quest.id)).goal).toMatchObject({ kind: 'topic_level', level: 2, baseline: 1 })
    for (let i = 0; i < 10; i++) {
      await answerSingle(user.id, topic, at(24 * 60 * i + 1))
      const level = (await prisma.userTopicXp.findFirst({ where: { userId: user.id, topicId: topic.topicId } }))?.level
      const ticked = await advanceLearningGoals(user.id, at(24 * 60 * i + 2))
      if (level && level >= 2) {
        expect(ticked).toHaveLength(1)
        break
      }
      expect(ticked).toEqual([])
    }
    expect((await stepOf(quest.id)).completed).toBe(true)
  })

  it('mastery Proficient in a concept: ticks only at proficient or better', async () => {
    const user = await createUser()
    const quest = await startedQuest(user.id, { goalKind: 'concept_mastery', goalConcept: 'fractions.add' })
    expect((await stepOf(quest.id)).goal).toMatchObject({ baseline: 0 })
    const mastery = (level: 'familiar' | 'proficient', value: number) =>
      prisma.conceptMastery.upsert({
        where: { userId_concept: { userId: user.id, concept: 'fractions.add' } },
        create: { userId: user.id, concept: 'fractions.add', mastery: value, level },
        update: { mastery: value, level },
      })
    await mastery('familiar', 60)
    expect(await advanceLearningGoals(user.id, at(1))).toEqual([])
    await mastery('proficient', 85)
    expect(await advanceLearningGoals(user.id, at(2))).toHaveLength(1)
  })

  it('clear today’s reviews: needs a review answered since, and nothing due', async () => {
    const user = await createUser()
    const topic = await createPracticeTopic()
    await answerSingle(user.id, topic, T0) // a new card, due later
    const quest = await startedQuest(user.id, { goalKind: 'clear_reviews' }, at(1))
    // nothing due, but no review done: an empty queue alone is no work
    expect(await advanceLearningGoals(user.id, at(2))).toEqual([])
    const card = await prisma.reviewCard.findFirstOrThrow({ where: { userId: user.id } })
    await prisma.reviewCard.update({ where: { id: card.id }, data: { due: at(3) } })
    const inTwoDays = at(2 * 24 * 60)
    await answerSingle(user.id, topic, inTwoDays) // the due review, answered
    expect(await advanceLearningGoals(user.id, new Date(inTwoDays.getTime() + 1000))).toEqual([
      { questId: quest.id, questTitle: 'Learn fractions', stepTitle: 'Learning goal' },
    ])
  })

  it('never another learner’s steps', async () => {
    const [me, other] = [await createUser(), await createUser()]
    const topic = await createPracticeTopic()
    const quest = await startedQuest(other.id, { goalKind: 'answer_tasks', goalTopicId: topic.topicId, goalCount: '1' })
    await answerSingle(me.id, topic, at(1))
    expect(await advanceLearningGoals(me.id, at(2))).toEqual([])
    expect(await advanceLearningGoals(other.id, at(2))).toEqual([])
    expect((await stepOf(quest.id)).completed).toBe(false)
  })
})
