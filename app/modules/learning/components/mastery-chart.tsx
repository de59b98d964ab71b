import { Link } from '@remix-run/react'
import { useId } from 'react'
import { shortDayLabel } from '~/utils/time'
import { KNOWLEDGE_GAP_BELOW, MASTERY_LABELS } from '../mastery'
import { CHART, type ConceptHistory, type EvidenceLink, chartGeometry } from '../mastery-history-view'

/**
 * One concept's mastery over time as inline SVG (a step line: mastery holds until the next
 * change; the dashed line is the knowledge-gap threshold), with <title>/<desc> for the picture
 * and a visible table of every point with the evidence behind it, linked.
 */
export function MasteryChart({ history, now }: { history: ConceptHistory; now: string }) {
  const id = useId()
  const { width, height, margin } = CHART
  const { dots, line, y, gapLine } = chartGeometry(history.points, new Date(now))
  const first = history.points[0]
  const description = first
    ? `${history.points.length} recorded ${history.points.length === 1 ? 'change' : 'changes'} since ${shortDayLabel(first.day)}; ` +
      `${history.mastery} of 100 today (${MASTERY_LABELS[history.level]}).`
    : `No change recorded yet; ${history.mastery} of 100 today.`
  return (
    <figure className="chart mastery-chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} focusable="false">
        <title id={`${id}-title`}>{`Mastery of ${history.label} over time`}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {[0, 50, 100].map((tick) => (
          <g key={tick} className="chart-grid">
            <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} />
            <text x={margin.left - 6} y={y(tick)} textAnchor="end" dominantBaseline="middle">
              {tick}
            </text>
          </g>
        ))}
        <g className="chart-reference">
          <line x1={margin.left} x2={width - margin.right} y1={gapLine} y2={gapLine} />
          <text x={margin.left + 6} y={gapLine - 5}>{`Proficient: ${KNOWLEDGE_GAP_BELOW}`}</text>
        </g>
        {line ? <polyline className="chart-line" points={line} fill="none" /> : null}
        {dots.map((d, i) => (
          <circle key={i} className="chart-dot" cx={d.x} cy={d.y} r={4}>
            <title>{`${shortDayLabel(history.points[i]!.day)}: ${history.points[i]!.mastery}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption>{description}</figcaption>
      {history.points.length > 0 ? (
        <table className="evidence-table">
          <caption>{`Evidence behind each point of ${history.label}`}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Mastery</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {history.points.map((p, i) => (
              <tr key={i}>
                <th scope="row">{shortDayLabel(p.day)}</th>
                <td>{p.mastery}</td>
                <td>
                  <Evidence evidence={p.evidence} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </figure>
  )
}

function Evidence({ evidence }: { evidence: EvidenceLink }) {
  if (evidence.kind === 'note') return <>{evidence.text}</>
  if (evidence.kind === 'tutor') return <Link to={evidence.href}>{evidence.text}</Link>
  return (
    <>
      {evidence.href ? <Link to={evidence.href}>{evidence.text}</Link> : evidence.text}
      {evidence.fromTutor ? (
        <>
          {' · '}
          <Link to={evidence.fromTutor.href}>the tutor answer it came from</Link>
        </>
      ) : null}
    </>
  )
}
