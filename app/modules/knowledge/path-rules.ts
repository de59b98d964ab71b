import { z } from 'zod'

/**
 * Narrative paths (docs/nuggets.md): a node's choices as stored in NarrativeNode.choices, the checks
 * a path must pass before it is published, and which of a node's choices a learner may take.
 */
export const PathChoice = z.object({
  label: z.string().min(1),
  nextNodeId: z.string().min(1),
  condition: z.object({ taskId: z.string().min(1) }).optional(),
})
export type PathChoice = z.infer<typeof PathChoice>

/** A node's stored choices; anything else stored there counts as no choices. */
export function choicesOf(stored: unknown): PathChoice[] {
  const parsed = z.array(PathChoice).safeParse(stored)
  return parsed.success ? parsed.data : []
}

export interface PathNodeFacts {
  id: string
  /** the node's nugget title, to name it in a problem */
  title: string
  choices: PathChoice[]
  /** the practice tasks of the node's nugget: the only tasks that may gate its choices */
  taskIds: string[]
}

/** What keeps a path from being published, each named; empty when it may be. */
export function pathProblems(startNodeId: string | null, nodes: PathNodeFacts[]): string[] {
  if (nodes.length === 0) return ['The path has no nodes yet.']
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const problems: string[] = []
  if (!startNodeId) problems.push('Choose the start node.')
  else if (!byId.has(startNodeId)) problems.push('The start node is not a node of this path.')
  for (const node of nodes)
    for (const choice of node.choices) {
      if (!byId.has(choice.nextNodeId))
        problems.push(`The choice “${choice.label}” of “${node.title}” leads to a node that is not in this path.`)
      if (choice.condition && !node.taskIds.includes(choice.condition.taskId))
        problems.push(`The quick check of “${choice.label}” is not a practice task of “${node.title}”.`)
    }
  if (startNodeId && byId.has(startNodeId)) {
    const reached = new Set([startNodeId])
    const queue = [startNodeId]
    while (queue.length) {
      for (const choice of byId.get(queue.shift()!)!.choices)
        if (byId.has(choice.nextNodeId) && !reached.has(choice.nextNodeId)) {
          reached.add(choice.nextNodeId)
          queue.push(choice.nextNodeId)
        }
    }
    for (const node of nodes)
      if (!reached.has(node.id)) problems.push(`“${node.title}” cannot be reached from the start node.`)
  }
  return problems
}

export interface ChoiceView {
  index: number
  label: string
  nextNodeId: string
  /** the quick check that gates it, if any */
  taskId: string | null
  open: boolean
}

/** Each choice with whether it is open: ungated ones always, gated ones once their task was answered right. */
export function openChoices(choices: PathChoice[], answeredRight: ReadonlySet<string>): ChoiceView[] {
  return choices.map((choice, index) => ({
    index,
    label: choice.label,
    nextNodeId: choice.nextNodeId,
    taskId: choice.condition?.taskId ?? null,
    open: !choice.condition || answeredRight.has(choice.condition.taskId),
  }))
}
