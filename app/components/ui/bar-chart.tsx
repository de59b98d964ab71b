import { type ReactNode, useId } from 'react'

/**
 * A column chart as inline SVG: one bar per category, an optional reference line (a goal),
 * a <title> and <desc> for the picture as a whole, and a visually hidden table with every
 * number for screen readers. Positions are SVG attributes, so it needs no inline styles.
 */
export interface BarDatum {
  key: string
  /** full name of the category, e.g. "3 Mar" */
  label: string
  value: number
  /** text under the bar; leave it out to keep the axis readable */
  tick?: string
}

const WIDTH = 640
const HEIGHT = 220
const MARGIN = { top: 18, right: 12, bottom: 28, left: 44 }

/** The smallest 1, 2 or 5 × 10^k that is at least `value` (1 for nothing). */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1
  const magnitude = 10 ** Math.floor(Math.log10(value))
  return [1, 2, 5, 10].map((f) => f * magnitude).find((v) => v >= value - 1e-9) ?? 10 * magnitude
}

export function BarChart({
  title,
  description,
  data,
  unit,
  categoryHeader,
  reference,
  children,
}: {
  title: string
  /** one or two sentences that sum the chart up */
  description: string
  data: readonly BarDatum[]
  /** unit of the values, e.g. "XP" */
  unit: string
  /** header of the category column of the hidden table, e.g. "Day" */
  categoryHeader: string
  /** a horizontal line, e.g. the daily goal */
  reference?: { value: number; label: string }
  /** a visible caption or legend under the chart */
  children?: ReactNode
}) {
  const id = useId()
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom
  const top = niceCeiling(Math.max(0, reference?.value ?? 0, ...data.map((d) => d.value)))
  const y = (value: number) => MARGIN.top + plotHeight - (Math.max(0, value) / top) * plotHeight
  const step = data.length > 0 ? plotWidth / data.length : plotWidth
  const barWidth = step * 0.7
  const round = (n: number) => Number(n.toFixed(2))

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {[0, top / 2, top].map((tick) => (
          <g key={tick} className="chart-grid">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={round(y(tick))} y2={round(y(tick))} />
            <text x={MARGIN.left - 6} y={round(y(tick))} textAnchor="end" dominantBaseline="middle">
              {Number(tick.toFixed(1))}
            </text>
          </g>
        ))}
        {data.map((d, i) => {
          const x = MARGIN.left + i * step + (step - barWidth) / 2
          const met = reference !== undefined && d.value >= reference.value && d.value > 0
          return (
            <g key={d.key} className={met ? 'chart-bar met' : 'chart-bar'}>
              <rect
                x={round(x)}
                y={round(y(d.value))}
                width={round(barWidth)}
                height={round(Math.max(0, (Math.max(0, d.value) / top) * plotHeight))}
              >
                <title>{`${d.label}: ${d.value} ${unit}`}</title>
              </rect>
              {d.tick ? (
                <text x={round(x + barWidth / 2)} y={HEIGHT - MARGIN.bottom + 16} textAnchor="middle">
                  {d.tick}
                </text>
              ) : null}
            </g>
          )
        })}
        {reference ? (
          <g className="chart-reference">
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={round(y(reference.value))}
              y2={round(y(reference.value))}
            />
            <text x={MARGIN.left + 6} y={round(y(reference.value)) - 5}>
              {`${reference.label}: ${reference.value} ${unit}`}
            </text>
          </g>
        ) : null}
      </svg>
      {children ? <figcaption>{children}</figcaption> : null}
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{categoryHeader}</th>
            <th scope="col">{unit}</th>
            {reference ? <th scope="col">{`${reference.label} reached`}</th> : null}
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.key}>
              <th scope="row">{d.label}</th>
              <td>{d.value}</td>
              {reference ? <td>{d.value >= reference.value && d.value > 0 ? 'yes' : 'no'}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
