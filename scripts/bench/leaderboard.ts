/**
 * npm run bench:leaderboard — a challenge board at 1k and at 100k participants, in one run
 * (issue 13, target: 100k ÷ 1k ≤ 1.5× at p50 and p99):
 *  - the board read of challenges/board.server.ts (top 10 + the viewer's rank + 2 neighbours
 *    each side), for a viewer in the middle of the board (half the participants above them)
 *    and for one near the bottom (everyone above): the rank is summed from the bucket counts of
 *    LeaderboardScoreCount, whatever the number of participants above;
 *  - the score update of an answer: the challenge statements alone (scoreStatements in a write
 *    batch), and a whole answer through learning's submitAnswer with challenges' scoring
 *    alongside (withChallengeScoring), as the practice page runs it.
 * Both sizes live in one database (two challenges), seeded with INSERT … SELECT from a recursive
 * CTE in one transaction — the triggers on LeaderboardEntry fill the score counts in the same
 * statement, checked against a GROUP BY after the seed; the measurements alternate between the
 * sizes so that drift hits both.
 * No HTTP: the page adds the same session read and render at both sizes.
 */
import { benchDatabase, seedBenchTopic, stats } from './lib'

const SIZES = [1_000, 100_000] as const
const READS = Number(process.env.BENCH_READS ?? 2000)
const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 500)
const TASKS = 200
const DAY = 24 * 60 * 60 * 1000

async function main() {
  const database = await benchDatabase('leaderboard')
  const { ulid } = await import('ulid')
  const { databaseReady, disconnectDatabase, toDbTimestamp, writeBatch } = await import('../../app/utils/db.server')
  const { challengeBoard } = await import('../../app/modules/challenges/board.server')
  const { scoreStatements, withScopes, SCORING_SELECT } =
    await import('../../app/modules/challenges/score-statements.server')
  const { withChallengeScoring } = await import('../../app/modules/challenges/scoring.server')
  const { submitAnswer } = await import('../../app/modules/learning/submission.server')
  const { prisma } = await import('../../app/utils/db.server')
  const db = await databaseReady()
  try {
    const seedStarted = performance.now()
    const now = new Date()
    const at = toDbTimestamp(now)
    // One topic with TASKS numeric tasks (answer = i + 1); every answer earns XP, so every answer
    // moves the score (the daily tiers are not measured here).
    const { topicId, tasks } = await seedBenchTopic(TASKS, { dailyFullTasks: 10_000 })

    const boards: Record<number, { challengeId: string; middle: string; bottom: string; answerer: string }> = {}
    for (const size of SIZES) {
      const challenge = await prisma.challenge.create({
        data: {
          title: `Bench ${size}`,
          description: '',
          metric: 'xp',
          topicId,
          startDate: new Date(now.getTime() - DAY),
          endDate: new Date(now.getTime() + 7 * DAY),
        },
        select: { id: true },
      })
      const prefix = `b${size}-`
      const tx = await db.transaction('write')
      const series = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${size})`
      // Scores spread over 0..99,999 with few ties (a multiplicative hash of the participant number).
      await tx.execute({
        sql: `${series} INSERT INTO "User" ("id", "email", "username", "name", "createdAt", "updatedAt")
              SELECT ? || printf('%07d', i), ? || printf('%07d', i) || '@bench.local', ? || printf('%07d', i), 'Learner ' || i, ?, ? FROM n`,
        args: [prefix, prefix, prefix.replace('-', '_'), at, at],
      })
      for (const table of ['UserChallenge', 'LeaderboardEntry'] as const)
        await tx.execute({
          sql: `${series} INSERT INTO "${table}" ("id", "userId", "challengeId", "score", ${table === 'LeaderboardEntry' ? '"scoreReachedAt", ' : ''}"createdAt", "updatedAt")
                SELECT ? || '${table[0]}' || printf('%07d', i), ? || printf('%07d', i), ?, (i * 7919) % 100003, ${table === 'LeaderboardEntry' ? '?, ' : ''}?, ? FROM n`,
          args: [prefix, prefix, challenge.id, ...(table === 'LeaderboardEntry' ? [at] : []), at, at],
        })
      await tx.commit()
      // The counts the triggers kept while seeding, against a fresh GROUP BY of the entries.
      const mismatched = await db.execute({
        sql: `SELECT COUNT(*) AS "n" FROM (
                SELECT 0 AS "level", "score" AS "bucket", COUNT(*) AS "count" FROM "LeaderboardEntry" WHERE "challengeId" = ?1 GROUP BY 2
                UNION ALL SELECT 1, "score" >> 5, COUNT(*) FROM "LeaderboardEntry" WHERE "challengeId" = ?1 GROUP BY 2
                UNION ALL SELECT 2, "score" >> 10, COUNT(*) FROM "LeaderboardEntry" WHERE "challengeId" = ?1 GROUP BY 2
                EXCEPT SELECT "level", "bucket", "count" FROM "LeaderboardScoreCount" WHERE "challengeId" = ?1)`,
        args: [challenge.id],
      })
      if (Number(mismatched.rows[0]!.n) !== 0) throw new Error(`score counts of ${size} disagree with the entries`)
      const pick = async (offset: number) =>
        String(
          (
            await db.execute({
              sql: `SELECT "userId" FROM "LeaderboardEntry" WHERE "challengeId" = ? ORDER BY "score" DESC LIMIT 1 OFFSET ?`,
              args: [challenge.id, offset],
            })
          ).rows[0]!.userId,
        )
      boards[size] = {
        challengeId: challenge.id,
        middle: await pick(Math.floor(size / 2)),
        bottom: await pick(size - 3),
        answerer: await pick(Math.floor(size / 2) + 1),
      }
    }
    await db.execute('ANALYZE')
    console.log(
      `seeded ${SIZES.join(' + ')} participants in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    )

    const samples = new Map<string, number[]>()
    const record = async (name: string, run: () => Promise<unknown>) => {
      const started = performance.now()
      await run()
      const ms = performance.now() - started
      if (!samples.has(name)) samples.set(name, [])
      samples.get(name)!.push(ms)
    }
    const ops: { name: string; run: (size: number, i: number) => Promise<unknown> }[] = [
      {
        name: 'board, viewer in the middle',
        run: (size) => challengeBoard(boards[size]!.challengeId, { userId: boards[size]!.middle, seesHidden: false }),
      },
      {
        name: 'board, viewer at the bottom',
        run: (size) => challengeBoard(boards[size]!.challengeId, { userId: boards[size]!.bottom, seesHidden: false }),
      },
    ]
    // Warm-up, then alternate sizes.
    for (let i = 0; i < 30; i++) for (const op of ops) for (const size of SIZES) await op.run(size, i)
    for (let i = 0; i < READS; i++)
      for (const op of ops) for (const size of SIZES) await record(`${op.name}|${size}`, () => op.run(size, i))

    const scored = Object.fromEntries(
      await Promise.all(
        SIZES.map(async (size) => {
          const row = await prisma.challenge.findUniqueOrThrow({
            where: { id: boards[size]!.challengeId },
            select: SCORING_SELECT,
          })
          return [size, (await withScopes([row]))[0]!] as const
        }),
      ),
    )
    for (let i = 0; i < ANSWERS; i++)
      for (const size of SIZES) {
        const userId = boards[size]!.answerer
        const task = tasks[i % TASKS]!
        const when = new Date(now.getTime() + i * 1000)
        await record(`score statements of an answer|${size}`, () =>
          writeBatch(scoreStatements(scored[size]!, userId, when)),
        )
        await record(`whole answer with its scoring|${size}`, () =>
          withChallengeScoring(userId, when, (alongside) =>
            submitAnswer(
              { userId, taskId: task.id, answer: task.answer, attemptId: ulid(), hintUsed: false, alongside },
              when,
            ),
          ),
        )
      }
    const check = await prisma.userChallenge.findMany({
      where: { userId: { in: SIZES.map((s) => boards[s]!.answerer) } },
      select: { score: true },
    })
    console.log(`answerers' scores after ${ANSWERS} answers each: ${check.map((c) => c.score).join(', ')}`)

    console.log('')
    console.log('operation                               size     p50 ms    p99 ms   100k÷1k p50   100k÷1k p99')
    const names = [...new Set([...samples.keys()].map((k) => k.split('|')[0]!))]
    for (const name of names) {
      const [small, large] = SIZES.map((size) => stats(samples.get(`${name}|${size}`)!))
      for (const [size, s] of [
        [SIZES[0], small!],
        [SIZES[1], large!],
      ] as const) {
        const ratio =
          size === SIZES[1]
            ? `${(large!.p50 / small!.p50).toFixed(2).padStart(10)}×  ${(large!.p99 / small!.p99).toFixed(2).padStart(10)}×`
            : ''
        console.log(
          `${name.padEnd(38)} ${String(size).padStart(6)} ${s.p50.toFixed(3).padStart(9)} ${s.p99.toFixed(3).padStart(9)}   ${ratio}`,
        )
      }
    }
  } finally {
    await disconnectDatabase()
    database.remove()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
