import { execFile } from 'node:child_process'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_ACCOUNTS } from '../../scripts/demo-data'
import { AppServer, feedbackIdFrom, Primary, sleep, waitFor, workDir } from './harness'

/**
 * Two app servers ("regions"), each with its own embedded replica file, in front
 * of one real sqld primary. Everything goes through HTTP, as users would.
 */

const SYNC_INTERVAL_SECONDS = 2

describe('embedded replicas against a real sqld primary', () => {
  const dir = workDir('regions')
  let primary: Primary
  let regionA: AppServer
  let regionB: AppServer
  const acknowledged: string[] = []

  const regionEnv = (name: string) => ({
    DATABASE_URL: `file:${join(dir, `${name}.db`)}`,
    TURSO_DATABASE_URL: primary.url,
    TURSO_SYNC_INTERVAL: String(SYNC_INTERVAL_SECONDS),
    RUN_MIGRATIONS_ON_START: 'true',
    SYNC_TOPICS_ON_START: 'false',
    // Every instance of one deployment signs cookies with the same secret.
    SESSION_SECRET: 'replica-test-session-secret-0123456789abcdef',
  })

  async function countOnPrimary(where: string, args: string[] = []) {
    const client = primary.client()
    try {
      const result = await client.execute({ sql: `SELECT count(*) AS n FROM "Feedback" WHERE ${where}`, args })
      return Number(result.rows[0]?.n)
    } finally {
      client.close()
    }
  }

  beforeAll(async () => {
    primary = await Primary.start(dir)
    await primary.migrate()
    ;[regionA, regionB] = await Promise.all([
      AppServer.start({ name: 'a', env: regionEnv('region-a') }),
      AppServer.start({ name: 'b', env: regionEnv('region-b') }),
    ])
  })

  afterAll(async () => {
    await Promise.all([regionA?.stop(), regionB?.stop()])
    await primary?.stop()
  })

  it('reports replica mode, a recent sync and a reachable primary', async () => {
    const { status, body } = await regionA.health()
    expect(status).toBe(200)
    expect(body.database.mode).toBe('replica')
    expect(body.database.replica?.state).toBe('syncing')
    expect(body.database.replica?.primaryReachable).toBe(true)
    expect(body.database.replica?.lastSyncAt).not.toBeNull()
    expect(body.database.replica?.frameNo).toEqual(expect.any(Number))
  })

  it('reads a write at once in the writing region and after a sync in the other', async () => {
    const message = `Written through region A at ${Date.now()}`
    const response = await regionA.submitFeedback(message)
    expect(response.status).toBe(302)
    const id = feedbackIdFrom(response)
    acknowledged.push(id)

    const inA = await regionA.fetch(`/feedback/${id}`)
    expect(inA.status).toBe(200)
    expect(await inA.text()).toContain(message)

    // Region B only sees it after one of its periodic syncs (waitFor fails the test if none comes).
    const inB = await waitFor(
      'region B to see the write',
      async () => {
        const r = await regionB.fetch(`/feedback/${id}`)
        return r.status === 200 ? r : undefined
      },
      SYNC_INTERVAL_SECONDS * 1000 * 10,
    )
    expect(await inB.text()).toContain(message)
  })

  it('recognises a session created by a login in another region at once, without waiting for a sync', async () => {
    // A region that would not sync on its own for an hour: only the catch-up on an unknown session can help it.
    const slow = await AppServer.start({
      name: 'slow',
      env: { ...regionEnv('region-slow'), TURSO_SYNC_INTERVAL: '3600' },
    })
    try {
      const tag = `r${Date.now().toString(36)}`
      const signup = await regionA.fetch('/signup', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: regionA.url },
        body: new URLSearchParams({
          email: `${tag}@example.com`,
          username: tag,
          name: 'Replica Learner',
          password: 'two regions one primary',
          confirmPassword: 'two regions one primary',
        }).toString(),
      })
      expect(signup.status).toBe(302)
      const cookie = signup.headers.get('set-cookie')!.split(';')[0]!
      const page = await slow.fetch('/', { headers: { cookie } })
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('Log out')
    } finally {
      await slow.stop()
    }
  })

  it('keeps serving reads with the primary down, refuses writes with 503 and writes nothing', async () => {
    const [id] = acknowledged
    await primary.stop()

    for (const region of [regionA, regionB]) {
      const page = await region.fetch(`/feedback/${id}`)
      expect(page.status).toBe(200)
      expect((await region.fetch('/')).status).toBe(200)
      const health = await region.health()
      expect(health.status).toBe(200)
      expect(health.body.database.replica?.primaryReachable).toBe(false)
    }

    const message = `Attempted while the primary was down ${Date.now()}`
    const refused = await regionA.submitFeedback(message)
    expect(refused.status).toBe(503)
    const body = await refused.text()
    expect(body).toContain('database is unreachable')
    expect(body).not.toMatch(/at .*\.(ts|js):\d+/) // no stack trace

    await primary.start()
    expect(await countOnPrimary('message = ?', [message])).toBe(0)
  })

  it('accepts writes again once the primary is back, and has lost no acknowledged write', async () => {
    await waitFor(
      'region A to reach the primary again',
      async () => (await regionA.health()).body.database.replica?.primaryReachable,
      30_000,
      250,
    )
    const response = await regionA.submitFeedback(`After the outage ${Date.now()}`)
    expect(response.status).toBe(302)
    acknowledged.push(feedbackIdFrom(response))
    const placeholders = acknowledged.map(() => '?').join(', ')
    expect(await countOnPrimary(`id IN (${placeholders})`, acknowledged)).toBe(acknowledged.length)
  })

  it('starts while the primary is down and serves reads from its replica file', async () => {
    const [id] = acknowledged
    await regionB.stop()
    await primary.stop()

    regionB = await AppServer.start({ name: 'b', env: regionEnv('region-b') })
    const page = await regionB.fetch(`/feedback/${id}`)
    expect(page.status).toBe(200)
    const health = await regionB.health()
    expect(health.status).toBe(200)
    expect(health.body.database.replica?.state).toBe('offline-read-only')
    expect(health.body.database.replica?.primaryReachable).toBe(false)
    expect(regionB.process.output).toContain('primary unreachable')

    const refused = await regionB.submitFeedback(`Refused at boot ${Date.now()}`)
    expect(refused.status).toBe(503)

    await primary.start()
    await waitFor(
      'region B to reconnect its replica',
      async () => (await regionB.health()).body.database.replica?.state === 'syncing',
      30_000,
      250,
    )
    const response = await regionB.submitFeedback(`After reconnecting ${Date.now()}`)
    expect(response.status).toBe(302)
    const newId = feedbackIdFrom(response)
    acknowledged.push(newId)
    expect((await regionB.fetch(`/feedback/${newId}`)).status).toBe(200)
  })

  it('takes 1,000 writes through a replica while other requests read, without a single failure', async () => {
    const before = await countOnPrimary('1 = 1')
    const writes = 1_000
    const writers = 8
    let next = 0
    const failures: string[] = []
    const ids: string[] = []
    let writing = true
    let reads = 0

    const writer = async () => {
      while (next < writes) {
        const n = next++
        const response = await regionA.submitFeedback(`Load test message number ${n}`)
        if (response.status === 302) ids.push(feedbackIdFrom(response))
        else failures.push(`write ${n}: ${response.status} ${await response.text()}`)
      }
    }
    // Region A reads its own latest write (read-your-writes); region B, which only
    // sees writes after its next sync, reads one acknowledged before the load.
    const reader = async (region: AppServer, latest: boolean) => {
      while (writing) {
        const path = latest && ids.length ? `/feedback/${ids[ids.length - 1]}` : `/feedback/${acknowledged[0]}`
        const response = await region.fetch(path)
        await response.arrayBuffer()
        if (response.status !== 200) failures.push(`read ${path} on ${region.url}: ${response.status}`)
        reads++
        await sleep(5)
      }
    }

    const readers = [reader(regionA, true), reader(regionA, true), reader(regionB, false), reader(regionB, false)]
    await Promise.all(Array.from({ length: writers }, writer))
    writing = false
    await Promise.all(readers)

    expect(failures).toEqual([])
    expect(ids).toHaveLength(writes)
    expect(reads).toBeGreaterThan(0)
    expect(await countOnPrimary('1 = 1')).toBe(before + writes)
    // Read-your-writes in the writing region: the last write is there at once.
    expect((await regionA.fetch(`/feedback/${ids[ids.length - 1]}`)).status).toBe(200)
  })

  it("runs scripts (the demo seed) against the primary, never the running region's replica file", async () => {
    await promisify(execFile)(resolve('node_modules/.bin/tsx'), ['scripts/seed.ts'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', ...regionEnv('region-a') },
    })
    const client = primary.client()
    try {
      const emails = DEMO_ACCOUNTS.map((a) => a.email)
      const users = await client.execute({
        sql: `SELECT count(*) AS n FROM "User" WHERE email IN (${emails.map(() => '?').join(', ')})`,
        args: emails,
      })
      expect(Number(users.rows[0]?.n)).toBe(DEMO_ACCOUNTS.length)
    } finally {
      client.close()
    }
    expect((await regionA.health()).body.database.ok).toBe(true)
  })
})
