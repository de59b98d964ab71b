import { readFileSync } from 'node:fs'
import { ulid } from 'ulid'
import { expect, test } from './support/sign-in'

/**
 * /admin/retention in a real browser (docs/retention.md): a platform admin sees every retention
 * policy in app/modules/retention-policies.server.ts (read from the source, so a new policy is
 * checked too) with what it deletes, how long rows are kept, and its last run — one that removed
 * rows and one that failed are written into the e2e server's database. A learner is refused (403).
 * The page only reads: the policies run on the hourly schedule, not from here.
 */

const policyNames = [
  ...readFileSync('app/modules/retention-policies.server.ts', 'utf8').matchAll(/^\s+name: '([a-z:-]+)',$/gm),
].map((m) => m[1]!)

const sqlDate = (date: Date) => date.toISOString().replace('Z', '+00:00')

test('a platform admin sees each retention policy with its last run; a learner is refused', async ({
  page,
  signIn,
  e2eDatabase,
}) => {
  expect(policyNames.length).toBeGreaterThanOrEqual(5)
  // in the future, so no real run of the schedule comes after them while the test runs
  const startedAt = new Date(Date.now() + 10 * 60_000)
  startedAt.setUTCMilliseconds(0)
  await e2eDatabase.batch(
    [
      {
        sql: `INSERT INTO "RetentionRun" ("id", "policy", "startedAt", "finishedAt", "removed", "error") VALUES (?, 'retention:behavior-log', ?, ?, 4242, NULL)`,
        args: [ulid(), sqlDate(startedAt), sqlDate(startedAt)],
      },
      {
        sql: `INSERT INTO "RetentionRun" ("id", "policy", "startedAt", "finishedAt", "removed", "error") VALUES (?, 'retention:quest-analytics', ?, ?, 0, 'database is locked')`,
        args: [ulid(), sqlDate(startedAt), sqlDate(startedAt)],
      },
    ],
    'write',
  )

  const learner = await signIn(page, 'RetentionLearner')
  const refused = await page.goto('/admin/retention')
  expect(refused?.status()).toBe(403)

  await e2eDatabase.execute({ sql: `UPDATE "User" SET "role" = 'admin' WHERE "id" = ?`, args: [learner.id] })
  const shown = await page.goto('/admin/retention')
  expect(shown?.status()).toBe(200)
  await expect(page.getByRole('heading', { level: 1, name: 'Data retention' })).toBeVisible()
  const table = page.getByRole('table', { name: 'Retention policies with their last run' })
  const rows = table.getByRole('row')
  await expect(rows).toHaveCount(policyNames.length + 1)
  for (const name of policyNames) await expect(table.getByRole('rowheader', { name, exact: true })).toBeVisible()

  const when = `${startedAt.toISOString().slice(0, 10)} ${startedAt.toISOString().slice(11, 19)} UTC`
  const behaviour = rows.filter({ has: page.getByRole('rowheader', { name: 'retention:behavior-log' }) })
  await expect(behaviour.getByRole('cell')).toHaveText([
    'behaviour log',
    /^\d+ months?$/,
    'system',
    when,
    '4242',
    /^\d+$/,
  ])
  const analytics = rows.filter({ has: page.getByRole('rowheader', { name: 'retention:quest-analytics' }) })
  await expect(analytics.getByRole('cell').nth(3)).toHaveText(when)
  await expect(analytics.getByRole('cell').nth(4)).toHaveText('failed: database is locked')
})
