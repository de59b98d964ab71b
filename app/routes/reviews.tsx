import { serverNow } from '~/utils/clock.server'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { ulid } from '~/utils/ulid.server'
import { requireUser } from '~/utils/auth.server'
import { PracticeFeedback } from '~/modules/learning/components/practice-feedback'
import { PracticeTaskForm } from '~/modules/learning/components/practice-task-form'
import { LEARN_PATH, practicePath } from '~/modules/learning/links'
import { AnswerInput, durationFromAttemptId, joinChoices, readPracticeQuery } from '~/modules/learning/practice-input'
import { attemptIdUsed, practiceTask } from '~/modules/learning/practice.server'
import { dueSinceText, feedbackView, reviewDayText } from '~/modules/learning/practice-view'
import { learnerClock, reviewQueue } from '~/modules/learning/reviews.server'
import { answerWithProgress } from '~/modules/progress-events.server'
import { ProgressNotice } from '~/components/progress-notice'
import { activityContext } from '~/utils/activity.server'
import { page } from '~/utils/http.server'
import { parseForm } from '~/utils/forms'
import { learnerDay } from '~/utils/time'
import { Page } from '~/components/ui/page'

export const meta: MetaFunction = () => [{ title: 'Reviews — Questlog' }]

/**
 * The review queue across topics: what is due now, oldest first, up to the daily cap.
 * The first card (or `?task=`) is shown to answer, with the practice form.
 */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const now = serverNow()
  const url = new URL(request.url)
  const query = readPracticeQuery(url)
  const [queue, clock] = await Promise.all([reviewQueue(user.id, { now }), learnerClock(user.id, now)])
  const taskId = query.taskId ?? queue.reviews[0]?.taskId ?? null
  const current = taskId ? await practiceTask(user.id, taskId, { hints: query.taskId ? query.hints : 0 }) : null
  const attemptId = query.attemptId && !(await attemptIdUsed(query.attemptId)) ? query.attemptId : ulid()
  return {
    path: url.pathname,
    queue: {
      cap: queue.cap,
      reviewedToday: queue.reviewedToday,
      dueNow: queue.dueNow,
      moreTomorrow: queue.moreTomorrow,
      capReached: queue.capReached,
      reviews: queue.reviews.map((r) => ({
        taskId: r.taskId,
        prompt: r.prompt,
        topic: r.topic,
        due: dueSinceText(r.dueDay, clock.today),
      })),
      nextDue: queue.nextDue
        ? reviewDayText(learnerDay(new Date(queue.nextDue), clock.timeZone, clock.dayStartHour), clock.today)
        : null,
    },
    current: current ? { task: current.task, topic: current.topic, hints: current.hints } : null,
    attemptId,
  }
})

export const action = page(async ({ request }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const formData = await request.formData()
  const form = parseForm(joinChoices(formData), AnswerInput)
  if (!form.ok) return data(form, { status: 400 })
  const now = serverNow()
  const input = { ...form.value, durationMs: form.value.durationMs ?? durationFromAttemptId(form.value.attemptId, now) }
  const [answered, clock] = await Promise.all([
    answerWithProgress(user.id, input, { now, context: activityContext(request, user.sessionId) }),
    learnerClock(user.id, now),
  ])
  return {
    ok: true as const,
    feedback: feedbackView(answered.result, answered.task, input.answer, clock.today),
    progress: answered.progress,
  }
})

export default function ReviewsPage() {
  const { path, queue, current, attemptId } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const refused = result && !result.ok ? result : null

  return (
    <Page titleId="reviews-title" className="practice reviews">
      <h1 id="reviews-title">Reviews</h1>
      <p className="lead">
        {queue.dueNow === 0
          ? 'Nothing is due for review right now.'
          : `${queue.dueNow} ${queue.dueNow === 1 ? 'review is' : 'reviews are'} due.`}{' '}
        {`You have done ${queue.reviewedToday} of up to ${queue.cap} reviews today.`}
      </p>
      {queue.capReached ? (
        <p className="notice" role="status">
          {queue.reviews.length === 0
            ? `That is enough reviewing for today. Come back tomorrow for ${queue.moreTomorrow} more.`
            : `${queue.moreTomorrow} more tomorrow.`}
        </p>
      ) : null}

      {result?.ok ? (
        <PracticeFeedback
          feedback={result.feedback}
          next={{ href: path, label: 'Next review' }}
          news={<ProgressNotice events={result.progress} />}
        >
          <Link to={practicePath(result.feedback.topic.slug)} className="button secondary">
            Practise {result.feedback.topic.title}
          </Link>
        </PracticeFeedback>
      ) : current ? (
        <>
          <p className="practice-breadcrumb">From {current.topic.title}</p>
          <PracticeTaskForm
            key={`${current.task.id}-${attemptId}`}
            task={current.task}
            attemptId={attemptId}
            hints={current.hints}
            path={path}
            badge="due"
            fieldErrors={refused?.fieldErrors}
            formErrors={refused?.formErrors}
            answer={refused?.values.answer}
          />
        </>
      ) : queue.capReached ? null : (
        <div className="card">
          <p>
            {queue.nextDue
              ? `Your next review comes due ${queue.nextDue}.`
              : 'Answer some tasks first: they come back here when it is time to review them.'}
          </p>
          <Link to={LEARN_PATH}>Choose a topic to practise</Link>
        </div>
      )}

      {queue.reviews.length > 0 ? (
        <section aria-labelledby="queue-title" className="review-list">
          <h2 id="queue-title">Due now, oldest first</h2>
          <ol className="plain-list">
            {queue.reviews.map((r) => (
              <li key={r.taskId}>
                <Link
                  to={`${path}?${new URLSearchParams({ task: r.taskId })}`}
                  aria-current={current?.task.id === r.taskId && !result?.ok ? 'true' : undefined}
                >
                  {r.prompt}
                </Link>
                <span className="review-meta">
                  {r.topic.title} · due {r.due}
                </span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </Page>
  )
}
