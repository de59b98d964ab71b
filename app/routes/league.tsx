import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page } from '~/components/ui/page'
import { leagueBoard } from '~/modules/challenges/league.server'
import { LEARN_PATH } from '~/modules/learning/links'
import { requireUser } from '~/utils/auth.server'
import { serverNow } from '~/utils/clock.server'
import { NotFound } from '~/utils/errors.server'
import { page } from '~/utils/http.server'
import { formatDayAndTime } from '~/utils/time'

export const meta: MetaFunction = () => [{ title: 'Your league — Questlog' }]

/**
 * The weekly league (docs/leagues.md): the viewer's cohort this week, ranked by the XP of their
 * answers; the top 5 go up a tier and the bottom 5 down when everyone's week has ended. Opening
 * it places a learner who has no cohort yet this week.
 */
export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireUser(request)
  const board = await leagueBoard(user.id, serverNow())
  if (!board) throw new NotFound('There is no league for this account.')
  return { board, timeZone: user.timezone }
})

const OUTCOME_TEXT = { promoted: 'moved up', stayed: 'stayed', demoted: 'moved down' } as const

export default function LeaguePage() {
  const { board, timeZone } = useLoaderData<typeof loader>()
  return (
    <Page titleId="league-title" className="league">
      <h1 id="league-title">{board.tierName} league</h1>
      <ol className="league-tiers plain-list inline-actions" aria-label="Tiers, lowest first">
        {board.tiers.map((t) => (
          <li
            key={t.tier}
            className={t.current ? 'badge' : 'badge muted'}
            aria-current={t.current ? 'true' : undefined}
          >
            {t.name}
          </li>
        ))}
      </ol>
      <p className="lead">
        You are <strong>#{board.me.rank}</strong> with <strong>{board.me.xp} XP</strong> this week.{' '}
        {board.me.zone === 'promotion'
          ? `Keep it up: the top ${board.promoted === 1 ? 'place goes' : `${board.promoted} places go`} up a tier.`
          : board.me.zone === 'demotion'
            ? 'You are in the bottom places: answer a few tasks to stay in this tier.'
            : null}
      </p>
      <p>
        Your week ends in <strong>{board.timeLeft}</strong> (
        <time dateTime={board.endsAt}>{formatDayAndTime(new Date(board.endsAt), timeZone)}</time>).{' '}
        <Link to={LEARN_PATH}>Practise now</Link>
      </p>
      {board.lastWeek ? (
        <p className="hint">
          Last week in {board.lastWeek.tierName}
          {board.lastWeek.rank ? ` you finished #${board.lastWeek.rank} and ` : ' you '}
          {board.lastWeek.outcome ? OUTCOME_TEXT[board.lastWeek.outcome] : 'are waiting for the final standings'}.
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="members-table league-board">
          <caption className="visually-hidden">Your cohort this week, most XP first</caption>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Learner</th>
              <th scope="col">XP</th>
              <th scope="col">Goes</th>
            </tr>
          </thead>
          <tbody>
            {board.rows.map((row, i) => (
              <tr key={i} aria-current={row.isMe ? 'true' : undefined} className={row.isMe ? 'is-me' : undefined}>
                <td>{row.rank}</td>
                <th scope="row">
                  {row.name}
                  {row.isMe ? <span className="badge"> You</span> : null}
                </th>
                <td>{row.xp}</td>
                <td>{row.zone === 'promotion' ? '▲ up' : row.zone === 'demotion' ? '▼ down' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        Only XP from answers counts. Learners who hide from boards (a profile setting) appear here as &ldquo;A
        learner&rdquo;.
      </p>
    </Page>
  )
}
