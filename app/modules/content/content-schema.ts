/**
 * The content files (docs/content.md): content/<subject>/subject.json,
 * content/<subject>/<topic>/config.json and .../tasks.json. Pure: validates
 * parsed JSON and names the field that is wrong ("[3].answer", "levelThresholds[2]").
 */
import { z } from 'zod'
import { normaliseText } from './answer-check'

export const TASK_KINDS = ['multiple_choice', 'numeric', 'short_text'] as const
export const TASK_DIFFICULTIES = ['easy', 'medium', 'hard'] as const
export const SCHEDULERS = ['fsrs', 'stages'] as const

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const TASK_ID = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/
const CONCEPT = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$/

/** A message for a wrong value; a missing one is reported as "is required". */
const expect = (message: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message) })

const slug = z.string(expect('must be a string')).regex(SLUG, 'must be lower-case letters, digits and single dashes, e.g. "negative-numbers"')
const text = (max: number) =>
  z
    .string(expect('must be a string'))
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .refine((s) => s.length <= max, `must be at most ${max} characters`)
const int = (min: number) => z.int(expect('must be a whole number')).min(min, `must be at least ${min}`)
const fraction = z.number(expect('must be a number')).min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1')
const multiplier = z.number(expect('must be a number')).min(0, 'must be at least 0').max(10, 'must be at most 10')
const order = int(0).default(0)

const OBJECT = expect('must be an object { ... }')

export const SubjectFileSchema = z.strictObject(
  {
    slug,
    title: text(80),
    description: text(500).optional(),
    order,
  },
  OBJECT,
)

/** Numeric defaults are those of prisma/schema/content.prisma, applied when config.json omits a value. */
export const TopicConfigSchema = z
  .strictObject(
    {
      slug,
      title: text(80),
      category: text(60).optional(),
      description: text(500).optional(),
      difficulty: text(40).optional(),
      maxXp: int(1).default(1000),
      baseTaskXp: int(0).default(10),
      dailyFullTasks: int(0).default(10),
      dailyHalfTasks: int(0).default(10),
      multiplierFull: multiplier.default(1),
      multiplierHalf: multiplier.default(0.5),
      multiplierLow: multiplier.default(0.1),
      multiplierEarly: fraction.default(0.5),
      levelThresholds: z.array(int(0), expect('must be a list of whole numbers')).min(1, 'must list at least one threshold (0)'),
      dailyXpDecay: fraction.default(0),
      minXpPercent: fraction.default(0.1),
      reviewIntervals: z.array(int(1), expect('must be a list of whole numbers of days')).default([]),
      tags: z.array(text(40), expect('must be a list of strings')).default([]),
      scheduler: z.enum(SCHEDULERS, expect('must be "fsrs" or "stages"')).default('fsrs'),
      order,
    },
    OBJECT,
  )
  .superRefine((config, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message })
    const thresholds = config.levelThresholds
    if (thresholds[0] !== 0) issue(['levelThresholds', 0], 'must be 0 (the first threshold is where levels start)')
    thresholds.forEach((value, i) => {
      const previous = thresholds[i - 1]
      if (i > 0 && previous !== undefined && value <= previous) issue(['levelThresholds', i], `must be greater than the one before (${previous})`)
      if (value > config.maxXp) issue(['levelThresholds', i], `${value} is above maxXp (${config.maxXp}), so that level could never be reached`)
    })
    config.reviewIntervals.forEach((value, i) => {
      const previous = config.reviewIntervals[i - 1]
      if (i > 0 && previous !== undefined && value <= previous) issue(['reviewIntervals', i], `must be longer than the one before (${previous} days)`)
    })
    if (config.scheduler === 'stages' && config.reviewIntervals.length === 0) {
      issue(['reviewIntervals'], 'must list the stage intervals in days (e.g. [1, 3, 7, 14, 30]) when scheduler is "stages"')
    }
    if (config.multiplierHalf > config.multiplierFull) issue(['multiplierHalf'], `must not be above multiplierFull (${config.multiplierFull})`)
    if (config.multiplierLow > config.multiplierHalf) issue(['multiplierLow'], `must not be above multiplierHalf (${config.multiplierHalf})`)
    duplicates(config.tags).forEach(([i, first]) => issue(['tags', i], `repeats tags[${first}]`))
  })

const TaskSchema = z
  .strictObject(
    {
      id: z
        .string(expect('must be a string'))
        .regex(TASK_ID, 'must be lower-case letters and digits joined by ".", "-" or "_", e.g. "math.fractions.add-001"')
        .max(100, 'must be at most 100 characters'),
      kind: z.enum(TASK_KINDS, expect('must be "multiple_choice", "numeric" or "short_text"')),
      prompt: text(1000),
      choices: z.array(text(200), expect('must be a list of strings')).optional(),
      answer: z.unknown(),
      tolerance: z.number(expect('must be a number')).min(0, 'must be at least 0').optional(),
      difficulty: z.enum(TASK_DIFFICULTIES, expect('must be "easy", "medium" or "hard"')),
      baseXp: int(0).optional(),
      concepts: z
        .array(
          z.string(expect('must be a string')).regex(CONCEPT, 'must be a dotted key of lower-case words, e.g. "fractions.add"'),
          expect('must be a list of concept keys'),
        )
        .min(1, 'must name at least one concept')
        .max(5, 'must name at most 5 concepts'),
      hints: z.array(text(500), expect('must be a list of strings')).max(5, 'must have at most 5 hints').optional(),
      explanation: text(2000),
    },
    OBJECT,
  )
  .superRefine((task, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message })
    duplicates(task.concepts).forEach(([i, first]) => issue(['concepts', i], `repeats concepts[${first}]`))
    if (task.kind !== 'multiple_choice' && task.choices !== undefined) issue(['choices'], 'is only for multiple_choice tasks')
    if (task.kind !== 'numeric' && task.tolerance !== undefined) issue(['tolerance'], 'is only for numeric tasks')
    if (task.answer === undefined) return issue(['answer'], 'is required')

    if (task.kind === 'multiple_choice') {
      const choices = task.choices
      if (!choices) return issue(['choices'], 'is required for multiple_choice tasks (a list of 2 to 6 options)')
      if (choices.length < 2 || choices.length > 6) issue(['choices'], `must have 2 to 6 options (has ${choices.length})`)
      duplicates(choices.map(normaliseText)).forEach(([i, first]) => issue(['choices', i], `is the same option as choices[${first}]`))
      const range = `must be an index into choices (0–${choices.length - 1})`
      const isIndex = (v: unknown) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < choices.length
      if (Array.isArray(task.answer)) {
        if (task.answer.length === 0) issue(['answer'], 'must list at least one index')
        task.answer.forEach((v, i) => {
          if (!isIndex(v)) issue(['answer', i], range)
        })
        duplicates(task.answer).forEach(([i, first]) => issue(['answer', i], `repeats answer[${first}]`))
      } else if (!isIndex(task.answer)) {
        issue(['answer'], range)
      }
    } else if (task.kind === 'numeric') {
      if (typeof task.answer !== 'number' || !Number.isFinite(task.answer)) issue(['answer'], 'must be a number')
    } else {
      if (!Array.isArray(task.answer) || task.answer.length === 0) {
        return issue(['answer'], 'must be a list of accepted answers, e.g. ["one half", "a half"]')
      }
      task.answer.forEach((v, i) => {
        if (typeof v !== 'string' || normaliseText(v) === '') issue(['answer', i], 'must be a non-empty string')
      })
    }
  })

export const TasksFileSchema = z
  .array(TaskSchema, expect('must be a list of tasks [ ... ]'))
  .min(1, 'must contain at least one task')
  .superRefine((tasks, ctx) => {
    duplicates(tasks.map((t) => t.id)).forEach(([i, first]) =>
      ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${tasks[i]?.id}" is already used by [${first}]` }),
    )
  })

export type SubjectFile = z.output<typeof SubjectFileSchema>
export type TopicConfigFile = z.output<typeof TopicConfigSchema>

interface TaskCommon {
  id: string
  prompt: string
  difficulty: (typeof TASK_DIFFICULTIES)[number]
  baseXp?: number
  concepts: string[]
  hints?: string[]
  explanation: string
}
/** A validated task; the kind decides the shape of `answer`. */
export type TaskFile =
  | (TaskCommon & { kind: 'multiple_choice'; choices: string[]; answer: number | number[] })
  | (TaskCommon & { kind: 'numeric'; answer: number; tolerance?: number })
  | (TaskCommon & { kind: 'short_text'; answer: string[] })

/** A problem in a file: `path` names the field ("" for the whole file). */
export interface FieldIssue {
  path: string
  message: string
}

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] }

/** subject.json; its slug must be the folder's name. */
export function validateSubjectFile(json: unknown, folder: string): Validation<SubjectFile> {
  return withSlugCheck(validate(SubjectFileSchema, json), json, folder)
}

/** config.json; its slug must be the topic folder's name. */
export function validateTopicConfig(json: unknown, folder: string): Validation<TopicConfigFile> {
  return withSlugCheck(validate(TopicConfigSchema, json), json, folder)
}

export function validateTasksFile(json: unknown): Validation<TaskFile[]> {
  // The refinements checked what the static type cannot express: answer's shape per kind.
  return validate(TasksFileSchema, json) as Validation<TaskFile[]>
}

/** ["levelThresholds", 2] -> "levelThresholds[2]"; [3, "answer"] -> "[3].answer". */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('')
}

function validate<T>(schema: z.ZodType<T>, json: unknown): Validation<T> {
  const result = schema.safeParse(json)
  if (result.success) return { ok: true, value: result.data }
  return { ok: false, issues: result.error.issues.flatMap(toFieldIssues) }
}

function withSlugCheck<T extends { slug: string }>(result: Validation<T>, json: unknown, folder: string): Validation<T> {
  const found = (json as { slug?: unknown } | null)?.slug
  if (typeof found !== 'string' || found === folder) return result
  const mismatch = { path: 'slug', message: `must match the folder name "${folder}" (found "${found}")` }
  return { ok: false, issues: [...(result.ok ? [] : result.issues), mismatch] }
}

function toFieldIssues(issue: z.core.$ZodIssue): FieldIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: formatFieldPath([...issue.path, key]), message: 'is not a known field (check the spelling)' }))
  }
  const path = formatFieldPath(issue.path)
  return [{ path, message: issue.message }]
}

/** [index, index of its first occurrence] for every repeated value. */
function duplicates(values: readonly unknown[]): [number, number][] {
  const seen = new Map<unknown, number>()
  const repeats: [number, number][] = []
  values.forEach((value, i) => {
    const first = seen.get(value)
    if (first === undefined) seen.set(value, i)
    else repeats.push([i, first])
  })
  return repeats
}
