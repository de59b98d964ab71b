import { Link } from '@remix-run/react'
import { formatDay } from '~/utils/time'
import type { RecentUnlock } from '../trophy-view'
import { RarityBadge, TrophyIcon } from './rarity-badge'
import { TROPHIES_PATH } from './unlock-notice'

/** The dashboard's "Recent achievements": the latest unlocks with their day, and the way to the trophy case. */
export function RecentAchievements({ unlocks, timeZone }: { unlocks: readonly RecentUnlock[]; timeZone: string }) {
  return (
    <section className="card recent-achievements" aria-labelledby="recent-achievements-title">
      <h2 id="recent-achievements-title">Recent achievements</h2>
      {unlocks.length === 0 ? (
        <p>None yet: keep practising, and your first one is not far away.</p>
      ) : (
        <ul className="plain-list trophy-list-compact">
          {unlocks.map((a) => (
            <li key={a.key}>
              <TrophyIcon icon={a.icon} /> <strong>{a.name}</strong> <RarityBadge rarity={a.rarity} />
              <span className="hint"> · {formatDay(a.unlockedAt, timeZone)}</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={TROPHIES_PATH}>All your trophies</Link>
      </p>
    </section>
  )
}
