import { randomBytes } from 'node:crypto'
import { z } from 'zod'

/**
 * The environment, parsed once. A missing or contradictory variable stops the
 * process with a message that names it (see `formatEnvErrors`).
 */

/** "true"/"false"/"1"/"0", or undefined when unset. */
const optionalFlag = z
  .enum(['true', 'false', '1', '0'], { message: 'must be "true" or "false"' })
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'))
const flag = (defaultValue: boolean) => optionalFlag.transform((v) => v ?? defaultValue)

const fileUrl = z
  .string()
  .trim()
  .refine((v) => v.startsWith('file:'), { message: 'must be a file: URL, e.g. file:./data/questlog.db' })
  .refine((v) => !v.includes(':memory:'), { message: 'an in-memory database cannot be used by the app' })

const libsqlUrl = z
  .string()
  .trim()
  .refine((v) => /^(libsql|https?|wss?):\/\/[^/]/.test(v), {
    message: 'must be a libsql://, https:// or http:// URL of the primary',
  })

const endpointUrl = z
  .string()
  .trim()
  .refine((v) => /^https?:\/\/[^/]/.test(v), { message: 'must be an http:// or https:// URL' })
  .transform((v) => v.replace(/\/+$/, ''))

const RawEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: fileUrl.optional(),
  TURSO_DATABASE_URL: libsqlUrl.optional(),
  TURSO_AUTH_TOKEN: z.string().trim().min(1, 'must not be empty when set').optional(),
  TURSO_SYNC_INTERVAL: z.coerce.number().int().min(1, 'must be at least 1 second').max(86_400).optional(),
  RUN_MIGRATIONS_ON_START: flag(true),
  SYNC_TOPICS_ON_START: flag(true),
  SLOW_QUERY_MS: z.coerce.number().int().min(0).default(20),
  /** Comma-separated; the first signs session cookies, all verify (rotation). */
  SESSION_SECRET: z
    .string()
    .trim()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((s) => s.length >= 32), { message: 'each secret must be at least 32 characters' })
    .optional(),
  /** Send cookies with Secure. Default: in production when the server listens beyond loopback. */
  COOKIE_SECURE: optionalFlag,
  /** Header set by the platform's proxy with the client address (Fly: fly-client-ip). Unset: the socket address. */
  CLIENT_IP_HEADER: z.string().trim().toLowerCase().optional(),
  /** smtp(s)://user:pass@host:port — without it, e-mail stays in the database outbox. */
  SMTP_URL: z
    .string()
    .trim()
    .refine((v) => /^smtps?:\/\/[^/]/.test(v), { message: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  MAIL_FROM: z.string().trim().default('Questlog <no-reply@questlog.local>'),
  /**
   * The app's public origin (https://questlog.example) for links in mail sent without a request
   * (notification e-mails, their unsubscribe links). Default: http://HOST:PORT (localhost for 0.0.0.0).
   */
  APP_ORIGIN: endpointUrl.optional(),
  /** The /dev/mailbox page. Default: on when no SMTP_URL is set and NODE_ENV is not production. */
  DEV_MAILBOX: optionalFlag,
  /** Uploaded files (avatars, team images) live here. */
  DATA_DIR: z.string().trim().min(1).default('./data'),
  /**
   * End-to-end tests only: a file holding milliseconds to add to the server's clock, so a test can
   * move time forward (reviews coming due). Refused on a server that listens beyond loopback.
   */
  TEST_CLOCK_FILE: z.string().trim().min(1).optional(),
  /** Member limit of a team without a subscription. */
  DEFAULT_TEAM_SEATS: z.coerce.number().int().min(1).max(10_000).default(5),
  /** Polar organization access token. Unset: no payments, or the offline sandbox when BILLING_SANDBOX is on. */
  POLAR_ACCESS_TOKEN: z.string().trim().min(1).optional(),
  /** Polar's webhook secret (as shown in Polar's dashboard). Default: DEV_POLAR_WEBHOOK_SECRET, or a random one per process in production. */
  POLAR_WEBHOOK_SECRET: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  POLAR_SERVER: z.enum(['sandbox', 'production'], { message: 'must be "sandbox" or "production"' }).default('sandbox'),
  /** Polar product ids of the plans: required with POLAR_ACCESS_TOKEN; offline they name the sandbox's products. */
  POLAR_PRODUCT_PREMIUM: z.string().trim().min(1).optional(),
  POLAR_PRODUCT_TEAM: z.string().trim().min(1).optional(),
  /**
   * Without POLAR_ACCESS_TOKEN, checkout goes to a local page that "pays" for free.
   * Default: on outside production. Refused on a production server that listens beyond loopback.
   */
  BILLING_SANDBOX: optionalFlag,
  /** An OpenAI-compatible API (…/v1): document embeddings (and the tutor's chat model) go through it. Unset: offline. */
  AI_BASE_URL: z
    .string()
    .trim()
    .refine((v) => /^https?:\/\/[^/]/.test(v), {
      message: 'must be an http:// or https:// URL, e.g. https://api.openai.com/v1',
    })
    .transform((v) => v.replace(/\/+$/, ''))
    .optional(),
  /** Bearer token of AI_BASE_URL; optional (a local server may need none). */
  AI_API_KEY: z.string().trim().min(1).optional(),
  /** Embedding model name at AI_BASE_URL; asked for 384 dimensions, the size of the vector column. */
  AI_EMBEDDING_MODEL: z.string().trim().min(1).default('text-embedding-3-small'),
  /** Sign in with GitHub (an OAuth app): both set, or neither. */
  GITHUB_CLIENT_ID: z.string().trim().min(1).optional(),
  GITHUB_CLIENT_SECRET: z.string().trim().min(1).optional(),
  /** GitHub's endpoints; overridden only by tests (a loopback provider). */
  GITHUB_AUTHORIZE_URL: endpointUrl.default('https://github.com/login/oauth/authorize'),
  GITHUB_TOKEN_URL: endpointUrl.default('https://github.com/login/oauth/access_token'),
  /** Base of GitHub's REST API: {base}/user and {base}/user/emails. */
  GITHUB_API_URL: endpointUrl.default('https://api.github.com'),
  /** Sign in with Google (an OAuth client of type "web application"): both set, or neither. */
  GOOGLE_CLIENT_ID: z.string().trim().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().trim().min(1).optional(),
  /** Google's OpenID Connect endpoints (as its discovery document lists them); overridden only by tests. */
  GOOGLE_AUTHORIZE_URL: endpointUrl.default('https://accounts.google.com/o/oauth2/v2/auth'),
  GOOGLE_TOKEN_URL: endpointUrl.default('https://oauth2.googleapis.com/token'),
  GOOGLE_USERINFO_URL: endpointUrl.default('https://openidconnect.googleapis.com/v1/userinfo'),
  /**
   * Hosts a monitored URL may reach although they are private or local (comma-separated names or
   * IP literals, e.g. "127.0.0.1,wiki.internal"). Unset: none — only public addresses are fetched.
   */
  MONITORED_URL_ALLOWED_HOSTS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((host) =>
          host
            .trim()
            .toLowerCase()
            .replace(/^\[|\]$/g, ''),
        )
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[a-z0-9.:-]+$/, 'must list host names or IP addresses, separated by commas')))
    .default([]),
  /**
   * Web push (VAPID): all three, or none (push is then off). `npm run push:keys` prints a fresh pair.
   * The public key is the uncompressed P-256 point, the private key its 32-byte scalar, both base64url.
   */
  VAPID_PUBLIC_KEY: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'must be a base64url P-256 public key (87 characters; npm run push:keys)')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url P-256 private key (43 characters; npm run push:keys)')
    .optional(),
  /** Who runs this server, for the push services: a mailto: address or an https:// URL. */
  VAPID_SUBJECT: z
    .string()
    .trim()
    .refine((v) => /^mailto:[^@\s]+@[^@\s]+$/.test(v) || /^https:\/\/[^/\s]/.test(v), {
      message: 'must be a mailto: address or an https:// URL, e.g. mailto:admin@example.com',
    })
    .optional(),
  /** The tutor's chat model at AI_BASE_URL, unless AIModelConfig.tutoringModel names another. */
  AI_CHAT_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  /**
   * Prices of chat models in cents per million tokens, JSON: {"model":{"input":15,"output":60}}.
   * Merged over the built-in table (app/modules/tutor/chat-prices.ts); docs/tutor.md.
   */
  AI_PRICES: z
    .string()
    .trim()
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON, e.g. {"gpt-4o-mini":{"input":15,"output":60}}' })
        return z.NEVER
      }
    })
    .pipe(
      z.record(
        z.string().min(1),
        z.object(
          { input: z.number().min(0), output: z.number().min(0) },
          {
            message: 'each model needs {"input": cents per million tokens, "output": cents per million tokens}',
          },
        ),
      ),
    )
    .optional(),
  /**
   * Watched folders: the absolute paths under which a team may watch a folder, separated by commas.
   * Unset: the feature is off.
   */
  WATCHED_FOLDER_ROOTS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((root) => root.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine((root) => root.startsWith('/'), 'must list absolute paths, separated by commas')))
    .default([]),
})

/** Signs and verifies the offline sandbox's webhooks when POLAR_WEBHOOK_SECRET is unset (never in production with Polar). */
export const DEV_POLAR_WEBHOOK_SECRET = 'questlog-offline-polar-webhook-secret'

export const DEFAULT_DATABASE_URL = 'file:./data/questlog.db'
export const DEFAULT_SYNC_INTERVAL_SECONDS = 60

export type DatabaseConfig =
  | { mode: 'local'; url: string }
  | { mode: 'remote'; url: string; authToken?: string }
  | { mode: 'replica'; url: string; primaryUrl: string; authToken?: string; syncIntervalSeconds: number }

type RawOnly =
  | 'DATABASE_URL'
  | 'TURSO_DATABASE_URL'
  | 'TURSO_AUTH_TOKEN'
  | 'TURSO_SYNC_INTERVAL'
  | 'SESSION_SECRET'
  | 'COOKIE_SECURE'
  | 'DEV_MAILBOX'
  | 'APP_ORIGIN'
  | 'POLAR_WEBHOOK_SECRET'
  | 'BILLING_SANDBOX'
  | 'POLAR_PRODUCT_PREMIUM'
  | 'POLAR_PRODUCT_TEAM'
  | 'VAPID_PUBLIC_KEY'
  | 'VAPID_PRIVATE_KEY'
  | 'VAPID_SUBJECT'
  | SocialEnvName

type SocialEnvName =
  | `${'GITHUB' | 'GOOGLE'}_${'CLIENT_ID' | 'CLIENT_SECRET' | 'AUTHORIZE_URL' | 'TOKEN_URL'}`
  | 'GITHUB_API_URL'
  | 'GOOGLE_USERINFO_URL'

/** A configured sign-in provider: the OAuth client and where its endpoints are. */
export interface SocialProviderConfig {
  clientId: string
  clientSecret: string
  authorizeUrl: string
  tokenUrl: string
  /** GitHub: the REST API's base; Google: the userinfo endpoint */
  profileUrl: string
}

export type Env = Omit<z.output<typeof RawEnv>, RawOnly> & {
  database: DatabaseConfig
  /** Session cookie secrets: from SESSION_SECRET, or a random one per process on a loopback-only server. */
  sessionSecrets: string[]
  cookieSecure: boolean
  devMailbox: boolean
  /** APP_ORIGIN, or http://HOST:PORT */
  appOrigin: string
  /** POLAR_WEBHOOK_SECRET, or the offline default (fixed in development/test, random per process in production). */
  POLAR_WEBHOOK_SECRET: string
  /** Where checkout goes: Polar, the offline sandbox, or nowhere (payments not configured). */
  billing: 'polar' | 'sandbox' | 'off'
  POLAR_PRODUCT_PREMIUM: string
  POLAR_PRODUCT_TEAM: string
  /** The sign-in providers whose client id and secret are set. */
  socialProviders: { github?: SocialProviderConfig; google?: SocialProviderConfig }
  /** Web push's VAPID keys, or null when push is off. */
  vapid: VapidConfig | null
}

export interface VapidConfig {
  publicKey: string
  privateKey: string
  subject: string
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1'])

const Env = RawEnv.transform((raw, ctx): Env => {
  const {
    DATABASE_URL,
    TURSO_DATABASE_URL,
    TURSO_AUTH_TOKEN,
    TURSO_SYNC_INTERVAL,
    SESSION_SECRET,
    COOKIE_SECURE,
    DEV_MAILBOX,
    APP_ORIGIN,
    POLAR_WEBHOOK_SECRET,
    BILLING_SANDBOX,
    POLAR_PRODUCT_PREMIUM,
    POLAR_PRODUCT_TEAM,
    GITHUB_CLIENT_ID,
    GITHUB_CLIENT_SECRET,
    GITHUB_AUTHORIZE_URL,
    GITHUB_TOKEN_URL,
    GITHUB_API_URL,
    GOOGLE_CLIENT_ID,
    GOOGLE_CLIENT_SECRET,
    GOOGLE_AUTHORIZE_URL,
    GOOGLE_TOKEN_URL,
    GOOGLE_USERINFO_URL,
    VAPID_PUBLIC_KEY,
    VAPID_PRIVATE_KEY,
    VAPID_SUBJECT,
    ...base
  } = raw
  const fail = (path: string, message: string) => {
    ctx.addIssue({ code: 'custom', path: [path], message })
    return z.NEVER
  }
  const production = base.NODE_ENV === 'production'
  const servesNetwork = !LOOPBACK_HOSTS.has(base.HOST)
  if (!SESSION_SECRET && production && servesNetwork) {
    return fail(
      'SESSION_SECRET',
      'is required in production (at least 32 random characters, e.g. `openssl rand -hex 32`)',
    )
  }
  if (!POLAR_WEBHOOK_SECRET && production && base.POLAR_ACCESS_TOKEN) {
    return fail(
      'POLAR_WEBHOOK_SECRET',
      "is required in production when POLAR_ACCESS_TOKEN is set (the secret of the webhook endpoint in Polar's dashboard)",
    )
  }
  // A webhook naming a product we do not know grants nothing: with Polar, a missing id would take payments and give no access.
  for (const [name, value] of [
    ['POLAR_PRODUCT_PREMIUM', POLAR_PRODUCT_PREMIUM],
    ['POLAR_PRODUCT_TEAM', POLAR_PRODUCT_TEAM],
  ] as const) {
    if (base.POLAR_ACCESS_TOKEN && !value)
      return fail(name, "is required when POLAR_ACCESS_TOKEN is set (the product's id in Polar's dashboard)")
  }
  if (BILLING_SANDBOX && base.POLAR_ACCESS_TOKEN)
    return fail('BILLING_SANDBOX', 'cannot be on while POLAR_ACCESS_TOKEN is set: payments go through Polar')
  if (BILLING_SANDBOX && production && servesNetwork) {
    return fail(
      'BILLING_SANDBOX',
      'gives paid plans away for free and is refused on a production server that listens beyond loopback; set POLAR_ACCESS_TOKEN',
    )
  }
  if (base.AI_API_KEY && !base.AI_BASE_URL)
    return fail('AI_API_KEY', 'is set but AI_BASE_URL is not; set the base URL of the OpenAI-compatible API too')
  if (base.TEST_CLOCK_FILE && servesNetwork)
    return fail(
      'TEST_CLOCK_FILE',
      'moves the clock for end-to-end tests and is refused on a server that listens beyond loopback',
    )
  for (const [provider, id, secret] of [
    ['GITHUB', GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET],
    ['GOOGLE', GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET],
  ] as const) {
    if (id && !secret) return fail(`${provider}_CLIENT_SECRET`, `is required when ${provider}_CLIENT_ID is set`)
    if (secret && !id) return fail(`${provider}_CLIENT_ID`, `is required when ${provider}_CLIENT_SECRET is set`)
  }
  const vapidSet = [
    ['VAPID_PUBLIC_KEY', VAPID_PUBLIC_KEY],
    ['VAPID_PRIVATE_KEY', VAPID_PRIVATE_KEY],
    ['VAPID_SUBJECT', VAPID_SUBJECT],
  ] as const
  const vapidMissing = vapidSet.find(([, value]) => !value)
  if (vapidMissing && vapidSet.some(([, value]) => value))
    return fail(
      vapidMissing[0],
      'is required when any of VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT is set (all three, or none to turn push off)',
    )
  const vapid =
    VAPID_PUBLIC_KEY && VAPID_PRIVATE_KEY && VAPID_SUBJECT
      ? { publicKey: VAPID_PUBLIC_KEY, privateKey: VAPID_PRIVATE_KEY, subject: VAPID_SUBJECT }
      : null
  const socialProviders: Env['socialProviders'] = {}
  if (GITHUB_CLIENT_ID && GITHUB_CLIENT_SECRET)
    socialProviders.github = {
      clientId: GITHUB_CLIENT_ID,
      clientSecret: GITHUB_CLIENT_SECRET,
      authorizeUrl: GITHUB_AUTHORIZE_URL,
      tokenUrl: GITHUB_TOKEN_URL,
      profileUrl: GITHUB_API_URL,
    }
  if (GOOGLE_CLIENT_ID && GOOGLE_CLIENT_SECRET)
    socialProviders.google = {
      clientId: GOOGLE_CLIENT_ID,
      clientSecret: GOOGLE_CLIENT_SECRET,
      authorizeUrl: GOOGLE_AUTHORIZE_URL,
      tokenUrl: GOOGLE_TOKEN_URL,
      profileUrl: GOOGLE_USERINFO_URL,
    }
  const rest = {
    ...base,
    socialProviders,
    vapid,
    // Without a configured secret (development, or a production build on loopback such as the demo),
    // a random one per process: sessions simply end when the process restarts.
    sessionSecrets: SESSION_SECRET ?? [randomBytes(32).toString('hex')],
    cookieSecure: COOKIE_SECURE ?? (production && servesNetwork),
    devMailbox: DEV_MAILBOX ?? (!base.SMTP_URL && !production),
    appOrigin:
      APP_ORIGIN ??
      `http://${['0.0.0.0', '::'].includes(base.HOST) ? 'localhost' : base.HOST.includes(':') ? `[${base.HOST}]` : base.HOST}:${base.PORT}`,
    // Offline mode: the sandbox signs in this process, so a production build gets a random secret
    // (nobody can forge webhooks with a published one); development and tests use the fixed one.
    POLAR_WEBHOOK_SECRET:
      POLAR_WEBHOOK_SECRET ?? (production ? randomBytes(32).toString('hex') : DEV_POLAR_WEBHOOK_SECRET),
    billing: base.POLAR_ACCESS_TOKEN ? 'polar' : (BILLING_SANDBOX ?? !production) ? 'sandbox' : 'off',
    POLAR_PRODUCT_PREMIUM: POLAR_PRODUCT_PREMIUM ?? 'local-premium',
    POLAR_PRODUCT_TEAM: POLAR_PRODUCT_TEAM ?? 'local-team',
  } as const
  if (!TURSO_DATABASE_URL) {
    if (TURSO_AUTH_TOKEN)
      return fail(
        'TURSO_AUTH_TOKEN',
        'is set but TURSO_DATABASE_URL is not; set both for Turso, or neither for a local file',
      )
    if (TURSO_SYNC_INTERVAL !== undefined)
      return fail(
        'TURSO_SYNC_INTERVAL',
        'only applies to an embedded replica (DATABASE_URL and TURSO_DATABASE_URL both set)',
      )
    return { ...rest, database: { mode: 'local', url: DATABASE_URL ?? DEFAULT_DATABASE_URL } }
  }
  if (!DATABASE_URL) {
    if (TURSO_SYNC_INTERVAL !== undefined)
      return fail(
        'TURSO_SYNC_INTERVAL',
        'only applies to an embedded replica: set DATABASE_URL=file:… for the replica file',
      )
    return { ...rest, database: { mode: 'remote', url: TURSO_DATABASE_URL, authToken: TURSO_AUTH_TOKEN } }
  }
  return {
    ...rest,
    database: {
      mode: 'replica',
      url: DATABASE_URL,
      primaryUrl: TURSO_DATABASE_URL,
      authToken: TURSO_AUTH_TOKEN,
      syncIntervalSeconds: TURSO_SYNC_INTERVAL ?? DEFAULT_SYNC_INTERVAL_SECONDS,
    },
  }
})

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'EnvError'
  }
}

/** Parses an environment; throws an EnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset: `FOO=` in a .env file means "not configured".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const result = Env.safeParse(cleaned)
  if (result.success) return result.data
  throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`))
}

let cached: Env | undefined
export function getEnv(): Env {
  cached ??= parseEnv(process.env)
  return cached
}
