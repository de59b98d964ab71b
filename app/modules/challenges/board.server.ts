import type { InValue, Row } from '@libsql/client'
import { displayName } from '~/modules/teams/format'
import { databaseReady, toDbTimestamp } from '~/utils/db.server'
import {
  NEIGHBOURS,
  type RankedRow,
  TOP,
  boardView,
  competitionRanks,
  higherScoreRanges,
  rankFromHigher,
} from './ranking-rules'

/**
 * Leaderboards (docs/challenges.md, "Boards"). A challenge board is read without visiting every
 * participant, so that it costs about the same at 100k participants as at 1k:
 *  - the viewer's entry: one unique-index seek;
 *  - their rank: 1 + the number of higher scores, summed from LeaderboardScoreCount (counts of
 *    the scores in buckets of widths 1, 32 and 1024, kept by triggers on LeaderboardEntry): at
 *    most about 32 rows a level, whatever the number of participants (`higherScores`);
 *  - the top: the (challengeId, score) index read backwards, stopping after 10 visible rows;
 *  - the neighbours: two seeks from the viewer's (score, rowid) position, one each way; their
 *    ranks are read like the viewer's.
 * Inside a tie rows are listed by (score, rowid) of the index, the order they joined, latest
 * first; they share the rank (ranking-rules.ts). Rows of learners hidden from public boards are
 * skipped for viewers who may not see them, and ranks stay everyone's true standing.
 */

interface RankedEntry extends RankedRow {
  /** the learner hides from public boards (shown only to the viewers allowed to see them) */
  hidden: boolean
}

/** A row as pages and APIs get it: names and ranks, never user ids. */
export type BoardRow = Omit<RankedEntry, 'userId'>

const publicRow = ({ userId: _userId, ...row }: RankedEntry): BoardRow => row

export interface Board {
  top: BoardRow[]
  /** the viewer and up to NEIGHBOURS visible participants each side, when the viewer is not in the top */
  around: BoardRow[]
  /** the viewer's own standing (also when hidden), null when not taking part */
  me: { rank: number; score: number } | null
  meInTop: boolean
}

export interface BoardViewer {
  userId: string
  /** team admins and platform staff see hidden learners too */
  seesHidden: boolean
}

interface EntryRow {
  rowid: number
  userId: string
  score: number
  name: string
  hidden: boolean
}

const ENTRY_COLUMNS = `e.rowid AS "rowid", e."userId" AS "userId", e."score" AS "score", u."name" AS "name", u."username" AS "username", u."hideFromBoards" AS "hidden"`
const FROM = `FROM "LeaderboardEntry" e JOIN "User" u ON u."id" = e."userId"`

function entry(row: Row): EntryRow {
  return {
    rowid: Number(row.rowid),
    userId: String(row.userId),
    score: Number(row.score),
    name: displayName({ name: row.name as string | null, username: row.username as string | null }),
    hidden: Number(row.hidden) === 1,
  }
}

async function rows(sql: string, args: InValue[]): Promise<Row[]> {
  return (await (await databaseReady()).execute({ sql, args })).rows
}

async function count(sql: string, args: InValue[]): Promise<number> {
  return Number((await rows(sql, args))[0]?.n ?? 0)
}

/**
 * How many participants of the challenge score strictly higher than `score`, from the bucket
 * counts (ranking-rules.ts, `higherScoreRanges`): three range reads of the primary key of
 * LeaderboardScoreCount, about 32 rows each, instead of one index entry per participant above.
 */
export async function higherScores(challengeId: string, score: number): Promise<number> {
  const ranges = higherScoreRanges(score)
  const sum = ({ atMost }: (typeof ranges)[number]) =>
    `COALESCE((SELECT SUM("count") FROM "LeaderboardScoreCount" WHERE "challengeId" = ? AND "level" = ? AND "bucket" > ?${atMost === null ? '' : ' AND "bucket" <= ?'}), 0)`
  return count(
    `SELECT ${ranges.map(sum).join(' + ')} AS "n"`,
    ranges.flatMap((r) => [challengeId, r.level, r.above, ...(r.atMost === null ? [] : [r.atMost])]),
  )
}

/** How many rows a seek (the top; each side of the viewer) reads past hidden learners before it gives up on more. */
const SEEK_PAGE = 50

export async function challengeBoard(challengeId: string, viewer: BoardViewer): Promise<Board> {
  const visible = (r: EntryRow) => !r.hidden || viewer.seesHidden || r.userId === viewer.userId
  const row = (r: EntryRow, rank: number): RankedEntry => ({
    userId: r.userId,
    name: r.name,
    score: r.score,
    rank,
    isMe: r.userId === viewer.userId,
    hidden: r.hidden,
  })

  const [mine] = await rows(
    `SELECT e.rowid AS "rowid", e."score" AS "score" FROM "LeaderboardEntry" e WHERE e."challengeId" = ? AND e."userId" = ?`,
    [challengeId, viewer.userId],
  )

  // The top, in board order, reading on past hidden rows; ranks from the position among all rows.
  const fetched: EntryRow[] = []
  for (let limit = TOP + 2; ; limit = SEEK_PAGE) {
    const page = (
      await rows(
        `SELECT ${ENTRY_COLUMNS} ${FROM} WHERE e."challengeId" = ? ORDER BY e."score" DESC, e.rowid DESC LIMIT ? OFFSET ?`,
        [challengeId, limit, fetched.length],
      )
    ).map(entry)
    fetched.push(...page)
    if (fetched.filter(visible).length >= TOP || page.length < limit) break
  }
  const topRanks = competitionRanks(fetched.map((r) => r.score))
  const top = fetched
    .map((r, i) => ({ r, rank: topRanks[i]! }))
    .filter(({ r }) => visible(r))
    .slice(0, TOP)
    .map(({ r, rank }) => row(r, rank))

  if (!mine) return { top: top.map(publicRow), around: [], me: null, meInTop: false }
  const myScore = Number(mine.score)
  const myRowid = Number(mine.rowid)
  const myRank = rankFromHigher(await higherScores(challengeId, myScore))
  const me = { rank: myRank, score: myScore }
  if (top.some((r) => r.isMe)) return { top: top.map(publicRow), around: [], me, meInTop: true }

  // The neighbours: a seek each way from the viewer's (score, rowid), a few rows first (each joins
  // its User row), then on past hidden learners up to SEEK_PAGE rows in all.
  const seek = async (direction: 'above' | 'below'): Promise<EntryRow[]> => {
    const [compare, order] = direction === 'above' ? ['>', 'ASC'] : ['<', 'DESC']
    const found: EntryRow[] = []
    let from = { score: myScore, rowid: myRowid }
    for (let read = 0, limit = NEIGHBOURS + 2; limit > 0; limit = SEEK_PAGE - read) {
      const page = (
        await rows(
          `SELECT ${ENTRY_COLUMNS} ${FROM} WHERE e."challengeId" = ? AND (e."score", e.rowid) ${compare} (?, ?) ORDER BY e."score" ${order}, e.rowid ${order} LIMIT ?`,
          [challengeId, from.score, from.rowid, limit],
        )
      ).map(entry)
      read += page.length
      found.push(...page.filter(visible))
      if (found.length >= NEIGHBOURS || page.length < limit) break
      from = page[page.length - 1]!
    }
    return found.slice(0, NEIGHBOURS)
  }
  const [above, below, selfRows] = await Promise.all([
    seek('above'),
    seek('below'),
    rows(`SELECT ${ENTRY_COLUMNS} ${FROM} WHERE e."challengeId" = ? AND e."userId" = ?`, [challengeId, viewer.userId]),
  ])
  const ranks = new Map([[myScore, myRank]])
  for (const r of [...above, ...below])
    if (!ranks.has(r.score)) ranks.set(r.score, rankFromHigher(await higherScores(challengeId, r.score)))
  const rankOf = (r: EntryRow) => ranks.get(r.score)!
  const around = [...above.reverse(), entry(selfRows[0]!), ...below].map((r) => row(r, rankOf(r)))
  const view = boardView(top, around)
  return { top: view.top.map(publicRow), around: view.around.map(publicRow), me, meInTop: false }
}

/** The team board's window: XP earned in the last 7 days, rolling (the same for every member, whatever their week). */
export const TEAM_BOARD_DAYS = 7
const DAY = 24 * 60 * 60 * 1000

/**
 * A team's board: its members ranked by the XP they earned in the last TEAM_BOARD_DAYS days
 * (every source of the XP ledger: answers, quests, achievements). A team is small (its seats),
 * so all members are read and ranked here.
 */
export async function teamBoard(teamId: string, viewer: BoardViewer, now: Date): Promise<Board> {
  const members = (
    await rows(
      `SELECT m."userId" AS "userId", u."name" AS "name", u."username" AS "username", u."hideFromBoards" AS "hidden",
              COALESCE((SELECT SUM(x."amount") FROM "XpLedgerEntry" x WHERE x."userId" = m."userId" AND x."createdAt" >= ?), 0) AS "score",
              m.rowid AS "rowid"
       FROM "TeamMember" m JOIN "User" u ON u."id" = m."userId" WHERE m."teamId" = ?
       ORDER BY "score" DESC, m."userId" ASC`,
      [toDbTimestamp(new Date(now.getTime() - TEAM_BOARD_DAYS * DAY)), teamId],
    )
  ).map(entry)
  const ranks = competitionRanks(members.map((m) => m.score))
  const ranked = members.map((m, i) => ({
    userId: m.userId,
    name: m.name,
    score: m.score,
    rank: ranks[i]!,
    isMe: m.userId === viewer.userId,
    hidden: m.hidden,
  }))
  const shown = ranked.filter((r) => !r.hidden || viewer.seesHidden || r.isMe)
  const mine = ranked.find((r) => r.isMe)
  const at = shown.findIndex((r) => r.isMe)
  const view = boardView(
    shown.slice(0, TOP),
    at < 0 ? [] : shown.slice(Math.max(0, at - NEIGHBOURS), at + NEIGHBOURS + 1),
  )
  return {
    top: view.top.map(publicRow),
    around: view.around.map(publicRow),
    meInTop: view.meInTop,
    me: mine ? { rank: mine.rank, score: mine.score } : null,
  }
}
