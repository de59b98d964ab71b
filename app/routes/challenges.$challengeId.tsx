import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { BarChart } from '~/components/ui/bar-chart'
import { ErrorSummary } from '~/components/ui/error-summary'
import { Page } from '~/components/ui/page'
import { SubmitButton } from '~/components/ui/submit-button'
import { ChallengePageAction } from '~/modules/challenges/challenge-input'
import { detailOf } from '~/modules/challenges/challenge-detail.server'
import { STATUS_LABEL } from '~/modules/challenges/challenge-rules'
import { challengeAccess, joinChallenge, leaveChallenge } from '~/modules/challenges/challenges.server'
import { LeaderboardTable } from '~/modules/challenges/components/challenge-board'
import { METRIC_HINT, METRIC_LABEL, formatScore, isScoredMetric, scoreUnit } from '~/modules/challenges/scoring-rules'
import { requireUser } from '~/utils/auth.server'
import { serverNow } from '~/utils/clock.server'
import { parseForm } from '~/utils/forms'
import { page, redirectWithToast, refuseForm } from '~/utils/http.server'
import { formatDayAndTime, shortDayLabel } from '~/utils/time'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.detail.challenge.title ?? 'Challenge'} — Questlog` },
]

/** One challenge: its window in the learner's time zone, the board (top 10, me and my neighbours), join/leave, my score by day. */
export const loader = page(async ({ request, params }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const now = serverNow()
  const detail = await detailOf(await challengeAccess(user, params.challengeId), user, now)
  return {
    detail,
    starts: formatDayAndTime(new Date(detail.challenge.startDate), user.timezone),
    ends: formatDayAndTime(new Date(detail.challenge.endDate), user.timezone),
    timeZone: user.timezone,
  }
})

export const action = page(async ({ request, params }: ActionFunctionArgs) => {
  const user = await requireUser(request)
  const form = parseForm(await request.formData(), ChallengePageAction)
  if (!form.ok) return refuseForm(form)
  const access = await challengeAccess(user, params.challengeId)
  const now = serverNow()
  try {
    if (form.value.intent === 'join') {
      await joinChallenge(access, user.id, now)
      return redirectWithToast(`/challenges/${access.challenge.id}`, 'You joined the challenge. Good luck!')
    }
    await leaveChallenge(access, user.id, now)
    return redirectWithToast(`/challenges/${access.challenge.id}`, 'You left the challenge.')
  } catch (error) {
    return refuseForm(error, { intent: form.value.intent })
  }
})

export default function ChallengePage() {
  const { detail, starts, ends, timeZone } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { challenge, board } = detail
  const metric = challenge.metric
  const running = challenge.status === 'running'
  return (
    <Page titleId="challenge-title" className="challenge-page">
      <p>
        <Link to="/challenges">All challenges</Link>
      </p>
      <h1 id="challenge-title">{challenge.title}</h1>
      <p>
        <span className="badge">{STATUS_LABEL[challenge.status]}</span> {METRIC_LABEL[metric]}
        {isScoredMetric(metric) ? <span className="hint"> — {METRIC_HINT[metric]}</span> : null}
      </p>
      {challenge.description ? <p>{challenge.description}</p> : null}
      <dl className="facts">
        <dt>For</dt>
        <dd>{challenge.team ? `Team ${challenge.team.name}` : 'Everyone'}</dd>
        <dt>Window</dt>
        <dd>
          <time dateTime={challenge.startDate}>{starts}</time> – <time dateTime={challenge.endDate}>{ends}</time>{' '}
          <span className="hint">({timeZone})</span>
        </dd>
        {detail.timeLeft ? (
          <>
            <dt>{challenge.status === 'upcoming' ? 'Starts in' : 'Time left'}</dt>
            <dd data-testid="time-left">{detail.timeLeft}</dd>
          </>
        ) : null}
        {challenge.topics.length ? (
          <>
            <dt>Topics</dt>
            <dd>{challenge.topics.join(', ')}</dd>
          </>
        ) : null}
        {challenge.concepts.length ? (
          <>
            <dt>Concepts</dt>
            <dd>{challenge.concepts.join(', ')}</dd>
          </>
        ) : null}
        <dt>Difficulty</dt>
        <dd>{challenge.difficulty}</dd>
      </dl>

      <ErrorSummary fieldErrors={result?.fieldErrors} formErrors={result?.formErrors} />
      {challenge.status === 'ended' ? (
        <p role="status">
          This challenge has ended
          {challenge.finalizedAt ? ': the standings are final.' : '; the final standings follow shortly.'}
        </p>
      ) : detail.joined ? (
        <Form method="post">
          <SubmitButton name="intent" value="leave" className="button secondary" pendingText="Leaving…">
            Leave the challenge
          </SubmitButton>
        </Form>
      ) : detail.mayJoin ? (
        <Form method="post">
          <SubmitButton name="intent" value="join" pendingText="Joining…">
            Join the challenge
          </SubmitButton>
        </Form>
      ) : null}

      <section aria-labelledby="board-title">
        <h2 id="board-title">Leaderboard</h2>
        {board.me ? (
          <p data-testid="my-rank">
            Your rank: <strong>{board.me.rank}</strong> with {formatScore(metric, board.me.score)} {scoreUnit(metric)}.
          </p>
        ) : null}
        <LeaderboardTable board={board} metric={metric} caption={`Leaderboard of ${challenge.title}`} />
      </section>

      {detail.chart.length > 0 ? (
        <section aria-labelledby="chart-title">
          <h2 id="chart-title">{metric === 'retention' ? 'Your reviews by day' : 'Your score over the window'}</h2>
          <BarChart
            title={metric === 'retention' ? 'In-scope answers per day' : `${METRIC_LABEL[metric]} by day`}
            description={
              metric === 'retention'
                ? 'How many in-scope answers you gave on each day of the challenge: spread out is better.'
                : `Your score at the end of each day of the challenge${running ? ' so far' : ''}.`
            }
            data={detail.chart.map((d, i) => ({
              key: d.day,
              label: shortDayLabel(d.day),
              value: d.value,
              tick:
                detail.chart.length <= 10 || i % Math.ceil(detail.chart.length / 7) === 0
                  ? shortDayLabel(d.day)
                  : undefined,
            }))}
            unit={metric === 'retention' ? 'answers' : scoreUnit(metric)}
            categoryHeader="Day"
          />
        </section>
      ) : null}
    </Page>
  )
}
