import { Link } from '@remix-run/react'
import type { EarnedBadge } from '../badge-rules'

/** The learner's challenge badges (the trophy page and the profile show it). */
export function ChallengeBadges({ badges, headingLevel = 2 }: { badges: EarnedBadge[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <section aria-labelledby="challenge-badges-title" className="challenge-badges">
      <Heading id="challenge-badges-title">Badges</Heading>
      {badges.length === 0 ? (
        <p>
          No badges yet. They are awarded when a <Link to="/challenges">challenge</Link> you take part in ends.
        </p>
      ) : (
        <ul className="plain-list trophy-grid">
          {badges.map((b) => (
            <li key={`${b.key}-${b.challenge.id}`} className="card trophy trophy-earned">
              <p className="badge-name">
                <span aria-hidden="true">{b.icon}</span> <strong>{b.name}</strong>
                {b.rank ? ` · rank ${b.rank}` : null}
              </p>
              {b.description ? <p>{b.description}</p> : null}
              <p className="hint">
                <Link to={`/challenges/${b.challenge.id}`}>{b.challenge.title}</Link> ·{' '}
                <time dateTime={b.awardedAt}>{b.awardedAt.slice(0, 10)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
