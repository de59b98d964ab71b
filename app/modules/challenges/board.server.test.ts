import { describe, expect, it } from 'vitest'
import { prisma } from '~/utils/db.server'
import { createUser } from '#tests/support/accounts'
import { addMember, person } from '~/modules/teams/testing/fixtures'
import { createTeam } from '~/modules/teams/teams.server'
import { challengeBoard, higherScores, teamBoard } from './board.server'
import { createChallengeRow, scoreCountsAndGroupBy } from './testing/fixtures'
import { seededRandom } from '#tests/support/random'

/** A challenge whose participants have these scores (in join order), named p0, p1, …. */
async function boardOf(scores: number[], hidden: number[] = []) {
  const challenge = await createChallengeRow()
  const users = []
  for (const [i, score] of scores.entries()) {
    const user = await createUser({ name: `p${i}` })
    if (hidden.includes(i)) await prisma.user.update({ where: { id: user.id }, data: { hideFromBoards: true } })
    await prisma.userChallenge.create({ data: { userId: user.id, challengeId: challenge.id, score } })
    await prisma.leaderboardEntry.create({ data: { userId: user.id, challengeId: challenge.id, score } })
    users.push(user)
  }
  return { challenge, users }
}

const brief = (rows: { name: string; rank: number; score: number }[]) =>
  rows.map((r) => `${r.rank}:${r.name}:${r.score}`)

describe('challenge board', () => {
  it('ranks ties together (1, 2, 2, 4) and marks the viewer', async () => {
    const { challenge, users } = await boardOf([70, 90, 80, 80])
    const board = await challengeBoard(challenge.id, { userId: users[3]!.id, seesHidden: false })
    // inside the tie the later joiner comes first
    expect(brief(board.top)).toEqual(['1:p1:90', '2:p3:80', '2:p2:80', '4:p0:70'])
    expect(board.me).toEqual({ rank: 2, score: 80 })
    expect(board.meInTop).toBe(true)
    expect(board.around).toEqual([])
    expect(board.top.find((r) => r.isMe)?.name).toBe('p3')
  })

  it('shows a viewer below the top with two neighbours each side and their true ranks', async () => {
    // 20 participants, scores 200, 190, …, with a tie at 100 (p10 and p11 both 100).
    const scores = Array.from({ length: 20 }, (_, i) => 200 - 10 * i)
    scores[11] = 100
    const { challenge, users } = await boardOf(scores)
    const board = await challengeBoard(challenge.id, { userId: users[14]!.id, seesHidden: false })
    expect(board.top).toHaveLength(10)
    expect(brief(board.top).slice(-1)).toEqual(['10:p9:110'])
    expect(board.me).toEqual({ rank: 15, score: 60 })
    expect(brief(board.around)).toEqual(['13:p12:80', '14:p13:70', '15:p14:60', '16:p15:50', '17:p16:40'])
    // p10 and p11 tie at 100 → both rank 11 (ten above them), p12 at 80 → 13
    const other = await challengeBoard(challenge.id, { userId: users[12]!.id, seesHidden: false })
    expect(brief(other.around)).toEqual(['11:p11:100', '11:p10:100', '13:p12:80', '14:p13:70', '15:p14:60'])
  })

  it('leaves hidden learners out for other learners, not for the team admins, and shows them their own rank', async () => {
    const { challenge, users } = await boardOf([100, 90, 80], [1])
    const learner = await challengeBoard(challenge.id, { userId: users[2]!.id, seesHidden: false })
    expect(brief(learner.top)).toEqual(['1:p0:100', '3:p2:80'])
    const admin = await challengeBoard(challenge.id, { userId: 'someone-else', seesHidden: true })
    expect(brief(admin.top)).toEqual(['1:p0:100', '2:p1:90', '3:p2:80'])
    expect(admin.top[1]!.hidden).toBe(true)
    expect(admin.me).toBeNull()
    const self = await challengeBoard(challenge.id, { userId: users[1]!.id, seesHidden: false })
    expect(self.me).toEqual({ rank: 2, score: 90 })
    expect(brief(self.top)).toEqual(['1:p0:100', '2:p1:90', '3:p2:80'])
  })

  it('skips hidden neighbours and still fills the top with 10 visible rows', async () => {
    const scores = Array.from({ length: 20 }, (_, i) => 200 - 10 * i)
    const { challenge, users } = await boardOf(scores, [0, 13, 15])
    const board = await challengeBoard(challenge.id, { userId: users[14]!.id, seesHidden: false })
    expect(board.top.map((r) => r.name)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p9', 'p10'])
    expect(board.top[0]!.rank).toBe(2)
    expect(brief(board.around)).toEqual(['12:p11:90', '13:p12:80', '15:p14:60', '17:p16:40', '18:p17:30'])
  })

  it('reads on past more hidden neighbours than its first seek holds', async () => {
    const scores = Array.from({ length: 30 }, (_, i) => 300 - 10 * i)
    const { challenge, users } = await boardOf(scores, [18, 19, 20, 21, 22, 23, 25])
    const board = await challengeBoard(challenge.id, { userId: users[24]!.id, seesHidden: false })
    expect(brief(board.around)).toEqual(['17:p16:140', '18:p17:130', '25:p24:60', '27:p26:40', '28:p27:30'])
  })
})

/** A challenge with many participants at these scores, written in bulk (no names, no passwords). */
async function bulkBoard(scores: readonly number[]) {
  const challenge = await createChallengeRow()
  const tag = challenge.id.slice(-8).toLowerCase()
  const userIds = scores.map((_, i) => `bulk-${tag}-${i}`)
  await prisma.user.createMany({
    data: userIds.map((id) => ({ id, email: `${id}@example.com`, username: id.replace(/-/g, '_') })),
  })
  await prisma.leaderboardEntry.createMany({
    data: scores.map((score, i) => ({ userId: userIds[i]!, challengeId: challenge.id, score })),
  })
  return { challengeId: challenge.id, userIds }
}

const random = seededRandom

const EDGES = [-1025, -1024, -33, -32, -1, 0, 1, 31, 32, 33, 63, 64, 1023, 1024, 1025, 2047, 2048, 32_768]
const higherByBruteForce = (scores: readonly number[], score: number) => scores.filter((s) => s > score).length

describe('the rank read from the score counts', () => {
  it.each([
    { name: 'ties at the bucket edges', seed: 1, size: 120, spread: 0 },
    { name: 'scores 0..63 (level-0 and level-1 edges, many ties)', seed: 2, size: 300, spread: 64 },
    { name: 'scores 0..4095 (level-1 and level-2 edges)', seed: 3, size: 300, spread: 4096 },
    { name: 'scores 0..99,999 (few ties, many level-2 buckets)', seed: 4, size: 300, spread: 100_000 },
  ])('counts the higher scores like COUNT(*) does: $name', async ({ seed, size, spread }) => {
    const next = random(seed)
    const scores = Array.from({ length: size }, () =>
      spread === 0 || next() < 0.25 ? EDGES[Math.floor(next() * EDGES.length)]! : Math.floor(next() * spread),
    )
    const { challengeId, userIds } = await bulkBoard(scores)
    const probes = [...new Set([...scores, ...EDGES, -5000, 100_000, 1_000_000])]
    for (const score of probes)
      expect(await higherScores(challengeId, score), `score ${score}`).toBe(higherByBruteForce(scores, score))

    // Scores that move across the edges (31 → 32, 1023 → 1024 and back) and participants who leave.
    const moved = [...scores]
    const moves: [number, number][] = [
      [0, 32],
      [1, 31],
      [2, 1024],
      [3, 1023],
      [4, -1],
      [5, moved[5]!],
    ]
    for (const [i, score] of moves) {
      await prisma.leaderboardEntry.update({
        where: { challengeId_userId: { challengeId, userId: userIds[i]! } },
        data: { score },
      })
      moved[i] = score
    }
    await prisma.leaderboardEntry.deleteMany({ where: { challengeId, userId: { in: userIds.slice(6, 20) } } })
    const left = moved.filter((_, i) => i < 6 || i >= 20)
    for (const score of probes)
      expect(await higherScores(challengeId, score), `score ${score} after the moves`).toBe(
        higherByBruteForce(left, score),
      )
    const { counts, groupBy } = await scoreCountsAndGroupBy(challengeId)
    expect(counts).toEqual(groupBy)
  })

  it("gives every row of a board the rank of the learner's true standing", async () => {
    const next = random(9)
    const scores = Array.from({ length: 60 }, () => [31, 32, 1023, 1024, 0][Math.floor(next() * 5)]!)
    const { challengeId, userIds } = await bulkBoard(scores)
    for (const i of [0, 17, 33, 59]) {
      const board = await challengeBoard(challengeId, { userId: userIds[i]!, seesHidden: false })
      expect(board.me).toEqual({ rank: higherByBruteForce(scores, scores[i]!) + 1, score: scores[i] })
      for (const row of [...board.top, ...board.around])
        expect(row.rank, `${row.name} at ${row.score}`).toBe(higherByBruteForce(scores, row.score) + 1)
    }
  })
})

describe('team board', () => {
  it("ranks the members by this week's XP, hidden ones only for the team's admins", async () => {
    const owner = await person()
    const team = await createTeam(owner.id, { name: 'Board team', description: null })
    const a = await addMember(team.id, 'member')
    const b = await addMember(team.id, 'member')
    await prisma.user.update({ where: { id: b.id }, data: { hideFromBoards: true } })
    const now = new Date()
    const xp = (userId: string, amount: number, daysAgo: number, sourceId: string) =>
      prisma.xpLedgerEntry.create({
        data: {
          userId,
          amount,
          source: 'admin',
          sourceId,
          dayKey: '2026-01-01',
          createdAt: new Date(now.getTime() - daysAgo * 86_400_000),
        },
      })
    await xp(a.id, 30, 1, `a1-${a.id}`)
    await xp(a.id, 500, 9, `a2-${a.id}`) // older than a week
    await xp(b.id, 50, 2, `b1-${b.id}`)
    const forA = await teamBoard(team.id, { userId: a.id, seesHidden: false }, now)
    expect(brief(forA.top)).toEqual([`2:${a.name}:30`, `3:${owner.name}:0`])
    expect(forA.me).toEqual({ rank: 2, score: 30 })
    const forOwner = await teamBoard(team.id, { userId: owner.id, seesHidden: true }, now)
    expect(brief(forOwner.top)).toEqual([`1:${b.name}:50`, `2:${a.name}:30`, `3:${owner.name}:0`])
  })
})
