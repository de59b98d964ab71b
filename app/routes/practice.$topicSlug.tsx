import { serverNow } from '~/utils/clock.server'
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { ulid } from '~/utils/ulid.server'
import { requireUser } from '~/utils/auth.server'
import { PracticeFeedback } from '~/modules/learning/components/practice-feedback'
import { PracticeTaskForm } from '~/modules/learning/components/practice-task-form'
import { REVIEW_PATH, topicPath } from '~/modules/learning/links'
import { AnswerInput, durationFromAttemptId, joinChoices, readPracticeQuery } from '~/modules/learning/practice-input'
import { nextTaskHref } from '~/modules/learning/practice-links'
import { attemptIdUsed, findPracticeTopic, nextPracticeTask, practiceTask } from '~/modules/learning/practice.server'
import { feedbackView } from '~/modules/learning/practice-view'
import { learnerClock } from '~/modules/learning/reviews.server'
import { topicStanding } from '~/modules/learning/topic-stats.server'
import { answerWithProgress } from '~/modules/progress-events.server'
import { ProgressNotice } from '~/components/progress-notice'
import { activityContext } from '~/utils/activity.server'
import { page } from '~/utils/http.server'
import { parseForm } from '~/utils/forms'
import { Page } from '~/components/ui/page'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Practise ${data.topic.title} — Questlog` : 'Practice — Questlog' },
]

/**
 * Practice one topic: one task at a time (toTaskView — never the answer), answered by a
 * plain POST; the feedback is rendered on this page. `?task=&attempt=&hints=` shows a
 * given task again with the same attempt id (hints, a refused answer); `?after=` asks
 * for another task than the one just answered.
 */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const topic = await findPracticeTopic(params.topicSlug ?? '')
  const url = new URL(request.url)
  const query = readPracticeQuery(url)
  const [shown, standing] = await Promise.all([
    query.taskId
      ? practiceTask(user.id, query.taskId, { topicId: topic.id, hints: query.hints })
      : nextPracticeTask(user.id, topic, { after: query.after }),
    topicStanding(user.id, topic.slug),
  ])
  // A used attempt id (a bookmarked form URL) would replay the old answer: offer a fresh one.
  const attemptId = query.attemptId && !(await attemptIdUsed(query.attemptId)) ? query.attemptId : ulid()
  return {
    topic: { slug: topic.slug, title: topic.title, subject: topic.subject },
    standing,
    path: url.pathname,
    shown: shown ? { task: shown.task, reason: shown.reason, hints: shown.hints } : null,
    attemptId,
  }
})

export const action = page(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const formData = await request.formData()
  const topic = await findPracticeTopic(params.topicSlug ?? '')
  const form = parseForm(joinChoices(formData), AnswerInput)
  if (!form.ok) return data(form, { status: 400 })
  const now = serverNow()
  const input = { ...form.value, durationMs: form.value.durationMs ?? durationFromAttemptId(form.value.attemptId, now) }
  const [answered, clock] = await Promise.all([
    answerWithProgress(user.id, input, {
      topicId: topic.id,
      now,
      context: activityContext(request, user.sessionId),
    }),
    learnerClock(user.id, now),
  ])
  return {
    ok: true as const,
    feedback: feedbackView(answered.result, answered.task, input.answer, clock.today),
    progress: answered.progress,
  }
})

export default function PracticePage() {
  const { topic, standing, path, shown, attemptId } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const topicHref = topicPath(topic.subject.slug, topic.slug)
  const refused = result && !result.ok ? result : null

  return (
    <Page titleId="practice-title" className="practice">
      <p className="practice-breadcrumb">
        <Link to={topicHref}>
          {topic.subject.title} › {topic.title}
        </Link>
      </p>
      <h1 id="practice-title">Practise: {topic.title}</h1>
      <p className="practice-standing">
        Level {standing.level} · {standing.currentXp} XP
        {standing.nextLevelAt !== null
          ? ` · ${standing.nextLevelAt - standing.currentXp} XP to level ${standing.level + 1}`
          : ' · top level'}
        {' · '}
        {standing.fullXpAnswersLeftToday > 0
          ? `${standing.fullXpAnswersLeftToday} more full-XP ${standing.fullXpAnswersLeftToday === 1 ? 'answer' : 'answers'} today`
          : 'full-XP answers used up for today: answers now earn less'}
      </p>

      {result?.ok ? (
        <PracticeFeedback
          feedback={result.feedback}
          next={{ href: nextTaskHref(path, result.feedback.taskId), label: 'Next task' }}
          news={<ProgressNotice events={result.progress} />}
        >
          <Link to={REVIEW_PATH} className="button secondary">
            Review queue
          </Link>
          <Link to={topicHref} className="button secondary">
            Back to {topic.title}
          </Link>
        </PracticeFeedback>
      ) : shown ? (
        <PracticeTaskForm
          key={`${shown.task.id}-${attemptId}`}
          task={shown.task}
          attemptId={attemptId}
          hints={shown.hints}
          path={path}
          badge={shown.reason}
          fieldErrors={refused?.fieldErrors}
          formErrors={refused?.formErrors}
          answer={refused?.values.answer}
        />
      ) : (
        <div className="card">
          <p>There are no tasks in this topic yet.</p>
          <Link to={topicHref}>Back to {topic.title}</Link>
        </div>
      )}
    </Page>
  )
}
