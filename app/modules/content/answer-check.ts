/**
 * Checking a learner's answer against a task, on the server only (the answer
 * never reaches the browser before the learner has answered). Pure: no I/O.
 *
 * What counts as the same answer (docs/content.md, "Answers"):
 *  - multiple_choice: the submitted value is the chosen index, or several indexes
 *    separated by commas or spaces ("0,2"); order and repeats do not matter, the
 *    set must equal the answer's set exactly.
 *  - numeric: "3.5" and "3,5" (a comma is a decimal separator, never a thousands
 *    separator), "-2" and "−2", "12 000" (spaces group thousands), and a trailing
 *    "%" (ignored: the prompt says what unit it wants). Fractions such as "3/8"
 *    are not numbers here — "write 3/8 as a decimal" must not accept "3/8"; a task
 *    that wants a fraction is short_text. Anything else is not a number and is
 *    simply wrong, not an error. Correct when within the task's tolerance
 *    (default 0, plus a rounding epsilon).
 *  - short_text: both sides are normalised by `normaliseText` and compared with
 *    each accepted answer.
 */

export type AnswerKind = 'multiple_choice' | 'numeric' | 'short_text'

/** The part of a Task row the check needs (Prisma's Task fits). */
export interface CheckableTask {
  kind: AnswerKind
  answer: unknown
  tolerance?: number | null
  choices?: unknown
}

export interface AnswerCheck {
  isCorrect: boolean
  /** the submission in canonical form ("" when it could not be read): "0,2", "3.5", "one half" */
  normalised: string
}

/** Thrown when a stored task is not well-formed (the sync validates, so this is a bug or a hand edit). */
export class MalformedTaskError extends Error {
  override name = 'MalformedTaskError'
}

export function checkAnswer(task: CheckableTask, submitted: string): AnswerCheck {
  switch (task.kind) {
    case 'multiple_choice':
      return checkChoice(task.answer, submitted)
    case 'numeric':
      return checkNumber(task.answer, task.tolerance ?? 0, submitted)
    case 'short_text':
      return checkText(task.answer, submitted)
    default:
      throw new MalformedTaskError(`unknown task kind ${String((task as { kind: unknown }).kind)}`)
  }
}

/**
 * Short-text normal form: Unicode compatibility forms unified (full-width
 * letters, ligatures), diacritics stripped ("café" = "cafe": our subjects never
 * depend on accents and learners' keyboards often lack them), lower case, curly
 * quotes and the minus sign made ASCII, runs of white space collapsed to one
 * space, spaces next to symbols dropped ("3 / 4" = "3/4", "=SUM( A1:A3 )" =
 * "=sum(a1:a3)") while a space between two words or numbers stays ("4 1/12" is
 * not "41/12"), trimmed, and trailing sentence punctuation (. ! ?) dropped.
 */
export function normaliseText(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2212\u2013]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/ ?([^\p{L}\p{N} ]) ?/gu, '$1')
    .trim()
    .replace(/[.!?]+$/, '')
}

/** Reads a learner's number (see the module comment), or null when it is not one. */
export function parseNumberAnswer(value: string): number | null {
  let text = value
    .normalize('NFKC')
    .replace(/[\u2212\u2013]/g, '-')
    .trim()
  text = text.replace(/\s*%$/, '')
  const signed = /^([+-]?)\s*(.*)$/.exec(text)
  if (!signed) return null
  const sign = signed[1] === '-' ? -1 : 1
  const rest = signed[2] ?? ''

  if (/^\d{1,3}(?: \d{3})+(?:[.,]\d+)?$/.test(rest)) return sign * Number(rest.replace(/ /g, '').replace(',', '.'))
  if (/^(?:\d+(?:[.,]\d*)?|[.,]\d+)$/.test(rest)) return sign * Number(rest.replace(',', '.'))
  return null
}

/** Reads "2", "0,2", "0 2" as a sorted set of indexes, or null. */
export function parseChoiceAnswer(value: string): number[] | null {
  const parts = value
    .trim()
    .split(/[\s,;]+/)
    .filter(Boolean)
  if (parts.length === 0 || parts.some((p) => !/^\d{1,3}$/.test(p))) return null
  return [...new Set(parts.map(Number))].sort((a, b) => a - b)
}

function checkChoice(answer: unknown, submitted: string): AnswerCheck {
  const expected = typeof answer === 'number' ? [answer] : answer
  if (!Array.isArray(expected) || expected.length === 0 || !expected.every((i) => Number.isInteger(i))) {
    throw new MalformedTaskError('multiple_choice answer must be an index or indexes')
  }
  const chosen = parseChoiceAnswer(submitted)
  if (!chosen) return { isCorrect: false, normalised: '' }
  const want = [...new Set(expected as number[])].sort((a, b) => a - b)
  const isCorrect = want.length === chosen.length && want.every((v, i) => v === chosen[i])
  return { isCorrect, normalised: chosen.join(',') }
}

function checkNumber(answer: unknown, tolerance: number, submitted: string): AnswerCheck {
  if (typeof answer !== 'number' || !Number.isFinite(answer)) throw new MalformedTaskError('numeric answer must be a number')
  const value = parseNumberAnswer(submitted)
  if (value === null) return { isCorrect: false, normalised: '' }
  // The epsilon absorbs binary rounding (0.1 + 0.2 is not 0.3); it is far below any real tolerance.
  const slack = Math.max(0, tolerance) + 1e-9 * Math.max(1, Math.abs(answer))
  return { isCorrect: Math.abs(value - answer) <= slack, normalised: String(value) }
}

function checkText(answer: unknown, submitted: string): AnswerCheck {
  if (!Array.isArray(answer) || answer.length === 0 || !answer.every((a) => typeof a === 'string')) {
    throw new MalformedTaskError('short_text answer must be a list of accepted strings')
  }
  const normalised = normaliseText(submitted)
  if (normalised === '') return { isCorrect: false, normalised }
  return { isCorrect: (answer as string[]).some((accepted) => normaliseText(accepted) === normalised), normalised }
}

/**
 * The correct answer as a learner should read it after answering: the choice
 * text(s), the number (with its tolerance), or the first accepted text.
 */
export function describeAnswer(task: CheckableTask): string {
  switch (task.kind) {
    case 'multiple_choice': {
      const choices = Array.isArray(task.choices) ? (task.choices as unknown[]) : []
      const indexes = typeof task.answer === 'number' ? [task.answer] : Array.isArray(task.answer) ? (task.answer as number[]) : []
      return indexes.map((i) => String(choices[i] ?? `#${i}`)).join('; ')
    }
    case 'numeric': {
      const tolerance = task.tolerance ?? 0
      return tolerance > 0 ? `${String(task.answer)} (± ${tolerance})` : String(task.answer)
    }
    case 'short_text':
      return Array.isArray(task.answer) ? String(task.answer[0] ?? '') : ''
    default:
      return ''
  }
}
