import { renderToStaticMarkup } from 'react-dom/server'
import { StaticRouter } from 'react-router-dom/server'
import { describe, expect, it } from 'vitest'
import { UnlockNotice } from './unlock-notice'

const render = (unlocked: Parameters<typeof UnlockNotice>[0]['unlocked']) =>
  renderToStaticMarkup(
    <StaticRouter location="/practice/fractions">
      <UnlockNotice unlocked={unlocked} />
    </StaticRouter>,
  )

describe('UnlockNotice', () => {
  it('announces each unlock with its icon, name, rarity and XP, and links to the trophies', () => {
    const html = render([
      { key: 'first-answer', name: 'First steps', icon: '🌱', rarity: 'common', xpReward: 5 },
      { key: 'winter', name: 'Winter scholar', icon: null, rarity: 'legendary', xpReward: 0 },
    ])
    expect(html).toContain('role="status"')
    expect(html).toContain('aria-label="2 achievements unlocked"')
    expect(html).toContain('<strong>First steps</strong>')
    expect(html).toContain('🌱')
    expect(html).toContain('Common')
    expect(html).toContain('+5 XP')
    expect(html).toContain('Legendary')
    expect(html.match(/XP/g)).toHaveLength(1)
    expect(html).toContain('href="/achievements"')
  })

  it('says "Achievement unlocked" for one, and renders nothing for none', () => {
    expect(render([{ key: 'a', name: 'A', icon: '⭐', rarity: 'rare', xpReward: 10 }])).toContain(
      'Achievement unlocked',
    )
    expect(render([])).toBe('')
  })
})
