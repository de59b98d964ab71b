/**
 * npm run bench:submissions — what answering a task costs on the local SQLite file, in one run:
 *  - one learner answering one task after another (read state, compute, one batch);
 *  - the same attempt id sent again (the idempotent replay: reads only);
 *  - eight learners answering at once (throughput with the single connection shared).
 * Rounds alternate so that drift on this shared machine affects every side alike.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sampleSet, time } from './lib'

const ROUNDS = 4
const PER_ROUND = 40
const LEARNERS = 8

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'questlog-bench-submit-'))
  process.env.DATABASE_URL = `file:${join(dir, 'bench.db')}`
  process.env.SLOW_QUERY_MS = '100000'
  const { createClient } = await import('@libsql/client')
  const { applyMigrations } = await import('../../app/utils/migrations.server')
  const migrator = createClient({ url: process.env.DATABASE_URL })
  await applyMigrations(migrator)
  migrator.close()
  const { ulid } = await import('ulid')
  const { prisma, disconnectDatabase } = await import('../../app/utils/db.server')
  const { syncContent } = await import('../../app/modules/content/content-sync.server')
  const { submitAnswer } = await import('../../app/modules/learning/submission.server')
  const { sample, print, mean } = sampleSet()
  try {
    await syncContent()
    const tasks = await prisma.task.findMany({ where: { active: true, kind: 'numeric' }, select: { id: true, answer: true } })
    const learners = await Promise.all(
      Array.from({ length: LEARNERS }, (_, i) => prisma.user.create({ data: { email: `bench${i}@example.com`, username: `bench${i}` }, select: { id: true } })),
    )
    const answer = (userId: string, i: number, attemptId = ulid()) => {
      const task = tasks[i % tasks.length]!
      return submitAnswer({ userId, taskId: task.id, answer: String(task.answer), attemptId, hintUsed: false })
    }
    let n = 0
    for (let i = 0; i < 20; i++) await answer(learners[0]!.id, n++)
    const replays: Array<{ id: string; i: number }> = []
    for (let round = 0; round < ROUNDS; round++) {
      await time(sample('answer (one learner, one after another)'), PER_ROUND, async () => {
        const id = ulid()
        replays.push({ id, i: n })
        await answer(learners[0]!.id, n++, id)
      })
      await time(sample('same attempt id again (replay)'), PER_ROUND, (i) => {
        const previous = replays[replays.length - 1 - i]!
        return answer(learners[0]!.id, previous.i, previous.id)
      })
      const started = performance.now()
      await Promise.all(learners.map(async (l) => { for (let i = 0; i < PER_ROUND / 4; i++) await answer(l.id, n++) }))
      sample('8 learners at once, per answer (wall ÷ answers)').ms.push((performance.now() - started) / (LEARNERS * (PER_ROUND / 4)))
    }
    console.log(`\nlocal SQLite file · ${tasks.length} numeric tasks · ${ROUNDS} rounds\n`)
    print()
    console.log('\nratios (mean):')
    console.log(`  answer ÷ replay                        ${(mean('answer (one learner, one after another)') / mean('same attempt id again (replay)')).toFixed(1)}×`)
    console.log(`  one-after-another ÷ 8-at-once per answer ${(mean('answer (one learner, one after another)') / mean('8 learners at once, per answer (wall ÷ answers)')).toFixed(2)}×  (> 1: concurrency helps throughput)`)
  } finally {
    await disconnectDatabase()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
