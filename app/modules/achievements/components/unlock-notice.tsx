import { Link } from '@remix-run/react'
import { RarityBadge, TrophyIcon } from './rarity-badge'

export const TROPHIES_PATH = '/achievements'

export interface UnlockNoticeItem {
  key: string
  name: string
  icon: string | null
  rarity: string
  xpReward: number
}

/**
 * "Achievement unlocked": the achievements an answer (or any event) unlocked, for the page that
 * shows its result. A live region, so a screen reader announces it; plain HTML, so it works
 * without JavaScript. Nothing when the list is empty.
 */
export function UnlockNotice({ unlocked }: { unlocked: readonly UnlockNoticeItem[] }) {
  if (unlocked.length === 0) return null
  const title = unlocked.length === 1 ? 'Achievement unlocked' : `${unlocked.length} achievements unlocked`
  return (
    <section className="notice unlock-notice" role="status" aria-label={title}>
      <h3>{title}</h3>
      <ul className="plain-list trophy-list-compact">
        {unlocked.map((a) => (
          <li key={a.key}>
            <TrophyIcon icon={a.icon} /> <strong>{a.name}</strong> <RarityBadge rarity={a.rarity} />
            {a.xpReward > 0 ? <span className="unlock-xp"> +{a.xpReward} XP</span> : null}
          </li>
        ))}
      </ul>
      <p>
        <Link to={TROPHIES_PATH}>See your trophies</Link>
      </p>
    </section>
  )
}
