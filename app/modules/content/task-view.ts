/**
 * What the browser may see of a task before it is answered. Built field by field
 * from an allow-list, never by copying the row: the answer, tolerance and
 * explanation stay on the server until the learner has answered. Pure.
 */
import type { AnswerKind } from './answer-check'

export type TaskDifficultyName = 'easy' | 'medium' | 'hard'

/** The part of a Task row the view reads (Prisma's Task fits). */
export interface TaskViewSource {
  id: string
  kind: AnswerKind
  prompt: string
  choices: unknown
  /** read only to tell one correct option from several (radio buttons or checkboxes) */
  answer: unknown
  difficulty: TaskDifficultyName
  concepts: unknown
  hints: unknown
}

export interface TaskView {
  id: string
  kind: AnswerKind
  prompt: string
  /** the options in display order (their index is the value to submit); null unless multiple_choice */
  choices: string[] | null
  /** multiple_choice only: more than one option is correct, so the form offers checkboxes */
  multipleAnswers: boolean
  difficulty: TaskDifficultyName
  /** how many hints can be asked for, one at a time (revealHints) */
  hintCount: number
  concepts: string[]
}

export function toTaskView(task: TaskViewSource): TaskView {
  const choices = task.kind === 'multiple_choice' ? stringList(task.choices) : null
  return {
    id: task.id,
    kind: task.kind,
    prompt: task.prompt,
    choices,
    multipleAnswers: task.kind === 'multiple_choice' && Array.isArray(task.answer),
    difficulty: task.difficulty,
    hintCount: stringList(task.hints).length,
    concepts: stringList(task.concepts),
  }
}

/** The first `count` hints (clamped to what exists), for a learner who asked for them. */
export function revealHints(task: Pick<TaskViewSource, 'hints'>, count: number): string[] {
  return stringList(task.hints).slice(0, Math.max(0, Math.floor(count)))
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
