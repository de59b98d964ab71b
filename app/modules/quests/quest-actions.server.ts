import type { ActivityContext } from '~/utils/activity.server'
import type { QuestAction } from './quest-input'
import { type MoveResult, moveQuest, rateQuest } from './quest-moves.server'
import { moveNotice } from './quest-view'
import { addDependency, addStep, moveStep, removeDependency, removeStep, tickStep, updateQuest } from './quests.server'

/**
 * Runs one action of the quest page (or of POST /api/quests/:questId) for the learner: the
 * sentence that tells what happened, and for a status move its result (the route then runs
 * what follows a completion).
 */
export async function runQuestAction(
  userId: string,
  questId: string,
  input: QuestAction,
  now: Date,
  context?: ActivityContext | null,
): Promise<{ notice: string; moved: MoveResult | null }> {
  const done = (notice: string) => ({ notice, moved: null })
  switch (input.intent) {
    case 'edit':
      await updateQuest(userId, questId, input, now)
      return done('The quest was saved.')
    case 'move': {
      const moved = await moveQuest(userId, questId, input.move, now, context)
      return { notice: moveNotice(moved), moved }
    }
    case 'add-step':
      await addStep(userId, questId, { title: input.title, goal: input.goal }, now)
      return done('The step was added.')
    case 'remove-step':
      await removeStep(userId, questId, input.stepId)
      return done('The step was removed.')
    case 'tick-step':
      await tickStep(userId, questId, input.stepId, input.done, now)
      return done(input.done ? 'Step done.' : 'The step is open again.')
    case 'move-step':
      await moveStep(userId, questId, input.stepId, input.direction, now)
      return done(`The step was moved ${input.direction}.`)
    case 'add-dependency':
      await addDependency(userId, questId, input.prerequisiteId, input.type, now)
      return done('The dependency was added.')
    case 'remove-dependency':
      await removeDependency(userId, questId, input.dependencyId)
      return done('The dependency was removed.')
    case 'rate':
      await rateQuest(userId, questId, input, now)
      return done('Thank you for rating this quest.')
  }
}
