import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { ProgressBar } from './progress-bar'

describe('ProgressBar', () => {
  it.each([
    [0.4, '40'],
    [1.7, '100'],
    [-1, '0'],
    [Number.NaN, '0'],
  ])('fraction %d → aria-valuenow %s', (fraction, now) => {
    const html = renderToStaticMarkup(<ProgressBar fraction={fraction} label="To level 3" valueText="some text" />)
    expect(html).toContain(`aria-valuenow="${now}"`)
    expect(html).toContain('role="progressbar"')
    expect(html).toContain('aria-label="To level 3"')
    expect(html).toContain('aria-valuetext="some text"')
    expect(html).not.toContain('style=')
  })

  it('uses a visible label when given one', () => {
    const html = renderToStaticMarkup(<ProgressBar fraction={0.5} labelledBy="name" label="ignored" valueText="half" />)
    expect(html).toContain('aria-labelledby="name"')
    expect(html).not.toContain('aria-label=')
  })
})
