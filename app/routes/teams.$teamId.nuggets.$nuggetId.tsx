import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ConfirmButton } from '~/components/ui/confirm-button'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Field } from '~/components/ui/field'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { documentHref } from '~/modules/knowledge/document-view'
import {
  LessonTaskInput,
  MAX_SLIDES,
  NuggetEdit,
  NuggetForm,
  NuggetId,
  type NuggetIntent,
  TaskId,
} from '~/modules/knowledge/nugget-input'
import {
  addNuggetTask,
  deleteNugget,
  publishNugget,
  removeNuggetTask,
  saveNugget,
  teamNugget,
  unpublishNugget,
  updateNuggetTask,
} from '~/modules/knowledge/nuggets.server'
import { assertTeamRoleCan, teamAccess } from '~/modules/teams/access.server'
import { formValues } from '~/utils/api.server'
import { requireUser } from '~/utils/auth.server'
import { serverNow } from '~/utils/clock.server'
import { NotFound } from '~/utils/errors.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.nugget.title || 'Nugget'} — Nuggets — Questlog` },
]

const PERMISSION = 'manage:team-documents:own-team' as const

function nuggetIdOf(params: LoaderFunctionArgs['params']): string {
  const parsed = NuggetId.safeParse(params.nuggetId)
  if (!parsed.success) throw new NotFound('There is no such nugget in this team.')
  return parsed.data
}

/** Review and edit one nugget of the team: its text, key points, concepts, media, slides, practice tasks, publication. */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const access = await teamAccess(await requireUser(request), params.teamId, PERMISSION)
  const nugget = await teamNugget(access.team.id, nuggetIdOf(params))
  return {
    team: { id: access.team.id, name: access.team.name },
    nugget: { ...nugget, updatedAt: nugget.updatedAt.toISOString() },
  }
})

const DONE: Record<Exclude<NuggetIntent, 'delete'>, string> = {
  save: 'The nugget was saved.',
  publish: 'The nugget was published: the team’s learners see it under Lessons.',
  unpublish: 'The nugget was unpublished.',
  'add-task': 'The practice task was added.',
  'edit-task': 'The practice task was saved.',
  'remove-task': 'The practice task was removed.',
}

export const action = page(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const access = await teamAccess(user, params.teamId, PERMISSION)
  assertTeamRoleCan(access, PERMISSION)
  const nuggetId = nuggetIdOf(params)
  const formData = await request.formData()
  const values = formValues(formData)
  const intent = parseForm(formData, NuggetForm)
  if (!intent.ok) return refuseForm(intent, { intent: '' })
  const teamId = access.team.id
  const now = serverNow()
  const here = `/teams/${teamId}/nuggets/${nuggetId}`
  const which = intent.value.intent
  // a task form names its task, so its refusal is shown beside that task's form
  const refusalIntent = which === 'edit-task' || which === 'remove-task' ? `${which}:${values.taskId ?? ''}` : which
  try {
    switch (which) {
      case 'save': {
        const form = parseForm(formData, NuggetEdit)
        if (!form.ok) return refuseForm(form, { intent: which })
        await saveNugget(teamId, nuggetId, form.value, now)
        break
      }
      case 'publish':
        await publishNugget(teamId, nuggetId, now)
        break
      case 'unpublish':
        await unpublishNugget(teamId, nuggetId, now)
        break
      case 'delete': {
        const { title } = await deleteNugget(teamId, nuggetId, now)
        return redirectWithToast(`/teams/${teamId}/nuggets`, `“${title}” was deleted.`)
      }
      case 'add-task': {
        const form = parseForm(formData, LessonTaskInput)
        if (!form.ok) return refuseForm(form, { intent: which })
        await addNuggetTask(teamId, nuggetId, form.value, now)
        break
      }
      case 'edit-task': {
        const id = parseForm(formData, TaskId)
        if (!id.ok) return refuseForm(id, { intent: refusalIntent })
        const form = parseForm(formData, LessonTaskInput)
        if (!form.ok) return refuseForm(form, { intent: refusalIntent })
        await updateNuggetTask(teamId, nuggetId, id.value.taskId, form.value, now)
        break
      }
      case 'remove-task': {
        const id = parseForm(formData, TaskId)
        if (!id.ok) return refuseForm(id, { intent: refusalIntent })
        await removeNuggetTask(teamId, nuggetId, id.value.taskId, now)
        break
      }
    }
  } catch (error) {
    return refuseForm(error, { intent: refusalIntent, values })
  }
  return redirectWithToast(here, DONE[which])
})

type TaskFields = {
  kind: string
  prompt: string
  choices: string
  correct: string
  answers: string
  explanation: string
}

function TaskFormFields({ values, errors }: { values: TaskFields; errors: Record<string, string[] | undefined> }) {
  return (
    <>
      <fieldset>
        <legend>Kind</legend>
        <label className="checkbox">
          <input type="radio" name="kind" value="multiple_choice" defaultChecked={values.kind !== 'short_text'} />{' '}
          Multiple choice
        </label>
        <label className="checkbox">
          <input type="radio" name="kind" value="short_text" defaultChecked={values.kind === 'short_text'} /> Short
          answer
        </label>
        {errors.kind ? <p className="field-error">{errors.kind.join(' ')}</p> : null}
      </fieldset>
      <Field label="Question" errors={errors.prompt}>
        {(props) => <textarea name="prompt" rows={2} defaultValue={values.prompt} {...props} />}
      </Field>
      <Field label="Options (multiple choice), one per line" errors={errors.choices}>
        {(props) => <textarea name="choices" rows={4} defaultValue={values.choices} {...props} />}
      </Field>
      <Field label="Number of the right option (multiple choice)" hint="1 for the first line" errors={errors.correct}>
        {(props) => <input name="correct" inputMode="numeric" defaultValue={values.correct} {...props} />}
      </Field>
      <Field label="Accepted answers (short answer), one per line" errors={errors.answers}>
        {(props) => <textarea name="answers" rows={3} defaultValue={values.answers} {...props} />}
      </Field>
      <Field label="Explanation shown after answering (optional)" errors={errors.explanation}>
        {(props) => <textarea name="explanation" rows={2} defaultValue={values.explanation} {...props} />}
      </Field>
    </>
  )
}

export default function NuggetEditorPage() {
  const { team, nugget } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const refusal = (intent: string) => (result && result.intent === intent ? result : null)
  const saved = refusal('save')
  const errors = saved?.fieldErrors ?? {}
  const typed = saved?.values
  const value = (name: string, stored: string) => (typed ? (typed[name] ?? '') : stored)
  const slides = Array.from({ length: MAX_SLIDES }, (_, i) => nugget.slides[i] ?? { title: '', body: '' })
  const shownSlides = Math.min(MAX_SLIDES, nugget.slides.length + 2)
  const adding = refusal('add-task')
  const emptyTask: TaskFields = {
    kind: 'multiple_choice',
    prompt: '',
    choices: '',
    correct: '',
    answers: '',
    explanation: '',
  }
  return (
    <Page titleId="nugget-title">
      <p>
        <Link to={`/teams/${team.id}/nuggets`}>← Nuggets of {team.name}</Link>
      </p>
      <h1 id="nugget-title">{nugget.title || 'Untitled nugget'}</h1>
      <p className="lead">
        {nugget.published ? 'Published' : 'Proposal, not published'}
        {nugget.status !== 'ready' ? ` · ${nugget.status}` : ''}
        {nugget.metadata.edited ? ' · edited (re-ingesting the document leaves it alone)' : ''}
        {nugget.documents.map((d, i) => (
          <span key={d.id}>
            {i === 0 ? ' · from ' : ', '}
            <Link to={documentHref(d.id, d.chunkId)}>{d.title}</Link>
          </span>
        ))}
        {nugget.section ? ` › ${nugget.section}` : ''}
      </p>
      <ErrorSummary
        formErrors={
          refusal('publish')?.formErrors ??
          refusal('unpublish')?.formErrors ??
          refusal('delete')?.formErrors ??
          refusal('')?.formErrors
        }
      />

      <section className="card stack" aria-labelledby="publication-title">
        <h2 id="publication-title">Publication</h2>
        {nugget.published ? (
          <>
            <p>
              Learners of the team see this lesson and can practise its tasks:{' '}
              <Link to={`/lessons/${nugget.id}`}>open the lesson</Link>.
            </p>
            <Form method="post">
              <SubmitButton name="intent" value="unpublish" pendingText="Unpublishing…" className="button secondary">
                Unpublish
              </SubmitButton>
            </Form>
          </>
        ) : (
          <>
            <p>
              Learners do not see this proposal yet. Publish it to show it to the team’s learners under Lessons and make
              its practice tasks available; save your edits first.
            </p>
            <div className="inline-actions">
              <Form method="post">
                <SubmitButton name="intent" value="publish" pendingText="Publishing…">
                  Publish
                </SubmitButton>
              </Form>
              <Form method="post">
                <ConfirmButton
                  name="intent"
                  value="delete"
                  pendingText="Deleting…"
                  confirmLabel="Delete this nugget"
                  question={`Delete “${nugget.title || 'this nugget'}” and its practice tasks?`}
                >
                  Delete proposal
                </ConfirmButton>
              </Form>
            </div>
          </>
        )}
      </section>

      <section className="card stack" aria-labelledby="edit-title">
        <h2 id="edit-title">Lesson</h2>
        <ErrorSummary fieldErrors={errors} formErrors={saved?.formErrors} />
        <Form method="post" className="stack" noValidate aria-labelledby="edit-title">
          <input type="hidden" name="intent" value="save" />
          <Field label="Title" errors={errors.title}>
            {(props) => <input name="title" defaultValue={value('title', nugget.title)} {...props} />}
          </Field>
          <Field label="Text" errors={errors.body}>
            {(props) => <textarea name="body" rows={12} defaultValue={value('body', nugget.body)} {...props} />}
          </Field>
          <Field label="Key points, one per line" errors={errors.keyPoints}>
            {(props) => (
              <textarea
                name="keyPoints"
                rows={4}
                defaultValue={value('keyPoints', nugget.metadata.keyPoints.join('\n'))}
                {...props}
              />
            )}
          </Field>
          <Field
            label="Concepts, one per line"
            hint="The terms this lesson teaches; practice tasks count toward the learner’s mastery of them."
            errors={errors.concepts}
          >
            {(props) => (
              <textarea
                name="concepts"
                rows={3}
                defaultValue={value('concepts', nugget.metadata.concepts.join('\n'))}
                {...props}
              />
            )}
          </Field>
          <Field label="Image URL (optional)" hint="https://… or a path on this site, /…" errors={errors.imageUrl}>
            {(props) => <input name="imageUrl" defaultValue={value('imageUrl', nugget.imageUrl ?? '')} {...props} />}
          </Field>
          <Field label="Audio URL (optional)" hint="https://… or a path on this site, /…" errors={errors.audioUrl}>
            {(props) => <input name="audioUrl" defaultValue={value('audioUrl', nugget.audioUrl ?? '')} {...props} />}
          </Field>
          <fieldset className="stack">
            <legend>Slides (optional)</legend>
            <p className="hint">A slide needs a title; leave both fields empty to remove it.</p>
            {slides.slice(0, shownSlides).map((slide, i) => (
              <div key={i} className="stack">
                <Field label={`Slide ${i + 1} title`} errors={errors[`slideTitle${i}`]}>
                  {(props) => (
                    <input name={`slideTitle${i}`} defaultValue={value(`slideTitle${i}`, slide.title)} {...props} />
                  )}
                </Field>
                <Field label={`Slide ${i + 1} text`} errors={errors[`slideBody${i}`]}>
                  {(props) => (
                    <textarea
                      name={`slideBody${i}`}
                      rows={3}
                      defaultValue={value(`slideBody${i}`, slide.body)}
                      {...props}
                    />
                  )}
                </Field>
              </div>
            ))}
          </fieldset>
          <div>
            <SubmitButton pendingText="Saving…">Save</SubmitButton>
          </div>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="tasks-title">
        <h2 id="tasks-title">Practice tasks</h2>
        <p className="hint">
          Answered like any practice task: XP, review cards and mastery. Learners see them while the nugget is
          published.
        </p>
        {nugget.tasks.length === 0 ? <p>No practice tasks yet.</p> : null}
        {nugget.tasks.map((task, i) => {
          const edit = refusal(`edit-task:${task.id}`)
          const remove = refusal(`remove-task:${task.id}`)
          const stored: TaskFields = {
            kind: task.kind,
            prompt: task.prompt,
            choices: task.choices.join('\n'),
            correct: task.correct ? String(task.correct) : '',
            answers: task.answers.join('\n'),
            explanation: task.explanation ?? '',
          }
          const shown = edit ? { ...stored, ...edit.values } : stored
          return (
            <details key={task.id} className="card" open={Boolean(edit || remove)}>
              <summary>
                Task {i + 1}: {task.prompt}
              </summary>
              <ErrorSummary fieldErrors={edit?.fieldErrors} formErrors={edit?.formErrors ?? remove?.formErrors} />
              <Form method="post" className="stack" noValidate aria-label={`Edit task ${i + 1}`}>
                <input type="hidden" name="intent" value="edit-task" />
                <input type="hidden" name="taskId" value={task.id} />
                <TaskFormFields values={shown} errors={edit?.fieldErrors ?? {}} />
                <div>
                  <SubmitButton pendingText="Saving…">Save task {i + 1}</SubmitButton>
                </div>
              </Form>
              <Form method="post">
                <input type="hidden" name="taskId" value={task.id} />
                <ConfirmButton
                  name="intent"
                  value="remove-task"
                  pendingText="Removing…"
                  confirmLabel={`Remove task ${i + 1}`}
                  question="Remove this practice task? Answers already given stay in the learners’ history."
                >
                  Remove task {i + 1}
                </ConfirmButton>
              </Form>
            </details>
          )
        })}
        <h3 id="add-task-title">Add a practice task</h3>
        <ErrorSummary fieldErrors={adding?.fieldErrors} formErrors={adding?.formErrors} />
        <Form method="post" className="stack" noValidate aria-labelledby="add-task-title">
          <input type="hidden" name="intent" value="add-task" />
          <TaskFormFields
            values={adding ? { ...emptyTask, ...adding.values } : emptyTask}
            errors={adding?.fieldErrors ?? {}}
          />
          <div>
            <SubmitButton pendingText="Adding…">Add task</SubmitButton>
          </div>
        </Form>
      </section>
    </Page>
  )
}
