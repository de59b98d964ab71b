import { createHash, randomBytes } from 'node:crypto'
import { createClient, type Client } from '@libsql/client'
import { test as base, type Page } from '@playwright/test'
import { createCookie } from '@remix-run/node'
import { ulid } from 'ulid'
import { hashPassword } from '~/modules/accounts/password.server'
import { E2E_DATABASE_FILE, E2E_SESSION_SECRET } from './server-env.mjs'

/**
 * Signing in without the sign-up form (ARCHITECTURE.md, Tests: only the accounts spec,
 * which tests sign-up, goes through it). The `signIn` fixture writes a learner, their
 * password and a Session row straight into the e2e server's database and gives the
 * browser the session cookie, signed the way app/modules/accounts/session.server.ts
 * (`sessionCookie()`, `createSession`) signs it: a random 256-bit token in a cookie
 * signed with the server's SESSION_SECRET, and only the token's SHA-256 in the row.
 *
 *   test('…', async ({ page, signIn }) => {
 *     await signIn(page, 'buyer')
 *     await page.goto('/billing')
 */
export const PASSWORD = 'a long passphrase for the learning tests'
/** Tags this run's names and addresses: the e2e server's database lives as long as the run. */
export const run = Date.now().toString(36)

/** As session.server.ts names it on a server without Secure cookies (the e2e server listens on loopback). */
const SESSION_COOKIE = 'questlog_session'
const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000
const cookie = createCookie(SESSION_COOKIE, {
  httpOnly: true,
  sameSite: 'lax',
  path: '/',
  secrets: [E2E_SESSION_SECRET],
})

export interface Learner {
  id: string
  email: string
  username: string
  name: string
}

export interface SignInOptions {
  /** The e-mail address is confirmed (default), as after following the link in the welcome mail. */
  verified?: boolean
  timezone?: string
}

/**
 * Signs `page`'s browser context in: as a new learner named after `name`, or, given a
 * learner signed in before, as them again (one more session, as on a second device).
 */
export type SignIn = (page: Page, who: string | Learner, options?: SignInOptions) => Promise<Learner>

/**
 * Each test learner comes from an address of its own (the e2e server trusts the
 * x-test-client-ip header through CLIENT_IP_HEADER), so per-address rate limits
 * apply to each alone, as for real people.
 */
export async function asNewClient(page: Page): Promise<string> {
  const octet = () => 1 + Math.floor(Math.random() * 254)
  const ip = `198.18.${octet()}.${octet()}`
  await page.setExtraHTTPHeaders({ 'x-test-client-ip': ip })
  return ip
}

/** Prisma stores DateTime as ISO text with an explicit offset. */
const sqlDate = (date: Date) => date.toISOString().replace('Z', '+00:00')

let passwordHash: Promise<string> | undefined
const uses = new Map<string, number>()

async function createLearner(db: Client, name: string, options: SignInOptions, at: string): Promise<Learner> {
  const n = (uses.get(name) ?? 0) + 1
  uses.set(name, n)
  const handle = `${name}${n > 1 ? n : ''}`.toLowerCase()
  const learner = {
    id: ulid(),
    email: `${handle}.${run}@example.com`,
    username: `${handle}_${run}`,
    name: `${name} Learner`,
  }
  await db.batch(
    [
      {
        sql: `INSERT INTO "User" ("id", "email", "emailVerifiedAt", "username", "name", "timezone", "lastSeenAt", "lastLoginAt", "createdAt", "updatedAt")
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        args: [
          learner.id,
          learner.email,
          options.verified === false ? null : at,
          learner.username,
          learner.name,
          options.timezone ?? 'UTC',
          at,
          at,
          at,
          at,
        ],
      },
      {
        sql: `INSERT INTO "Password" ("id", "hash", "userId", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?)`,
        args: [ulid(), await (passwordHash ??= hashPassword(PASSWORD)), learner.id, at, at],
      },
    ],
    'write',
  )
  return learner
}

/** A Session row as `createSession` writes it; returns the token its cookie carries. */
async function createSessionRow(db: Client, userId: string, ip: string, now: Date) {
  const token = randomBytes(32).toString('base64url')
  const at = sqlDate(now)
  await db.batch(
    [
      {
        sql: `INSERT INTO "Session" ("id", "tokenHash", "expirationDate", "userId", "ip", "userAgent", "lastSeenAt", "createdAt", "updatedAt")
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        args: [
          ulid(),
          createHash('sha256').update(token).digest('base64url'),
          sqlDate(new Date(now.getTime() + SESSION_TTL_MS)),
          userId,
          ip,
          'Playwright',
          at,
          at,
          at,
        ],
      },
      {
        sql: `UPDATE "User" SET "lastLoginAt" = ?, "lastSeenAt" = ?, "updatedAt" = ? WHERE "id" = ?`,
        args: [at, at, at, userId],
      },
    ],
    'write',
  )
  return token
}

export const test = base.extend<{ signIn: SignIn }, { e2eDatabase: Client }>({
  /** The e2e server's SQLite file (scripts/e2e-server.mjs), open once per worker. */
  e2eDatabase: [
    async ({}, provide) => {
      const db = createClient({ url: `file:${E2E_DATABASE_FILE}` })
      await db.execute('PRAGMA busy_timeout = 5000')
      await provide(db)
      db.close()
    },
    { scope: 'worker' },
  ],

  /** See `SignIn`. */
  signIn: async ({ e2eDatabase, baseURL }, provide) => {
    // `provide` is Playwright's `use` (renamed: the React hooks lint rule reads `use(…)` as a hook).
    await provide(async (page, who, options = {}) => {
      const ip = await asNewClient(page)
      const now = new Date()
      const learner = typeof who === 'string' ? await createLearner(e2eDatabase, who, options, sqlDate(now)) : who
      const token = await createSessionRow(e2eDatabase, learner.id, ip, now)
      const expires = (now.getTime() + SESSION_TTL_MS) / 1000
      const value = (await cookie.serialize(token)).split(';')[0]!.slice(SESSION_COOKIE.length + 1)
      await page
        .context()
        .addCookies([{ name: SESSION_COOKIE, value, url: baseURL!, httpOnly: true, sameSite: 'Lax', expires }])
      return learner
    })
  },
})

export { expect } from '@playwright/test'
