/**
 * npm run bench:billing — what billing's write paths cost on the local SQLite file, in one run:
 *  - a signed Polar webhook that changes a subscription (verify, record, upsert, recompute plan and seats);
 *  - the same webhook-id delivered again (verify, then one lookup: Polar's retries are cheap);
 *  - a forged signature (refused before the database is touched);
 *  - counting an AI request against the monthly allowance, one user after another and 40 at once.
 * Rounds alternate so that drift on this shared machine affects every side alike.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { benchDatabase, sampleSet, time } from './lib'

const ROUNDS = 4
const PER_ROUND = 50
const AT_ONCE = 40

async function main() {
  const database = await benchDatabase('billing')
  const { prisma, disconnectDatabase } = await import('../../app/utils/db.server')
  const { setLogSink } = await import('../../app/utils/log.server')
  // Only the figures: one info line per applied webhook would bury them.
  setLogSink((level, line) => level !== 'info' && process.stderr.write(`${line}\n`))
  const { getEnv } = await import('../../app/utils/env.server')
  const { handlePolarWebhook: handle, signWebhook } = await import('../../app/modules/billing/webhooks.server')
  const { teamSeatLimitStatement } = await import('../../app/modules/teams/statements.server')
  const handlePolarWebhook = (body: string, headers: Headers) =>
    handle(body, headers, { seatLimit: teamSeatLimitStatement })
  const { reserveAiRequest } = await import('../../app/modules/billing/usage.server')
  const { sample, print, mean } = sampleSet()
  const secret = getEnv().POLAR_WEBHOOK_SECRET
  try {
    const user = await prisma.user.create({
      data: { email: 'bench@example.com', username: 'bench' },
      select: { id: true },
    })
    const others = await Promise.all(
      Array.from({ length: AT_ONCE }, (_, i) =>
        prisma.user.create({ data: { email: `ai${i}@example.com`, username: `ai${i}` }, select: { id: true } }),
      ),
    )
    const fixture = readFileSync('tests/fixtures/polar/subscription.updated.json', 'utf8').replaceAll(
      'USER_ID',
      user.id,
    )
    const event = JSON.parse(fixture) as { data: { modified_at: string } }
    let tick = Date.parse('2026-11-01T09:00:06Z')
    const delivery = (id: string, forged = false) => {
      event.data.modified_at = new Date((tick += 1000)).toISOString()
      const body = JSON.stringify(event)
      const ts = Math.floor(Date.now() / 1000)
      const signature = forged ? signWebhook('not-our-secret-at-all', id, ts, body) : signWebhook(secret, id, ts, body)
      return {
        body,
        headers: new Headers({ 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signature }),
      }
    }
    const sent: Array<{ body: string; headers: Headers }> = []
    for (let i = 0; i < 10; i++) {
      const warm = delivery(`warm_${i}`)
      await handlePolarWebhook(warm.body, warm.headers)
    }

    for (let round = 0; round < ROUNDS; round++) {
      await time(sample('webhook that changes the subscription'), PER_ROUND, async () => {
        const d = delivery(`msg_${randomUUID()}`)
        sent.push(d)
        const answer = await handlePolarWebhook(d.body, d.headers)
        if (answer.status !== 200) throw new Error(`unexpected ${answer.status}`)
      })
      await time(sample('same webhook-id again (duplicate)'), PER_ROUND, async (i) => {
        const d = sent[sent.length - 1 - i]!
        const answer = await handlePolarWebhook(d.body, d.headers)
        if (answer.status !== 200) throw new Error(`unexpected ${answer.status}`)
      })
      await time(sample('forged signature (403)'), PER_ROUND, async () => {
        const d = delivery(`msg_${randomUUID()}`, true)
        if ((await handlePolarWebhook(d.body, d.headers)).status !== 403) throw new Error('not refused')
      })
      const month = new Date(Date.UTC(2027, round, 15))
      await time(sample('AI request counted, one after another'), PER_ROUND, (i) =>
        reserveAiRequest(others[i % AT_ONCE]!.id, month),
      )
      const started = performance.now()
      await Promise.all(others.map((o) => reserveAiRequest(o.id, new Date(month.getTime() + 24 * 60 * 60 * 1000))))
      sample(`AI request counted, ${AT_ONCE} at once (wall ÷ n)`).ms.push((performance.now() - started) / AT_ONCE)
    }
    console.log(`\nlocal SQLite file · ${ROUNDS} rounds of ${PER_ROUND}\n`)
    print()
    console.log('\nratios (mean):')
    console.log(
      `  applied webhook ÷ duplicate delivery   ${(mean('webhook that changes the subscription') / mean('same webhook-id again (duplicate)')).toFixed(1)}×`,
    )
    console.log(
      `  duplicate ÷ forged (no database)       ${(mean('same webhook-id again (duplicate)') / mean('forged signature (403)')).toFixed(1)}×`,
    )
    console.log(
      `  one-after-another ÷ ${AT_ONCE}-at-once per AI request ${(mean('AI request counted, one after another') / mean(`AI request counted, ${AT_ONCE} at once (wall ÷ n)`)).toFixed(2)}×  (> 1: concurrency helps throughput)`,
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
