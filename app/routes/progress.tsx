import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { BarChart } from '~/components/ui/bar-chart'
import { requireUser } from '~/utils/auth.server'
import { LevelBar, MasteryList, StreakList, plural } from '~/modules/learning/components/progress-widgets'
import { LEARN_PATH, topicPath } from '~/modules/learning/links'
import { PROGRESS_DAYS } from '~/modules/learning/learn-format'
import { shortDayLabel } from '~/utils/time'
import { getProgress } from '~/modules/learning/progress.server'
import { page } from '~/utils/http.server'
import { Page } from '~/components/ui/page'

export const meta: MetaFunction = () => [{ title: 'Your progress — Questlog' }]

/** The signed-in learner's progress: XP per day for 30 days, streaks, mastery per concept and totals. */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  return getProgress(user.id)
})

type Data = ReturnType<typeof useLoaderData<typeof loader>>

function XpChart({ data }: { data: Data }) {
  const { series, summary, xpToday } = data
  const last = series.length - 1
  const bars = series.map((d, i) => ({
    key: d.day,
    label: shortDayLabel(d.day),
    value: d.xp,
    tick: (last - i) % 7 === 0 ? (i === last ? 'Today' : shortDayLabel(d.day)) : undefined,
  }))
  const description =
    summary.total === 0
      ? `No XP earned in the last ${PROGRESS_DAYS} days.`
      : `${summary.total} XP in the last ${PROGRESS_DAYS} days, earned on ${plural(summary.activeDays, 'day')}; ` +
        `the daily goal of ${xpToday.goal} XP was reached on ${plural(summary.goalDays, 'day')}.` +
        (summary.best ? ` Best day: ${shortDayLabel(summary.best.day)} with ${summary.best.xp} XP.` : '')
  return (
    <BarChart
      title={`XP per day, last ${PROGRESS_DAYS} days`}
      description={description}
      data={bars}
      unit="XP"
      categoryHeader="Day"
      reference={{ value: xpToday.goal, label: 'Daily goal' }}
    >
      The dashed line is {xpToday.source === 'team' ? 'your team’s' : 'your'} daily goal of {xpToday.goal} XP; days that
      reached it are darker.
    </BarChart>
  )
}

function Totals({ data }: { data: Data }) {
  const { totals } = data
  const accuracy = totals.answers > 0 ? Math.round((100 * totals.correct) / totals.answers) : null
  return (
    <section className="card" aria-labelledby="totals-title">
      <h2 id="totals-title">Totals</h2>
      <LevelBar progress={data.overall} xp={data.totalXp} name="Overall" />
      <dl className="facts">
        <dt>Total XP</dt>
        <dd>{data.totalXp}</dd>
        <dt>Answers</dt>
        <dd>
          {totals.answers}
          {accuracy === null ? null : ` (${totals.correct} correct, ${accuracy}%)`}
        </dd>
        <dt>Topics started</dt>
        <dd>{totals.topicsStarted}</dd>
        <dt>Concepts practised</dt>
        <dd>
          {totals.conceptsPractised}
          {totals.conceptsPractised > 0 ? ` (${totals.conceptsMastered} mastered)` : null}
        </dd>
      </dl>
    </section>
  )
}

export default function ProgressPage() {
  const data = useLoaderData<typeof loader>()
  return (
    <Page titleId="progress-title" className="learn">
      <h1 id="progress-title">Your progress</h1>
      <p className="lead">
        {data.totals.answers === 0 ? (
          <>
            Nothing here yet: <Link to={LEARN_PATH}>answer a first task</Link> and your progress appears on this page.
          </>
        ) : (
          <>
            Level {data.overall.level} overall · {data.xpToday.earned} XP today.{' '}
            <Link to={LEARN_PATH}>Back to your learning</Link>
          </>
        )}
      </p>

      <section aria-labelledby="chart-title">
        <h2 id="chart-title">XP per day</h2>
        <XpChart data={data} />
      </section>

      <div className="grid learn-today">
        <Totals data={data} />
        <section className="card" aria-labelledby="streaks-title">
          <h2 id="streaks-title">Streaks</h2>
          <StreakList streaks={data.streaks} />
        </section>
      </div>

      <section aria-labelledby="mastery-title">
        <h2 id="mastery-title">Mastery per concept</h2>
        <p>
          <Link to="/progress/mastery">Mastery over time, knowledge gaps and the evidence behind them</Link>
        </p>
        {data.mastery.length === 0 ? (
          <p>Answer a few tasks and each concept you practise shows up here, with how well you know it today.</p>
        ) : (
          <>
            <p className="hint">
              Attempted below 50, Familiar from 50, Proficient from 80, Mastered at 100 — mastery fades when reviews are
              skipped.
            </p>
            {data.mastery.map((group) => (
              <section
                key={group.topic?.slug ?? '(other)'}
                aria-labelledby={`mastery-${group.topic?.slug ?? 'other'}`}
                className="mastery-group"
              >
                <h3 id={`mastery-${group.topic?.slug ?? 'other'}`}>
                  {group.topic ? (
                    <Link to={topicPath(group.topic.subjectSlug, group.topic.slug)}>{group.topic.title}</Link>
                  ) : (
                    'Other concepts'
                  )}
                </h3>
                <MasteryList concepts={group.concepts} />
              </section>
            ))}
          </>
        )}
      </section>
    </Page>
  )
}
