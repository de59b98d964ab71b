import type { QuestStatus } from '~/generated/prisma/client'
import type { MoveResult } from './quest-moves.server'
import { STATUS_LABEL } from './quest-rules'

/** Shaping quests for their pages (pure). */

/** The statuses in board order, each with its quests (empty columns too, so the board keeps its shape). */
export function boardByStatus<Q extends { status: QuestStatus }>(
  quests: readonly Q[],
  statuses: readonly QuestStatus[],
) {
  return statuses.map((status) => ({
    status,
    label: STATUS_LABEL[status],
    quests: quests.filter((q) => q.status === status),
  }))
}

export interface Unlocked {
  name: string
  icon: string | null
  rarity: string
}

/** The notice after a status move: what it paid, learning steps it ticked, achievements it unlocked. */
export function moveNotice(result: Pick<MoveResult, 'status' | 'paid' | 'ticked'>, unlocked: readonly Unlocked[] = []) {
  const parts: string[] = []
  switch (result.status) {
    case 'completed':
      parts.push(
        result.paid
          ? `Quest completed: +${result.paid.amount} XP.`
          : 'Quest completed again: its XP was paid the first time.',
      )
      break
    case 'in_progress':
      parts.push('Quest in progress.')
      break
    case 'archived':
      parts.push('Quest archived.')
      break
    default:
      parts.push(`Quest is now ${STATUS_LABEL[result.status].toLowerCase()}.`)
  }
  for (const step of result.ticked) parts.push(`Learning step done: ${step.stepTitle}.`)
  for (const a of unlocked) parts.push(`Achievement unlocked: ${a.icon ? `${a.icon} ` : ''}${a.name} (${a.rarity})!`)
  return parts.join(' ')
}
