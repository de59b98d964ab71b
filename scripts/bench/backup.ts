/**
 * npm run bench:backup — backup time and size for a database holding 100k answers (issue 15):
 * 1,000 learners × 100 attempts over 200 tasks, seeded with INSERT … SELECT from a recursive CTE
 * in one transaction, then `db:backup`'s createBackup, verifyBackup and restoreBackup timed once each.
 * BENCH_ATTEMPTS changes the number of answers (a multiple of 1,000).
 */
import { join } from 'node:path'
import { benchDatabase, seedBenchTopic, timeOnce } from './lib'

const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? 100_000)
const LEARNERS = 1_000
const TASKS = 200

async function main() {
  const database = await benchDatabase('backup')
  const { databaseReady, disconnectDatabase, toDbTimestamp } = await import('../../app/utils/db.server')
  const { createBackup, restoreBackup, verifyBackup } = await import('../../app/utils/db/backup.server')
  try {
    const db = await databaseReady()
    const seedStarted = performance.now()
    const at = toDbTimestamp(new Date())
    const { topicId } = await seedBenchTopic(TASKS)
    const tx = await db.transaction('write')
    await tx.execute({
      sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${LEARNERS})
            INSERT INTO "User" ("id", "email", "username", "name", "createdAt", "updatedAt")
            SELECT 'u' || printf('%07d', i), 'u' || printf('%07d', i) || '@bench.local', 'u' || printf('%07d', i), 'Learner ' || i, ?, ? FROM n`,
      args: [at, at],
    })
    await tx.execute({
      sql: `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${ATTEMPTS - 1})
            INSERT INTO "UserTaskAttempt" ("id", "attemptId", "userId", "taskId", "topicId", "answer", "isCorrect", "durationMs", "xpEarned", "dayKey", "completedAt", "reviewCount", "masteryLevel", "createdAt")
            SELECT printf('a%09d', i), printf('k%09d', i), 'u' || printf('%07d', i % ${LEARNERS} + 1), 'bench.task-' || printf('%04d', i % ${TASKS}),
                   ?, CAST(i % 97 AS TEXT), i % 3 <> 0, 1000 + i % 30000, CASE WHEN i % 3 <> 0 THEN 10 ELSE 0 END,
                   '2026-' || printf('%02d', i % 12 + 1) || '-' || printf('%02d', i % 28 + 1), ?, i / ${LEARNERS}, i % 101, ? FROM n`,
      args: [topicId, at, at],
    })
    await tx.commit()
    const count = Number((await db.execute('SELECT count(*) AS "n" FROM "UserTaskAttempt"')).rows[0]!.n)
    console.log(
      `seeded ${count} attempts of ${LEARNERS} learners in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
    )

    const backup = await timeOnce(() => createBackup({ source: database.file, dir: join(database.dir, 'backups') }))
    const { path, manifest } = backup.value
    const { value: verified, ms: verifyMs } = await timeOnce(() => verifyBackup(path))
    const { value: restored, ms: restoreMs } = await timeOnce(() =>
      restoreBackup(path, join(database.dir, 'restored.db')),
    )
    if (!verified.ok || !restored.ok) throw new Error(`the backup failed its checks: ${verified.problems.join('; ')}`)
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
    console.log(`database ${mb(manifest.databaseBytes)}, backup ${mb(manifest.compressedBytes)} gzipped`)
    console.log(
      `backup ${backup.ms.toFixed(0)} ms, verify ${verifyMs.toFixed(0)} ms, restore ${restoreMs.toFixed(0)} ms`,
    )
  } finally {
    await disconnectDatabase()
    database.remove()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
