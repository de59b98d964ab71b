import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requireUser } from '~/utils/auth.server'
import { LevelBar, MasteryList } from '~/modules/learning/components/progress-widgets'
import {
  LEARN_PATH,
  MAX_SLUG_LENGTH,
  REVIEW_PATH,
  SLUG_PATTERN,
  practicePath,
  subjectPath,
} from '~/modules/learning/links'
import { shortDayLabel } from '~/utils/time'
import { getTopicPage } from '~/modules/learning/topic-pages.server'
import { invariantResponse, page } from '~/utils/http.server'
import { Page } from '~/components/ui/page'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.topic.title} — Questlog` : 'Topic — Questlog' },
]

const Slug = z.string().max(MAX_SLUG_LENGTH).regex(SLUG_PATTERN)
const Params = z.object({ subjectSlug: Slug, topicSlug: Slug })

/** One topic: the signed-in learner's level and XP in it, its concepts with their mastery, and its due reviews. */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const parsed = Params.safeParse(params)
  invariantResponse(parsed.success, 'There is no such topic.', { status: 404 })
  return getTopicPage(user.id, parsed.data.subjectSlug, parsed.data.topicSlug)
})

export default function TopicPage() {
  const data = useLoaderData<typeof loader>()
  const { topic, subject } = data
  return (
    <Page titleId="topic-title" className="learn">
      <nav aria-label="Breadcrumb">
        <p>
          <Link to={LEARN_PATH}>Your learning</Link> › <Link to={subjectPath(subject.slug)}>{subject.title}</Link>
        </p>
      </nav>
      <h1 id="topic-title">{topic.title}</h1>
      {topic.description ? <p className="lead">{topic.description}</p> : null}
      <p>
        <Link className="button" to={practicePath(topic.slug)}>
          Practise {topic.title}
        </Link>
      </p>

      <div className="grid learn-today">
        <section className="card" aria-labelledby="level-title">
          <h2 id="level-title">Your level</h2>
          <LevelBar progress={data.progress} xp={data.currentXp} name={topic.title} />
          <dl className="facts">
            <dt>XP</dt>
            <dd>
              {data.currentXp} of {topic.maxXp}
            </dd>
            <dt>Full-XP answers left today</dt>
            <dd>
              {data.remainingFullXp} of {topic.dailyFullTasks}
            </dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="tasks-title">
          <h2 id="tasks-title">Tasks and reviews</h2>
          <dl className="facts">
            <dt>Tasks</dt>
            <dd>
              {data.taskCount}
              {data.answeredTasks > 0 ? ` (${data.answeredTasks} answered)` : null}
            </dd>
            <dt>Reviews due</dt>
            <dd>{data.dueReviews}</dd>
            {data.nextReviewDay ? (
              <>
                <dt>Next review</dt>
                <dd>
                  <time dateTime={data.nextReviewDay}>{shortDayLabel(data.nextReviewDay)}</time>
                </dd>
              </>
            ) : null}
            {topic.difficulty ? (
              <>
                <dt>Difficulty</dt>
                <dd>{topic.difficulty}</dd>
              </>
            ) : null}
          </dl>
          {data.dueReviews > 0 && data.reviewsOfferedToday > 0 ? (
            <p>
              <Link to={REVIEW_PATH}>Open your reviews</Link>{' '}
              <span className="hint">(oldest due first, across your topics)</span>
            </p>
          ) : null}
        </section>
      </div>

      <section aria-labelledby="concepts-title">
        <h2 id="concepts-title">Concepts</h2>
        <p className="hint">
          Attempted below 50, Familiar from 50, Proficient from 80, Mastered at 100 — mastery fades when reviews are
          skipped.
        </p>
        {data.concepts.length === 0 ? (
          <p>This topic lists no concepts yet.</p>
        ) : (
          <MasteryList concepts={data.concepts} />
        )}
      </section>
    </Page>
  )
}
