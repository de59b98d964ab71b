import { z } from 'zod'

/** What the path builder's forms send (teams.$teamId.paths*.tsx). */
const Id = (message: string) => z.ulid(message)
export const PathId = Id('Choose a path')

export const CreatePath = z.object({
  title: z
    .string({ message: 'Enter a title' })
    .trim()
    .min(2, 'Use at least 2 characters')
    .max(120, 'Use at most 120 characters'),
  description: z
    .string()
    .trim()
    .max(1000, 'Use at most 1000 characters')
    .optional()
    .transform((v) => v || null),
})
export type CreatePathValue = z.infer<typeof CreatePath>

export const AddNode = z.object({ nuggetId: Id('Choose a published nugget') })

export const AddChoice = z.object({
  fromNodeId: Id('Choose the node the choice starts from'),
  label: z.string({ message: 'Enter a label' }).trim().min(1, 'Enter a label').max(120, 'Use at most 120 characters'),
  nextNodeId: Id('Choose the node the choice leads to'),
  /** a practice task of the starting node's nugget; empty = no quick check */
  gateTaskId: z
    .string()
    .optional()
    .transform((v) => v || null),
})
export type AddChoiceValue = z.infer<typeof AddChoice>

export const SetStart = z.object({ nodeId: Id('Choose the start node') })

export const BuilderIntent = z.enum(['add-node', 'add-choice', 'set-start', 'publish', 'unpublish'], {
  message: 'Unknown action: reload the page and try again',
})
export type BuilderIntent = z.infer<typeof BuilderIntent>
export const BuilderForm = z.object({ intent: BuilderIntent })

/** The walker's move: the index of a choice of the current node. */
export const ChooseInput = z.object({
  choice: z.coerce.number({ message: 'Choose where to go next' }).int().min(0, 'Choose where to go next'),
})
