import { ulid } from 'ulid'
import { answerTask } from '~/modules/learning/practice.server'
import { SECRET, type PracticeTopicFixture } from '~/modules/learning/testing/practice-fixtures'
import { QuestCreate } from '../quest-input'
import { moveQuest } from '../quest-moves.server'
import { createQuest } from '../quests.server'

/** Test fixtures for the quests module (used by its tests and the quest route tests only). */
export const T0 = new Date('2026-03-02T10:00:00Z')
export const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)

/** A quest made the way the create form makes one (zod input), `active` unless `draft`. */
export async function newQuest(userId: string, fields: Record<string, unknown> = {}, now = T0) {
  const input = QuestCreate.parse({
    title: 'Learn fractions',
    difficulty: 'medium',
    priority: 'medium',
    estimatedDuration: '30',
    ...fields,
  })
  return createQuest(userId, input, now)
}

/** A quest moved to in_progress. */
export async function startedQuest(userId: string, fields: Record<string, unknown> = {}, now = T0) {
  const quest = await newQuest(userId, fields, now)
  await moveQuest(userId, quest.id, 'start', now)
  return quest
}

/** A correct (or wrong) answer of the fixture topic's single-choice task. */
export function answerSingle(userId: string, topic: PracticeTopicFixture, now: Date, right = true) {
  return answerTask(
    userId,
    {
      taskId: topic.tasks.single,
      attemptId: ulid(),
      answer: right ? SECRET.single.right : SECRET.single.wrong,
      hintUsed: false,
    },
    { topicId: topic.topicId, now },
  )
}
