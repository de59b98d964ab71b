/**
 * What the practice page, the review queue and the submit API accept (pure). The
 * answer is always a string (an index list for multiple choice, see answer-check.ts);
 * a JSON client may also send a number or a list of indexes. Whether it is right is
 * decided on the server only: any `isCorrect` a client sends is ignored.
 */
import { decodeTime } from 'ulid'
import { z } from 'zod'
import { MAX_ANSWER_LENGTH } from './practice-links'

/** Hints that can be asked for at once (content has a few per task). */
export const MAX_HINTS = 10
/** A reported duration above this is not thinking time (a tab left open): not recorded. */
export const MAX_DURATION_MS = 3 * 60 * 60 * 1000

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

export const TopicSlug = z
  .string({ message: 'Give a topic slug, e.g. "fractions"' })
  .trim()
  .min(1, 'Give a topic slug, e.g. "fractions"')
  .max(80, 'A topic slug has at most 80 characters')
  .regex(SLUG, 'A topic slug is lower-case letters, digits and single dashes, e.g. "fractions"')

export const TaskId = z
  .string({ message: 'Give the task id' })
  .trim()
  .min(1, 'Give the task id')
  .max(100, 'A task id has at most 100 characters')

export const AttemptId = z
  .ulid({ message: 'The attempt id must be a ULID (26 characters). Reload the task and answer again.' })
  .transform((id) => id.toUpperCase())

function answerText(value: unknown): unknown {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number' && Number.isInteger(v)))
    return value.join(',')
  return value
}

export const Answer = z.preprocess(
  answerText,
  z
    .string({ message: 'Give an answer (text, a number, or choice indexes)' })
    .max(MAX_ANSWER_LENGTH, `Keep the answer to at most ${MAX_ANSWER_LENGTH} characters`)
    .refine((s) => s.trim().length > 0, 'Give an answer before checking it'),
)

const TRUE = new Set(['1', 'true', 'on', 'yes'])
const FALSE = new Set(['', '0', 'false', 'off', 'no'])

/** A form's "1"/"on" or JSON's true; absent means false. */
export const Flag = z.preprocess(
  (value) => {
    if (value === undefined || value === null) return false
    if (typeof value === 'string')
      return TRUE.has(value.toLowerCase()) ? true : FALSE.has(value.toLowerCase()) ? false : value
    return value
  },
  z.boolean({ message: 'Use true or false' }),
)

const DurationMs = z.preprocess(
  (value) => (value === '' || value === null ? undefined : typeof value === 'string' ? Number(value) : value),
  z
    .int({ message: 'Give the time in whole milliseconds' })
    .min(0, 'The time cannot be negative')
    .max(MAX_DURATION_MS, 'The time is too long to be one answer')
    .optional(),
)

/** One answer, as the practice form and the submit API send it. */
export const AnswerInput = z.object({
  taskId: TaskId,
  attemptId: AttemptId,
  answer: Answer,
  hintUsed: Flag,
  durationMs: DurationMs,
})
export type AnswerInputValue = z.output<typeof AnswerInput>

/** Several ticked checkboxes arrive as several `answer` values: one answer "0,2". */
export function joinChoices(form: FormData): FormData {
  const answers = form.getAll('answer').filter((v): v is string => typeof v === 'string')
  if (answers.length > 1) form.set('answer', answers.join(','))
  return form
}

/** The submit API also takes the topic (seed 000); when given it must be the task's topic. */
export const SubmitApiInput = AnswerInput.extend({ topicSlug: TopicSlug.optional() })

/**
 * Time from showing the task to answering, read from the attempt id: a ULID made when
 * the task was shown carries that instant. Undefined when it is implausible.
 */
export function durationFromAttemptId(attemptId: string, now: Date): number | undefined {
  let shownAt: number
  try {
    shownAt = decodeTime(attemptId)
  } catch {
    return undefined
  }
  const ms = now.getTime() - shownAt
  return ms >= 0 && ms <= MAX_DURATION_MS ? ms : undefined
}

/** What the practice and review pages read from their URL; anything malformed is ignored, never an error. */
export interface PracticeQuery {
  /** a specific task to show */
  taskId: string | null
  /** keep this attempt id (hint reveals) */
  attemptId: string | null
  /** how many hints to show */
  hints: number
  /** the task just answered: offer another one when there is one */
  after: string | null
}

export function readPracticeQuery(url: URL): PracticeQuery {
  const p = url.searchParams
  const task = TaskId.safeParse(p.get('task') ?? '')
  const attempt = AttemptId.safeParse(p.get('attempt') ?? '')
  const after = TaskId.safeParse(p.get('after') ?? '')
  const hints = Number(p.get('hints') ?? 0)
  return {
    taskId: task.success ? task.data : null,
    attemptId: attempt.success ? attempt.data : null,
    hints: Number.isInteger(hints) ? Math.min(Math.max(hints, 0), MAX_HINTS) : 0,
    after: after.success ? after.data : null,
  }
}
