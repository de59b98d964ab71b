import { describe, expect, it } from 'vitest'
import webpush from 'web-push'
import { DEFAULT_DATABASE_URL, DEV_POLAR_WEBHOOK_SECRET, EnvError, parseEnv } from './env.server'

describe('parseEnv: database mode from the environment', () => {
  it.each([
    ['nothing set → the local default file', {}, { mode: 'local', url: DEFAULT_DATABASE_URL }],
    [
      'empty strings count as unset',
      { DATABASE_URL: '', TURSO_DATABASE_URL: '' },
      { mode: 'local', url: DEFAULT_DATABASE_URL },
    ],
    ['DATABASE_URL alone → local', { DATABASE_URL: 'file:/tmp/q.db' }, { mode: 'local', url: 'file:/tmp/q.db' }],
    [
      'TURSO_DATABASE_URL (+ token) alone → remote',
      { TURSO_DATABASE_URL: 'libsql://q-org.turso.io', TURSO_AUTH_TOKEN: 'tok' },
      { mode: 'remote', url: 'libsql://q-org.turso.io', authToken: 'tok' },
    ],
    [
      'both → embedded replica, syncing every 60 s by default',
      { DATABASE_URL: 'file:/data/replica.db', TURSO_DATABASE_URL: 'http://127.0.0.1:8080' },
      {
        mode: 'replica',
        url: 'file:/data/replica.db',
        primaryUrl: 'http://127.0.0.1:8080',
        authToken: undefined,
        syncIntervalSeconds: 60,
      },
    ],
    [
      'both with TURSO_SYNC_INTERVAL → replica with that interval',
      { DATABASE_URL: 'file:r.db', TURSO_DATABASE_URL: 'https://db.example', TURSO_SYNC_INTERVAL: '5' },
      {
        mode: 'replica',
        url: 'file:r.db',
        primaryUrl: 'https://db.example',
        authToken: undefined,
        syncIntervalSeconds: 5,
      },
    ],
  ])('%s', (_name, source, expected) => {
    expect(parseEnv(source).database).toEqual(expected)
  })

  it('has the documented defaults', () => {
    const env = parseEnv({})
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: 3000,
      RUN_MIGRATIONS_ON_START: true,
      SYNC_TOPICS_ON_START: true,
      SLOW_QUERY_MS: 20,
    })
    expect(parseEnv({ RUN_MIGRATIONS_ON_START: 'false', SYNC_TOPICS_ON_START: 'false' })).toMatchObject({
      RUN_MIGRATIONS_ON_START: false,
      SYNC_TOPICS_ON_START: false,
    })
  })
})

describe('parseEnv: a missing or contradictory variable is named', () => {
  it.each([
    ['token without a primary', { TURSO_AUTH_TOKEN: 'tok' }, 'TURSO_AUTH_TOKEN'],
    ['sync interval without a replica (local)', { TURSO_SYNC_INTERVAL: '30' }, 'TURSO_SYNC_INTERVAL'],
    [
      'sync interval without a replica (remote)',
      { TURSO_DATABASE_URL: 'libsql://x.turso.io', TURSO_SYNC_INTERVAL: '30' },
      'TURSO_SYNC_INTERVAL',
    ],
    ['DATABASE_URL that is not a file URL', { DATABASE_URL: 'postgres://localhost/db' }, 'DATABASE_URL'],
    ['an in-memory database', { DATABASE_URL: 'file::memory:' }, 'DATABASE_URL'],
    ['a primary URL with another scheme', { TURSO_DATABASE_URL: 'ftp://x' }, 'TURSO_DATABASE_URL'],
    [
      'a sync interval of zero',
      { DATABASE_URL: 'file:r.db', TURSO_DATABASE_URL: 'http://x', TURSO_SYNC_INTERVAL: '0' },
      'TURSO_SYNC_INTERVAL',
    ],
    ['a flag that is not true/false', { RUN_MIGRATIONS_ON_START: 'sometimes' }, 'RUN_MIGRATIONS_ON_START'],
    ['a port that is not a number', { PORT: 'eighty' }, 'PORT'],
  ])('%s', (_name, source, variable) => {
    let error: unknown
    try {
      parseEnv(source)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(EnvError)
    expect((error as EnvError).problems.some((p) => p.startsWith(`${variable}:`))).toBe(true)
    expect((error as EnvError).message).toContain(variable)
  })
})

describe('parseEnv: sessions, cookies and mail', () => {
  const secret = 'a'.repeat(32)

  it.each([
    ['development', { NODE_ENV: 'development' }, false],
    ['production on loopback (the demo, the e2e server)', { NODE_ENV: 'production' }, false],
    ['production serving the network', { NODE_ENV: 'production', HOST: '0.0.0.0', SESSION_SECRET: secret }, true],
    ['an explicit COOKIE_SECURE wins', { NODE_ENV: 'development', COOKIE_SECURE: 'true' }, true],
  ])('cookies are Secure: %s → %s', (_name, source, secure) => {
    expect(parseEnv(source).cookieSecure).toBe(secure)
  })

  it('requires SESSION_SECRET in production when serving the network, and rotates through a list', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', HOST: '0.0.0.0' })).toThrow(
      /SESSION_SECRET: is required in production/,
    )
    expect(() => parseEnv({ SESSION_SECRET: 'short' })).toThrow(
      /SESSION_SECRET: each secret must be at least 32 characters/,
    )
    expect(parseEnv({ SESSION_SECRET: `${secret}, ${'b'.repeat(40)}` }).sessionSecrets).toEqual([
      secret,
      'b'.repeat(40),
    ])
    const generated = parseEnv({}).sessionSecrets
    expect(generated).toHaveLength(1)
    expect(generated[0]).toMatch(/^[0-9a-f]{64}$/)
  })

  it('shows the dev mailbox only without SMTP outside production, unless told', () => {
    expect(parseEnv({}).devMailbox).toBe(true)
    expect(parseEnv({ SMTP_URL: 'smtp://mail.example:587' }).devMailbox).toBe(false)
    expect(parseEnv({ NODE_ENV: 'production' }).devMailbox).toBe(false)
    expect(parseEnv({ NODE_ENV: 'production', DEV_MAILBOX: 'true' }).devMailbox).toBe(true)
    expect(() => parseEnv({ SMTP_URL: 'mail.example' })).toThrow(/SMTP_URL: must be an smtp/)
  })

  it('builds links in mail from APP_ORIGIN, else from where the server listens', () => {
    expect(parseEnv({}).appOrigin).toBe('http://127.0.0.1:3000')
    expect(parseEnv({ HOST: '0.0.0.0', PORT: '8080' }).appOrigin).toBe('http://localhost:8080')
    expect(parseEnv({ APP_ORIGIN: 'https://questlog.example/' }).appOrigin).toBe('https://questlog.example')
    expect(() => parseEnv({ APP_ORIGIN: 'questlog.example' })).toThrow(/APP_ORIGIN: must be an http/)
  })
})

describe('parseEnv: the test clock', () => {
  it('is accepted on loopback only', () => {
    expect(parseEnv({ TEST_CLOCK_FILE: '/tmp/clock' }).TEST_CLOCK_FILE).toBe('/tmp/clock')
    expect(() => parseEnv({ TEST_CLOCK_FILE: '/tmp/clock', HOST: '0.0.0.0' })).toThrow(
      /TEST_CLOCK_FILE: moves the clock/,
    )
  })
})

describe('parseEnv: Polar', () => {
  const POLAR = {
    POLAR_ACCESS_TOKEN: 'polar_oat_x',
    POLAR_PRODUCT_PREMIUM: 'prod_premium',
    POLAR_PRODUCT_TEAM: 'prod_team',
  }

  it('requires both product ids with a Polar token (a webhook for an unknown product grants nothing)', () => {
    expect(() => parseEnv({ POLAR_ACCESS_TOKEN: 'polar_oat_x', POLAR_PRODUCT_TEAM: 'prod_team' })).toThrow(
      /POLAR_PRODUCT_PREMIUM: is required when POLAR_ACCESS_TOKEN is set/,
    )
    expect(() => parseEnv({ POLAR_ACCESS_TOKEN: 'polar_oat_x', POLAR_PRODUCT_PREMIUM: 'prod_premium' })).toThrow(
      /POLAR_PRODUCT_TEAM: is required when POLAR_ACCESS_TOKEN is set/,
    )
    expect(parseEnv(POLAR)).toMatchObject({ POLAR_PRODUCT_PREMIUM: 'prod_premium', POLAR_PRODUCT_TEAM: 'prod_team' })
  })

  it('defaults to offline mode: sandbox server, local product ids, the fixed dev webhook secret', () => {
    const env = parseEnv({})
    expect(env.POLAR_ACCESS_TOKEN).toBeUndefined()
    expect(env.POLAR_SERVER).toBe('sandbox')
    expect(env.POLAR_PRODUCT_PREMIUM).toBe('local-premium')
    expect(env.POLAR_PRODUCT_TEAM).toBe('local-team')
    expect(env.POLAR_WEBHOOK_SECRET).toBe(DEV_POLAR_WEBHOOK_SECRET)
  })

  it('gives an offline production build a random webhook secret, never the published dev one', () => {
    const secret = parseEnv({ NODE_ENV: 'production' }).POLAR_WEBHOOK_SECRET
    expect(secret).toMatch(/^[0-9a-f]{64}$/)
    expect(secret).not.toBe(parseEnv({ NODE_ENV: 'production' }).POLAR_WEBHOOK_SECRET)
  })

  it('requires POLAR_WEBHOOK_SECRET in production when POLAR_ACCESS_TOKEN is set', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', POLAR_ACCESS_TOKEN: 'polar_oat_x' })).toThrow(
      /POLAR_WEBHOOK_SECRET: is required in production/,
    )
    const env = parseEnv({
      NODE_ENV: 'production',
      ...POLAR,
      POLAR_WEBHOOK_SECRET: 'polar_whs_0123456789abcdef',
      POLAR_SERVER: 'production',
    })
    expect(env.POLAR_WEBHOOK_SECRET).toBe('polar_whs_0123456789abcdef')
    expect(env.POLAR_SERVER).toBe('production')
  })

  it('names a bad Polar variable', () => {
    expect(() => parseEnv({ POLAR_SERVER: 'live' })).toThrow(/POLAR_SERVER: must be "sandbox" or "production"/)
    expect(() => parseEnv({ POLAR_WEBHOOK_SECRET: 'short' })).toThrow(
      /POLAR_WEBHOOK_SECRET: must be at least 16 characters/,
    )
    expect(parseEnv({ POLAR_PRODUCT_PREMIUM: 'prod_premium', POLAR_PRODUCT_TEAM: 'prod_team' })).toMatchObject({
      POLAR_PRODUCT_PREMIUM: 'prod_premium',
      POLAR_PRODUCT_TEAM: 'prod_team',
    })
  })

  it('takes payments through Polar with a token; otherwise through the sandbox outside production only, unless told', () => {
    expect(parseEnv({}).billing).toBe('sandbox')
    expect(parseEnv(POLAR).billing).toBe('polar')
    expect(parseEnv({ NODE_ENV: 'production' }).billing).toBe('off')
    expect(parseEnv({ NODE_ENV: 'production', BILLING_SANDBOX: 'true' }).billing).toBe('sandbox')
    expect(parseEnv({ BILLING_SANDBOX: 'false' }).billing).toBe('off')
  })

  it('refuses the free sandbox on a production server reachable from the network, and beside a Polar token', () => {
    expect(() =>
      parseEnv({ NODE_ENV: 'production', HOST: '0.0.0.0', SESSION_SECRET: 'x'.repeat(32), BILLING_SANDBOX: 'true' }),
    ).toThrow(/BILLING_SANDBOX: gives paid plans away for free/)
    expect(() => parseEnv({ ...POLAR, BILLING_SANDBOX: 'true' })).toThrow(
      /BILLING_SANDBOX: cannot be on while POLAR_ACCESS_TOKEN is set/,
    )
  })
})

describe('parseEnv: social sign-in', () => {
  it('offers a provider only with both its client id and secret, at its real endpoints unless overridden', () => {
    expect(parseEnv({}).socialProviders).toEqual({})
    const env = parseEnv({
      GITHUB_CLIENT_ID: 'id',
      GITHUB_CLIENT_SECRET: 'secret',
      GOOGLE_CLIENT_ID: 'gid',
      GOOGLE_CLIENT_SECRET: 'gsecret',
      GOOGLE_TOKEN_URL: 'http://127.0.0.1:9/token/',
    })
    expect(env.socialProviders.github).toEqual({
      clientId: 'id',
      clientSecret: 'secret',
      authorizeUrl: 'https://github.com/login/oauth/authorize',
      tokenUrl: 'https://github.com/login/oauth/access_token',
      profileUrl: 'https://api.github.com',
    })
    expect(env.socialProviders.google?.tokenUrl).toBe('http://127.0.0.1:9/token')
    expect(env.socialProviders.google?.profileUrl).toBe('https://openidconnect.googleapis.com/v1/userinfo')
  })

  it('names the missing half of a client, and an endpoint that is not a URL', () => {
    expect(() => parseEnv({ GITHUB_CLIENT_ID: 'id' })).toThrow(
      /GITHUB_CLIENT_SECRET: is required when GITHUB_CLIENT_ID/,
    )
    expect(() => parseEnv({ GOOGLE_CLIENT_SECRET: 's' })).toThrow(/GOOGLE_CLIENT_ID: is required/)
    expect(() => parseEnv({ GITHUB_API_URL: 'api.github.com' })).toThrow(/GITHUB_API_URL: must be an http/)
  })
})

describe('parseEnv: web push', () => {
  const keys = webpush.generateVAPIDKeys()
  const VAPID = {
    VAPID_PUBLIC_KEY: keys.publicKey,
    VAPID_PRIVATE_KEY: keys.privateKey,
    VAPID_SUBJECT: 'mailto:ops@example.com',
  }

  it('is off without keys and on with all three', () => {
    expect(parseEnv({}).vapid).toBeNull()
    expect(parseEnv(VAPID).vapid).toEqual({
      publicKey: keys.publicKey,
      privateKey: keys.privateKey,
      subject: 'mailto:ops@example.com',
    })
    expect(parseEnv({ ...VAPID, VAPID_SUBJECT: 'https://questlog.example' }).vapid?.subject).toBe(
      'https://questlog.example',
    )
  })

  it('names the missing one of the three, a key that is not one, and a subject that is neither mailto: nor https', () => {
    expect(() => parseEnv({ ...VAPID, VAPID_PRIVATE_KEY: undefined })).toThrow(/VAPID_PRIVATE_KEY: is required when/)
    expect(() => parseEnv({ VAPID_SUBJECT: 'mailto:ops@example.com' })).toThrow(/VAPID_PUBLIC_KEY: is required when/)
    expect(() => parseEnv({ ...VAPID, VAPID_PUBLIC_KEY: 'not-a-key' })).toThrow(/VAPID_PUBLIC_KEY: must be a base64url/)
    expect(() => parseEnv({ ...VAPID, VAPID_PRIVATE_KEY: keys.publicKey })).toThrow(/VAPID_PRIVATE_KEY: must be/)
    expect(() => parseEnv({ ...VAPID, VAPID_SUBJECT: 'http://questlog.example' })).toThrow(
      /VAPID_SUBJECT: must be a mailto: address or an https:\/\/ URL/,
    )
  })
})
