import { Form } from '@remix-run/react'
import { useId } from 'react'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { SubmitButton } from '~/components/ui/submit-button'
import type { TaskView } from '~/modules/content/task-view'
import type { FieldErrors } from '~/utils/forms'
import { MAX_ANSWER_LENGTH, taskHref } from '../practice-links'

export type TaskBadge = 'due' | 'new' | 'weakest' | 'chosen'

const BADGES: Record<TaskBadge, string | null> = {
  due: 'Due for review',
  new: 'New task',
  weakest: 'Practise again',
  chosen: null,
}

/**
 * One task to answer (practice page and review queue). Works without JavaScript: the
 * answer is a plain POST form, and "Show a hint" is a GET form that shows the same task
 * with the same attempt id and one more hint. The form posts to the task's own URL, so
 * a refused answer (400) comes back with the same task and attempt id.
 */
export function PracticeTaskForm({
  task,
  attemptId,
  hints,
  path,
  badge = 'chosen',
  fieldErrors = {},
  formErrors = [],
  answer = '',
}: {
  task: TaskView
  attemptId: string
  /** hints revealed so far */
  hints: string[]
  /** the page's path (without query): the form posts to it */
  path: string
  badge?: TaskBadge
  fieldErrors?: FieldErrors
  formErrors?: string[]
  /** what the learner sent last time (after a refusal) */
  answer?: string
}) {
  const id = useId()
  const promptId = `${id}-prompt`
  const hintFormId = `${id}-hint`
  const otherErrors = Object.entries(fieldErrors)
    .filter(([field]) => field !== 'answer')
    .flatMap(([, messages]) => messages ?? [])
  const action = taskHref(path, { taskId: task.id, attemptId, hints: hints.length })
  const moreHints = task.hintCount > hints.length
  const badgeText = BADGES[badge]

  return (
    <article className="card practice-task" aria-labelledby={promptId}>
      <p className="practice-meta">
        {badgeText ? <span className="practice-badge">{badgeText}</span> : null}
        <span>Difficulty: {task.difficulty}</span>
      </p>
      <h2 className="practice-prompt" id={promptId}>
        {task.prompt}
      </h2>
      {/* Always present, so a hint shown without a page load is announced. */}
      <div aria-live="polite">
        {hints.length > 0 ? (
          <section className="practice-hints" aria-label="Hints">
            <ol>
              {hints.map((hint, i) => (
                <li key={i}>
                  <strong>{`Hint ${i + 1}:`}</strong> {hint}
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </div>
      <ErrorSummary fieldErrors={{ answer: fieldErrors.answer }} formErrors={[...formErrors, ...otherErrors]} />
      <Form method="post" action={action} className="stack practice-form" noValidate>
        <input type="hidden" name="taskId" value={task.id} />
        <input type="hidden" name="attemptId" value={attemptId} />
        {hints.length > 0 ? <input type="hidden" name="hintUsed" value="1" /> : null}
        <AnswerInput task={task} promptId={promptId} errors={fieldErrors.answer} answer={answer} />
        <div className="actions">
          <SubmitButton pendingText="Checking…">Check my answer</SubmitButton>
          {moreHints ? (
            <button type="submit" form={hintFormId} className="button secondary">
              {hints.length === 0 ? 'Show a hint' : 'Show another hint'}
            </button>
          ) : null}
        </div>
        {hints.length === 0 && task.hintCount > 0 ? (
          <p className="hint">A hint makes the next review come a little sooner.</p>
        ) : null}
      </Form>
      {moreHints ? (
        <Form method="get" action={path} id={hintFormId} preventScrollReset>
          <input type="hidden" name="task" value={task.id} />
          <input type="hidden" name="attempt" value={attemptId} />
          <input type="hidden" name="hints" value={hints.length + 1} />
        </Form>
      ) : null}
    </article>
  )
}

function AnswerInput({
  task,
  promptId,
  errors,
  answer,
}: {
  task: TaskView
  promptId: string
  errors?: string[]
  answer: string
}) {
  const id = useId()
  if (task.kind === 'multiple_choice' && task.choices) {
    const chosen = new Set(answer.split(',').map((s) => s.trim()))
    const errorId = errors?.length ? `${id}-error` : undefined
    return (
      <fieldset
        className="practice-choices"
        aria-describedby={[promptId, errorId].filter(Boolean).join(' ')}
        aria-invalid={errorId ? true : undefined}
      >
        <legend>{task.multipleAnswers ? 'Choose every correct answer' : 'Choose one answer'}</legend>
        {task.choices.map((choice, i) => (
          <label key={i} className="practice-choice">
            <input
              type={task.multipleAnswers ? 'checkbox' : 'radio'}
              name="answer"
              value={String(i)}
              defaultChecked={chosen.has(String(i))}
            />
            <span>{choice}</span>
          </label>
        ))}
        {errorId ? (
          <p className="field-error" id={errorId}>
            {errors?.join(' ')}
          </p>
        ) : null}
      </fieldset>
    )
  }
  const numeric = task.kind === 'numeric'
  return (
    <Field label="Your answer" hint={numeric ? 'A number, such as 12, -3 or 0.75' : undefined} errors={errors}>
      {(props) => (
        <input
          type="text"
          name="answer"
          inputMode={numeric ? 'decimal' : 'text'}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={MAX_ANSWER_LENGTH}
          defaultValue={answer}
          {...props}
        />
      )}
    </Field>
  )
}
