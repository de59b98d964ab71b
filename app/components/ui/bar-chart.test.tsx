import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { BarChart, niceCeiling } from './bar-chart'

describe('niceCeiling', () => {
  it.each([
    [0, 1],
    [0.4, 0.5],
    [1, 1],
    [7, 10],
    [10, 10],
    [11, 20],
    [150, 200],
    [201, 500],
    [999, 1000],
  ])('%d → %d', (value, ceiling) => {
    expect(niceCeiling(value)).toBeCloseTo(ceiling, 10)
  })
})

describe('BarChart', () => {
  const data = [
    { key: '2026-03-09', label: '9 Mar', value: 0, tick: '9 Mar' },
    { key: '2026-03-10', label: '10 Mar', value: 15 },
  ]
  const html = renderToStaticMarkup(
    <BarChart
      title="XP per day"
      description="15 XP in 2 days."
      data={data}
      unit="XP"
      categoryHeader="Day"
      reference={{ value: 10, label: 'Daily goal' }}
    />,
  )

  it('is an SVG image named by its title and described by its desc', () => {
    const labelledBy = /<svg[^>]*role="img"[^>]*aria-labelledby="([^"]+)"/.exec(html)?.[1]?.split(' ')
    expect(labelledBy).toHaveLength(2)
    expect(html).toContain(`<title id="${labelledBy![0]}">XP per day</title>`)
    expect(html).toContain(`<desc id="${labelledBy![1]}">15 XP in 2 days.</desc>`)
  })

  it('has a visually hidden table with every number, zero days included', () => {
    const table = /<table class="visually-hidden">.*<\/table>/.exec(html)?.[0] ?? ''
    expect(table).toContain('<caption>XP per day</caption>')
    expect(table).toContain('<th scope="row">9 Mar</th><td>0</td><td>no</td>')
    expect(table).toContain('<th scope="row">10 Mar</th><td>15</td><td>yes</td>')
  })

  it('draws one bar a day and the goal line, with no inline style (CSP)', () => {
    expect(html.match(/class="chart-bar/g)).toHaveLength(2)
    expect(html).toContain('class="chart-bar met"')
    expect(html).toContain('Daily goal: 10 XP')
    expect(html).not.toContain('style=')
  })
})
