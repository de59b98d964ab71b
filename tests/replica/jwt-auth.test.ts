import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppServer, feedbackIdFrom, Primary, workDir } from './harness'

/** sqld with JWT auth (EdDSA), as Turso runs it: a good token works, a wrong one is refused clearly. */

function jwt(privateKey: KeyObject, claims: Record<string, unknown> = {}) {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const input = `${encode({ alg: 'EdDSA', typ: 'JWT' })}.${encode(claims)}`
  return `${input}.${sign(null, Buffer.from(input), privateKey).toString('base64url')}`
}

describe('a primary that requires a JWT', () => {
  const dir = workDir('jwt')
  const trusted = generateKeyPairSync('ed25519')
  const stranger = generateKeyPairSync('ed25519')
  const goodToken = jwt(trusted.privateKey, { a: 'rw' })
  const wrongToken = jwt(stranger.privateKey, { a: 'rw' })
  let primary: Primary
  const apps: AppServer[] = []

  beforeAll(async () => {
    const keyFile = join(dir, 'jwt-public-key.pem')
    writeFileSync(keyFile, trusted.publicKey.export({ type: 'spki', format: 'pem' }))
    primary = await Primary.start(dir, { jwtKeyFile: keyFile })
  })

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()))
    await primary?.stop()
  })

  const env = (token: string, mode: 'replica' | 'remote', migrate = false) => ({
    ...(mode === 'replica' ? { DATABASE_URL: `file:${join(dir, `replica-${apps.length}.db`)}` } : {}),
    TURSO_DATABASE_URL: primary.url,
    TURSO_AUTH_TOKEN: token,
    RUN_MIGRATIONS_ON_START: String(migrate),
    SYNC_TOPICS_ON_START: 'false',
  })

  it('rejects requests without a token', async () => {
    const client = primary.client()
    await expect(client.execute('SELECT 1')).rejects.toThrow(/401|unauthori/i)
    client.close()
  })

  it('migrates the primary on start and serves a replica that holds the right token', async () => {
    const app = await AppServer.start({ name: 'good', env: env(goodToken, 'replica', true) })
    apps.push(app)
    const client = primary.client(goodToken)
    const migrations = await client.execute(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL',
    )
    client.close()
    const committed = readdirSync('prisma/migrations')
      .filter((name) => /^\d{14}_/.test(name))
      .sort()
    expect(migrations.rows.map((r) => String(r.migration_name)).sort()).toEqual(committed)
    // The replica was opened after migrating, so its first read already sees the tables.
    expect((await app.fetch('/feedback/01ARZ3NDEKTSV4RRFFQ69G5FAV')).status).toBe(404)

    const response = await app.submitFeedback('Signed in to the primary with a valid JWT')
    expect(response.status).toBe(302)
    expect((await app.fetch(`/feedback/${feedbackIdFrom(response)}`)).status).toBe(200)
  })

  it('serves in remote mode (no replica file) with the right token', async () => {
    const app = await AppServer.start({ name: 'remote', env: env(goodToken, 'remote') })
    apps.push(app)
    const health = await app.health()
    expect(health.body.database).toEqual({ mode: 'remote', ok: true })
    const response = await app.submitFeedback('Written in remote mode')
    expect(response.status).toBe(302)
    expect(await (await app.fetch(`/feedback/${feedbackIdFrom(response)}`)).text()).toContain('Written in remote mode')
  })

  for (const mode of ['replica', 'remote'] as const) {
    it(`refuses to start in ${mode} mode with a wrong TURSO_AUTH_TOKEN, and says why`, async () => {
      const app = await AppServer.start(
        { name: `wrong-${mode}`, env: env(wrongToken, mode) },
        { waitUntilReady: false },
      )
      apps.push(app)
      const code = await app.process.exited
      expect(code).not.toBe(0)
      expect(app.process.output).toContain('refused TURSO_AUTH_TOKEN')
      expect(app.process.output).not.toContain(wrongToken)
    })
  }
})
