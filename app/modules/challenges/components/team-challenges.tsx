import { Link } from '@remix-run/react'
import { formatDay } from '~/utils/time'
import { STATUS_LABEL } from '../challenge-rules'
import { METRIC_LABEL } from '../scoring-rules'
import type { ChallengeMetric } from '~/generated/prisma/client'
import type { ChallengeStatus } from '../challenge-rules'

export interface TeamChallengeItem {
  id: string
  title: string
  metric: ChallengeMetric
  status: ChallengeStatus
  startDate: string
  endDate: string
}

/** The team page's list of the team's challenges (running and upcoming, then the last ended). */
export function TeamChallenges({
  challenges,
  timeZone,
  canCreate,
}: {
  challenges: TeamChallengeItem[]
  timeZone: string
  canCreate: boolean
}) {
  return (
    <section aria-labelledby="team-challenges-title">
      <h2 id="team-challenges-title">Challenges</h2>
      {challenges.length === 0 ? (
        <p>This team has no challenges yet.</p>
      ) : (
        <ul className="plain-list stack-list">
          {challenges.map((c) => (
            <li key={c.id}>
              <Link to={`/challenges/${c.id}`}>{c.title}</Link> <span className="badge">{STATUS_LABEL[c.status]}</span>{' '}
              <span className="hint">
                {METRIC_LABEL[c.metric]} · {formatDay(c.startDate, timeZone)} – {formatDay(c.endDate, timeZone)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canCreate ? (
        <p>
          <Link to="/challenges#create-challenge-title">Create a challenge for this team</Link>
        </p>
      ) : null}
    </section>
  )
}
