import type { ChallengeMetric } from '~/generated/prisma/client'
import { formatScore, scoreUnit } from '../scoring-rules'

interface Row {
  name: string
  score: number
  rank: number
  isMe: boolean
  hidden: boolean
}

export interface BoardData {
  top: Row[]
  around: Row[]
  me: { rank: number; score: number } | null
  meInTop: boolean
}

function Rows({ rows, metric }: { rows: Row[]; metric: ChallengeMetric }) {
  return (
    <>
      {rows.map((r, i) => (
        <tr
          key={`${r.rank}-${i}`}
          aria-current={r.isMe ? 'true' : undefined}
          className={r.isMe ? 'board-me' : undefined}
        >
          <td>{r.rank}</td>
          <td>
            {r.name}
            {r.isMe ? <strong> (you)</strong> : null}
            {r.hidden ? <span className="hint"> · hidden from public boards</span> : null}
          </td>
          <td className="numeric">{formatScore(metric, r.score)}</td>
        </tr>
      ))}
    </>
  )
}

/** A leaderboard: the top 10 and, when the viewer is further down, the viewer with their neighbours. */
export function LeaderboardTable({
  board,
  metric,
  caption,
  empty = 'Nobody has joined yet.',
}: {
  board: BoardData
  metric: ChallengeMetric
  caption: string
  empty?: string
}) {
  if (board.top.length === 0 && board.around.length === 0) return <p>{empty}</p>
  const unit = scoreUnit(metric)
  return (
    <table className="board-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Rank</th>
          <th scope="col">Learner</th>
          <th scope="col">{unit ? `Score (${unit})` : 'Score'}</th>
        </tr>
      </thead>
      <tbody>
        <Rows rows={board.top} metric={metric} />
      </tbody>
      {board.around.length > 0 ? (
        <tbody aria-label="Around you">
          <tr>
            <th scope="rowgroup" colSpan={3}>
              Around you
            </th>
          </tr>
          <Rows rows={board.around} metric={metric} />
        </tbody>
      ) : null}
    </table>
  )
}
