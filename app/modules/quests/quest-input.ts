import { z } from 'zod'
import { StepGoal } from './step-goal'

/**
 * What the quest forms and the quest APIs receive, validated the same way by every route. A
 * form sends strings (steps one per line, checkboxes joined by commas, a learning goal as flat
 * `goal…` fields); a JSON client may send numbers, arrays and a `goal` object instead.
 */
export const DIFFICULTIES = ['easy', 'medium', 'hard', 'epic'] as const
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const
export const STATUSES = ['draft', 'active', 'in_progress', 'completed', 'archived'] as const
export const DEPENDENCY_TYPES = ['sequential', 'resource', 'time'] as const
export const MOVES = ['activate', 'start', 'complete', 'reopen', 'archive'] as const
export const MAX_STEPS = 50
export const MAX_TAGS = 20

const Id = (message: string) => z.ulid(message).transform((id) => id.toUpperCase())
export const QuestId = Id('Choose a quest')
const StepId = Id('Choose a step')
const LabelId = (message: string) => Id(message)

/** "" (an empty select) and absent both mean "none". */
const emptyToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value)

const WholeNumber = (min: number, max: number, message: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
    z.number({ message }).int(message).min(min, message).max(max, message),
  )

export const QuestTitle = z
  .string({ message: 'Give the quest a title' })
  .trim()
  .min(1, 'Give the quest a title')
  .max(120, 'Use at most 120 characters')
const Description = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    .optional()
    .transform((v) => v || null)
const Difficulty = z.enum(DIFFICULTIES, { message: 'Choose a difficulty: easy, medium, hard or epic' })
const Priority = z.enum(PRIORITIES, { message: 'Choose a priority: low, medium, high or urgent' })
const EstimatedDuration = WholeNumber(1, 1440, 'Give an estimate from 1 to 1440 minutes (24 hours)')
const CategoryId = z.preprocess(emptyToUndefined, LabelId('Choose one of your categories').optional())
const TagIds = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : (value ?? [])),
  z.array(LabelId('Choose tags from your list')).max(MAX_TAGS, `Choose at most ${MAX_TAGS} tags`),
)
const StepTitle = z
  .string({ message: 'Give the step a title' })
  .trim()
  .min(1, 'Give the step a title')
  .max(200, 'A step title has at most 200 characters')

/** A step as the API sends it (a title, or a title with a goal). */
const StepInput = z.preprocess(
  (value) => (typeof value === 'string' ? { title: value } : value),
  z.object({ title: StepTitle, goal: StepGoal.nullable().optional().default(null) }),
)
/** Steps: one per line of a form's text area, or a JSON array. */
const Steps = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter(Boolean)
      : (value ?? []),
  z.array(StepInput).max(MAX_STEPS, `A quest has at most ${MAX_STEPS} steps`),
)

/** "on" from a ticked checkbox, true from JSON. */
const Flag = z.preprocess((value) => value === true || value === 'on' || value === 'true' || value === '1', z.boolean())

/**
 * A form's flat learning-goal fields (`goalKind`, `goalTopicId`, `goalCount`, `goalLevel`,
 * `goalConcept`) as the `goal` object; an empty `goalKind` is no goal. JSON may send `goal`.
 */
function withGoal(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value
  const v = value as Record<string, unknown>
  if (v.goal !== undefined || v.goalKind === undefined) return v
  if (v.goalKind === '') return { ...v, goal: null }
  return {
    ...v,
    goal: {
      kind: v.goalKind,
      topicId: emptyToUndefined(v.goalTopicId),
      count: emptyToUndefined(v.goalCount),
      level: emptyToUndefined(v.goalLevel),
      concept: emptyToUndefined(v.goalConcept),
      mastery: 'proficient',
    },
  }
}

/** The fields of a quest a learner edits. */
export const QuestFields = {
  title: QuestTitle,
  description: Description(2000),
  difficulty: Difficulty,
  priority: Priority,
  estimatedDuration: EstimatedDuration,
  categoryId: CategoryId,
  tagIds: TagIds,
}
export const QuestEdit = z.object(QuestFields)
export type QuestEdit = z.output<typeof QuestEdit>

/** A new quest: its fields, its steps (plus one learning step from the form's goal fields) and whether it stays a draft. */
export const QuestCreate = z.preprocess(
  withGoal,
  z
    .object({
      ...QuestFields,
      steps: Steps,
      goal: StepGoal.nullable().optional(),
      goalTitle: z.preprocess(emptyToUndefined, StepTitle.optional()),
      draft: Flag,
    })
    .transform(({ goal, goalTitle, steps, ...rest }) => ({
      ...rest,
      steps: goal ? [...steps, { title: goalTitle ?? 'Learning goal', goal }] : steps,
    }))
    .refine((quest) => quest.steps.length <= MAX_STEPS, {
      message: `A quest has at most ${MAX_STEPS} steps`,
      path: ['steps'],
    }),
)
export type QuestCreate = z.output<typeof QuestCreate>
export type NewStep = QuestCreate['steps'][number]

const Rating = (what: string) => WholeNumber(1, 5, `Rate the ${what} from 1 to 5`)

/** The forms of the quest page (and the POST body of /api/quests/:questId), one per `intent`. */
export const QuestActions = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('edit'), ...QuestFields }),
    z.object({ intent: z.literal('move'), move: z.enum(MOVES, { message: 'Unknown status change' }) }),
    z.object({ intent: z.literal('add-step'), title: StepTitle, goal: StepGoal.nullable().optional().default(null) }),
    z.object({ intent: z.literal('remove-step'), stepId: StepId }),
    z.object({ intent: z.literal('tick-step'), stepId: StepId, done: Flag }),
    z.object({
      intent: z.literal('move-step'),
      stepId: StepId,
      direction: z.enum(['up', 'down'], { message: 'Move a step up or down' }),
    }),
    z.object({
      intent: z.literal('add-dependency'),
      prerequisiteId: Id('Choose the quest this one needs'),
      type: z.enum(DEPENDENCY_TYPES, { message: 'Choose sequential, resource or time' }).default('sequential'),
    }),
    z.object({ intent: z.literal('remove-dependency'), dependencyId: Id('Choose a dependency') }),
    z.object({
      intent: z.literal('rate'),
      difficultyRating: Rating('difficulty'),
      satisfactionRating: Rating('quest'),
    }),
  ],
  { message: 'Unknown action: reload the page and try again' },
)
/** QuestActions, with a form's flat goal fields read as `goal`. */
export const QuestAction = z.preprocess(withGoal, QuestActions)
export type QuestAction = z.output<typeof QuestActions>

/** The list's filters (query string); an unknown value is no filter. */
export const QuestFilters = z.object({
  status: z.enum(STATUSES).optional().catch(undefined),
  priority: z.enum(PRIORITIES).optional().catch(undefined),
  categoryId: z.ulid().optional().catch(undefined),
  tagId: z.ulid().optional().catch(undefined),
})
export type QuestFilters = z.output<typeof QuestFilters>

// ─── Categories and tags ────────────────────────────────────────────────────

export const Colour = z
  .string({ message: 'Choose a colour like #3B82F6' })
  .trim()
  .regex(/^#[0-9A-Fa-f]{6}$/, 'Choose a colour like #3B82F6')
  .transform((c) => c.toUpperCase())
const LabelName = (max: number) =>
  z.string({ message: 'Give it a name' }).trim().min(1, 'Give it a name').max(max, `Use at most ${max} characters`)

const CategoryFields = { name: LabelName(100), color: Colour, description: Description(500) }
const TagFields = { name: LabelName(50), color: Colour }
const CategoryRef = LabelId('Choose a category')
const TagRef = LabelId('Choose a tag')

export const LabelAction = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('create-category'), ...CategoryFields }),
    z.object({ intent: z.literal('update-category'), categoryId: CategoryRef, ...CategoryFields }),
    z.object({ intent: z.literal('delete-category'), categoryId: CategoryRef }),
    z.object({ intent: z.literal('create-tag'), ...TagFields }),
    z.object({ intent: z.literal('update-tag'), tagId: TagRef, ...TagFields }),
    z.object({ intent: z.literal('delete-tag'), tagId: TagRef }),
  ],
  { message: 'Unknown action: reload the page and try again' },
)
export type LabelAction = z.output<typeof LabelAction>
export type CategoryInput = { name: string; color: string; description: string | null }
export type TagInput = { name: string; color: string }

// ─── Team assignment ────────────────────────────────────────────────────────

/** "YYYY-MM-DD" from a date input; empty is no due date. */
const DueDay = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the due date as a day, e.g. 2026-05-01')
    .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), 'Give a real day, e.g. 2026-05-01')
    .optional(),
)

export const QuestAssign = z.preprocess(
  withGoal,
  z
    .object({
      intent: z.literal('assign', { message: 'Unknown action: reload the page and try again' }),
      title: QuestTitle,
      description: Description(2000),
      difficulty: Difficulty,
      priority: Priority,
      estimatedDuration: EstimatedDuration,
      steps: Steps,
      goal: StepGoal.nullable().optional(),
      goalTitle: z.preprocess(emptyToUndefined, StepTitle.optional()),
      dueDay: DueDay,
      memberIds: z.preprocess(
        (value) => (typeof value === 'string' ? value.split(',').filter(Boolean) : (value ?? [])),
        z.array(Id('Choose members of the team')).min(1, 'Choose at least one member').max(500),
      ),
    })
    .transform(({ goal, goalTitle, steps, ...rest }) => ({
      ...rest,
      steps: goal ? [...steps, { title: goalTitle ?? 'Learning goal', goal }] : steps,
    })),
)
export type QuestAssign = z.output<typeof QuestAssign>
