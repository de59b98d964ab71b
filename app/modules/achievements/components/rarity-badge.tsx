const RARITY_NAMES: Record<string, string> = { common: 'Common', rare: 'Rare', epic: 'Epic', legendary: 'Legendary' }

/** "Epic", as a coloured badge (the word is always there: colour is never the only sign). */
export function RarityBadge({ rarity }: { rarity: string }) {
  return <span className={`badge rarity rarity-${rarity}`}>{RARITY_NAMES[rarity] ?? rarity}</span>
}

/** The achievement's emoji, hidden from screen readers (its name says what it is). */
export function TrophyIcon({ icon }: { icon: string | null }) {
  return (
    <span className="trophy-icon" aria-hidden="true">
      {icon ?? '🏆'}
    </span>
  )
}
