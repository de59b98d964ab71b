import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { ProgressNotice } from '~/components/progress-notice'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { NuggetLesson } from '~/modules/knowledge/components/nugget-lesson'
import { nuggetMetadata } from '~/modules/knowledge/nugget-rules'
import { ChooseInput, PathId } from '~/modules/knowledge/path-input'
import { PracticeFeedback } from '~/modules/learning/components/practice-feedback'
import { PracticeTaskForm } from '~/modules/learning/components/practice-task-form'
import { AnswerInput, durationFromAttemptId, joinChoices, readPracticeQuery } from '~/modules/learning/practice-input'
import { attemptIdUsed, practiceTask } from '~/modules/learning/practice.server'
import { feedbackView } from '~/modules/learning/practice-view'
import { learnerClock } from '~/modules/learning/reviews.server'
import { answerWithProgress } from '~/modules/progress-events.server'
import { chooseNext, quickCheckOf, startWalk, walkState } from '~/modules/tutor/path-walk.server'
import { activityContext } from '~/utils/activity.server'
import { requireUser } from '~/utils/auth.server'
import { serverNow } from '~/utils/clock.server'
import { NotFound } from '~/utils/errors.server'
import { parseForm } from '~/utils/forms'
import { page, refuseForm } from '~/utils/http.server'
import { ulid } from '~/utils/ulid.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.path.title} — Questlog` : 'Path — Questlog' },
]

function pathIdOf(params: LoaderFunctionArgs['params']): string {
  const parsed = PathId.safeParse(params.pathId)
  if (!parsed.success) throw new NotFound('There is no such path.')
  return parsed.data
}

/**
 * A learner walks a narrative path of their team (docs/nuggets.md): the current node's lesson and
 * its choices; a locked choice shows its quick check inline, answered through the practice flow.
 * Every move is a plain POST followed by a redirect, so the walk works without JavaScript.
 */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const state = await walkState(user.id, pathIdOf(params))
  const url = new URL(request.url)
  const query = readPracticeQuery(url)
  const locked = state.session && !state.session.completedAt ? state.choices.filter((c) => !c.open && c.taskId) : []
  const checks = await Promise.all(
    [...new Set(locked.map((c) => c.taskId!))].map(async (taskId) => {
      const shown = await practiceTask(user.id, taskId, { hints: query.taskId === taskId ? query.hints : 0 })
      const reuse = query.taskId === taskId && query.attemptId && !(await attemptIdUsed(query.attemptId))
      return { taskId, task: shown.task, hints: shown.hints, attemptId: reuse ? query.attemptId! : ulid() }
    }),
  )
  const meta = nuggetMetadata(state.node.nugget.metadata)
  return {
    path: state.path,
    pathname: url.pathname,
    started: state.session !== null,
    completed: Boolean(state.session?.completedAt),
    lesson: { title: state.node.nugget.title, content: state.node.nugget.content, keyPoints: meta.keyPoints },
    choices: state.choices,
    checks,
  }
})

export const action = page(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const pathId = pathIdOf(params)
  const formData = await request.formData()
  const intent = formData.get('intent')
  const now = serverNow()
  const here = `/paths/${pathId}`
  if (intent === 'start') {
    await startWalk(user.id, pathId, now)
    return redirect(here)
  }
  if (intent === 'choose') {
    const form = parseForm(formData, ChooseInput)
    if (!form.ok) return refuseForm(form, { intent })
    try {
      await chooseNext(user.id, pathId, form.value.choice, now)
    } catch (error) {
      return refuseForm(error, { intent })
    }
    return redirect(here)
  }
  // Otherwise the quick check's answer form (PracticeTaskForm), which carries no intent.
  const form = parseForm(joinChoices(formData), AnswerInput)
  if (!form.ok) return data({ ...form, intent: 'answer' }, { status: 400 })
  await quickCheckOf(user.id, pathId, form.value.taskId)
  const input = { ...form.value, durationMs: form.value.durationMs ?? durationFromAttemptId(form.value.attemptId, now) }
  const [answered, clock] = await Promise.all([
    answerWithProgress(user.id, input, { now, context: activityContext(request, user.sessionId) }),
    learnerClock(user.id, now),
  ])
  return {
    ok: true as const,
    intent: 'answer',
    feedback: feedbackView(answered.result, answered.task, input.answer, clock.today),
    progress: answered.progress,
  }
})

export default function WalkPathPage() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const refused = result && !result.ok ? result : null
  const answered = result?.ok ? result : null
  return (
    <Page titleId="path-title">
      <p>
        <Link to="/learn">← Back to learning</Link>
      </p>
      <h1 id="path-title">{data.path.title}</h1>
      {data.path.description ? <p className="lead">{data.path.description}</p> : null}
      {refused && refused.intent !== 'answer' ? (
        <ErrorSummary fieldErrors={refused.fieldErrors} formErrors={refused.formErrors} />
      ) : null}
      {answered ? (
        <PracticeFeedback
          feedback={answered.feedback}
          next={{ href: data.pathname, label: 'Back to the path' }}
          news={<ProgressNotice events={answered.progress} />}
        />
      ) : null}
      <NuggetLesson lesson={data.lesson} />
      {!data.started ? (
        <Form method="post">
          <SubmitButton name="intent" value="start" pendingText="Starting…">
            Start the path
          </SubmitButton>
        </Form>
      ) : data.completed ? (
        <section className="card stack" aria-labelledby="done-title">
          <h2 id="done-title">You reached the end of this path</h2>
          <Form method="post">
            <SubmitButton name="intent" value="start" pendingText="Starting…" className="button secondary">
              Walk it again
            </SubmitButton>
          </Form>
        </section>
      ) : (
        <section className="stack" aria-labelledby="choices-title">
          <h2 id="choices-title">Where next?</h2>
          <ul className="stack">
            {data.choices.map((choice) => {
              const check = data.checks.find((c) => c.taskId === choice.taskId)
              return (
                <li key={choice.index} className="card stack">
                  {choice.open ? (
                    <Form method="post">
                      <input type="hidden" name="choice" value={choice.index} />
                      <SubmitButton name="intent" value="choose" pendingText="Moving on…">
                        {choice.label}
                      </SubmitButton>
                    </Form>
                  ) : (
                    <>
                      <p>
                        <strong>{choice.label}</strong> <span className="practice-badge">Locked</span> — answer this
                        quick check correctly to open it.
                      </p>
                      {check ? (
                        <PracticeTaskForm
                          key={`${check.taskId}-${check.attemptId}`}
                          task={check.task}
                          attemptId={check.attemptId}
                          hints={check.hints}
                          path={data.pathname}
                          fieldErrors={refused?.intent === 'answer' ? refused.fieldErrors : undefined}
                          formErrors={refused?.intent === 'answer' ? refused.formErrors : undefined}
                        />
                      ) : null}
                    </>
                  )}
                </li>
              )
            })}
          </ul>
        </section>
      )}
    </Page>
  )
}
