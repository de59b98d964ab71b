import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { requireUser } from '~/utils/auth.server'
import { DailyGoal, StreakList, TopicCard, plural } from '~/modules/learning/components/progress-widgets'
import { getDashboard } from '~/modules/learning/dashboard.server'
import { PROGRESS_PATH, REVIEW_PATH, practicePath, subjectPath, topicPath } from '~/modules/learning/links'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { parseForm } from '~/utils/forms'
import { formValues } from '~/utils/api.server'
import { answerSuggestion, dashboardSuggestions } from '~/modules/tutor/suggestions.server'
import { serverNow } from '~/utils/clock.server'
import { Page } from '~/components/ui/page'
import { RecentAchievements } from '~/modules/achievements/components/recent-achievements'
import { recentUnlocks } from '~/modules/achievements/trophies.server'

export const meta: MetaFunction = () => [{ title: 'Your learning — Questlog' }]

/**
 * The learner's dashboard: every topic they study with its level, today's goal, streaks, reviews and
 * gaps, and their latest achievements (achievements' read, loaded here: learning cannot import it).
 */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const now = serverNow()
  const [dashboard, unlocks] = await Promise.all([getDashboard(user.id, now), recentUnlocks(user.id, 3)])
  const suggestions = await dashboardSuggestions(user.id, dashboard, now)
  return { ...dashboard, suggestions, achievements: { recent: unlocks, timeZone: user.timezone } }
})

const SuggestionAnswer = z.object({
  intent: z.enum(['accept-suggestion', 'dismiss-suggestion'], { message: 'Choose Accept or Dismiss.' }),
  suggestionId: z.string().trim().min(1, 'Which suggestion is missing.').max(40),
})

/** Accept (→ the suggestion's target) or Dismiss (→ back here with a toast) one of the learner's suggestions. */
export const action = page(async ({ request }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const formData = await request.formData()
  const form = parseForm(formData, SuggestionAnswer)
  if (!form.ok) return refuseForm(form, { values: formValues(formData) })
  const { intent, suggestionId } = form.value
  try {
    const accepted = intent === 'accept-suggestion'
    const { href } = await answerSuggestion(user.id, suggestionId, accepted, serverNow())
    return accepted
      ? redirectWithToast(href, { kind: 'info', message: 'Suggestion accepted.' })
      : redirectWithToast('/learn', { kind: 'info', message: 'Suggestion dismissed.' })
  } catch (error) {
    return refuseForm(error, { intent })
  }
})

type Data = ReturnType<typeof useLoaderData<typeof loader>>

function StartHere({ data }: { data: Data }) {
  const first = data.subjects.flatMap((s) => s.topics)[0]
  return (
    <section className="card learn-start" aria-labelledby="start-title">
      <h2 id="start-title">Start here</h2>
      <p>
        Pick a topic and answer your first task. Each correct answer earns XP; reach {data.xpToday.goal} XP in a day to
        start a streak. Tasks you answer come back for review just before you would forget them.
      </p>
      {first ? (
        <p>
          <Link className="button" to={practicePath(first.slug)}>
            Start with {first.title}
          </Link>
        </p>
      ) : null}
    </section>
  )
}

function Today({ data }: { data: Data }) {
  const { reviews } = data
  const heldBack = reviews.due - reviews.offered
  return (
    <div className="grid learn-today">
      <section className="card" aria-labelledby="goal-title">
        <h2 id="goal-title">Today</h2>
        <DailyGoal xpToday={data.xpToday} />
      </section>
      <section className="card" aria-labelledby="streaks-title">
        <h2 id="streaks-title">Streaks</h2>
        <StreakList streaks={data.streaks} />
      </section>
      <section className="card" aria-labelledby="reviews-title">
        <h2 id="reviews-title">Reviews</h2>
        {reviews.offered > 0 ? (
          <>
            <p>
              <strong>{plural(reviews.offered, 'review')}</strong> due now.
            </p>
            <p>
              <Link className="button" to={REVIEW_PATH}>
                Start reviewing
              </Link>
            </p>
          </>
        ) : (
          <p>{reviews.due > 0 ? 'You have done today’s reviews.' : 'No reviews are due right now.'}</p>
        )}
        <p className="hint">
          {reviews.reviewedToday > 0
            ? `${plural(reviews.reviewedToday, 'review')} done today (at most ${reviews.cap} a day). `
            : null}
          {heldBack > 0 ? `${heldBack} more will wait for tomorrow.` : null}
        </p>
      </section>
    </div>
  )
}

function Gaps({ data }: { data: Data }) {
  if (data.gaps.length === 0) return null
  return (
    <section aria-labelledby="gaps-title">
      <h2 id="gaps-title">Practise next</h2>
      <p className="hint">
        Concepts you have started that are not yet proficient — or are fading since your last review.
      </p>
      <ul className="plain-list stack-list">
        {data.gaps.map((gap) => (
          <li key={gap.concept} className="gap-item">
            <span>
              <strong>{gap.label}</strong> in{' '}
              <Link to={topicPath(gap.topic.subjectSlug, gap.topic.slug)}>{gap.topic.title}</Link>
              <span className="hint">
                {' '}
                · {gap.levelLabel}, {gap.mastery} of 100
              </span>
            </span>
            <Link className="button secondary" to={practicePath(gap.topic.slug)}>
              Practise<span className="visually-hidden"> {gap.topic.title}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Suggestions({ data }: { data: Data }) {
  if (data.suggestions.length === 0) return null
  return (
    <section className="card" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">Suggested for you</h2>
      <ul className="plain-list stack-list">
        {data.suggestions.map((s) => (
          <li key={s.id} className="gap-item">
            <span>{s.title}</span>
            <Form method="post" replace>
              <input type="hidden" name="suggestionId" value={s.id} />
              <button className="button" type="submit" name="intent" value="accept-suggestion">
                Accept<span className="visually-hidden">: {s.title}</span>
              </button>{' '}
              <button className="button secondary" type="submit" name="intent" value="dismiss-suggestion">
                Dismiss<span className="visually-hidden">: {s.title}</span>
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Topics({ data }: { data: Data }) {
  if (data.subjects.length === 0) {
    return (
      <section aria-labelledby="topics-title">
        <h2 id="topics-title">Your topics</h2>
        <p>There are no topics to study yet. Please come back soon.</p>
      </section>
    )
  }
  return (
    <section aria-labelledby="topics-title">
      <h2 id="topics-title">Your topics</h2>
      {data.subjects.map((subject) => (
        <section key={subject.slug} aria-labelledby={`subject-${subject.slug}`}>
          <h3 id={`subject-${subject.slug}`}>
            <Link to={subjectPath(subject.slug)}>{subject.title}</Link>
          </h3>
          <ul className="plain-list topic-grid">
            {subject.topics.map((topic) => (
              <TopicCard key={topic.slug} topic={topic} subjectSlug={subject.slug} heading="h4">
                <p className="hint">
                  {topic.remainingFullXp > 0
                    ? `${topic.remainingFullXp} of ${topic.dailyFullTasks} answers left at full XP today`
                    : 'Full XP used up for today: answers still earn reduced XP'}
                  {topic.dueReviews > 0 ? ` · ${plural(topic.dueReviews, 'review')} due` : null}
                </p>
              </TopicCard>
            ))}
          </ul>
        </section>
      ))}
    </section>
  )
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>()
  return (
    <Page titleId="learn-title" className="learn">
      <h1 id="learn-title">{data.firstVisit ? 'Welcome to your learning' : 'Your learning'}</h1>
      <p className="lead">
        {data.firstVisit
          ? 'Short tasks, a little every day. Here is how to begin.'
          : `Level ${data.overall.level} overall with ${data.totalXp} XP. `}
        {data.firstVisit ? null : <Link to={PROGRESS_PATH}>See your progress</Link>}
        {data.firstVisit ? ' ' : ' · '}
        <Link to="/lessons">Your team’s lessons</Link>
      </p>
      {data.firstVisit ? <StartHere data={data} /> : null}
      <Today data={data} />
      <RecentAchievements unlocks={data.achievements.recent} timeZone={data.achievements.timeZone} />
      <Suggestions data={data} />
      <Gaps data={data} />
      <Topics data={data} />
    </Page>
  )
}
