import { createHash, randomBytes } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import type { Role } from '~/generated/prisma/client'
import { deleteInChunks } from '~/modules/system/retention.server'
import { catchUpWithPrimary, databaseReady, prisma, toDbTimestamp } from '~/utils/db.server'
import { dateOrNull, textOrNull } from '~/utils/db/row-values'
import { getEnv } from '~/utils/env.server'
import { log } from '~/utils/log.server'
import type { RequestOrigin } from '~/utils/request-context.server'

/**
 * Database-backed sessions (docs/decisions/0005-accounts-and-sessions.md).
 * The signed cookie carries a random 256-bit token; the Session row stores only
 * its SHA-256, so a copy of the table cannot be replayed as a login.
 */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000
/** lastSeenAt is refreshed at most this often, so a page view is not a write. */
export const LAST_SEEN_REFRESH_MS = 10 * 60 * 1000

let cookie: ReturnType<typeof createCookie> | undefined
export function sessionCookie() {
  const env = getEnv()
  cookie ??= createCookie(env.cookieSecure ? '__Host-questlog_session' : 'questlog_session', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: env.cookieSecure,
    secrets: env.sessionSecrets,
    maxAge: SESSION_TTL_MS / 1000,
  })
  return cookie
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

export interface SessionUser {
  id: string
  email: string
  username: string | null
  name: string | null
  role: Role
  timezone: string
  emailVerifiedAt: Date | null
  activeTeamId: string | null
  sessionId: string
}

/** Starts a new session (a new token at every login) and returns its Set-Cookie header. */
export async function createSession(
  userId: string,
  origin: RequestOrigin,
): Promise<{ sessionId: string; setCookie: string }> {
  const token = randomBytes(32).toString('base64url')
  const now = new Date()
  const session = await prisma.session.create({
    data: {
      tokenHash: hashToken(token),
      userId,
      expirationDate: new Date(now.getTime() + SESSION_TTL_MS),
      ip: origin.ip,
      userAgent: origin.userAgent,
      lastSeenAt: now,
    },
    select: { id: true },
  })
  await prisma.user.update({ where: { id: userId }, data: { lastLoginAt: now, lastSeenAt: now }, select: { id: true } })
  return { sessionId: session.id, setCookie: await sessionCookie().serialize(token) }
}

/** The session token a signed cookie header carries, or null (none, forged, malformed). */
export async function sessionTokenFrom(cookieHeader: string | null): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(cookieHeader)
  return typeof value === 'string' && value.length >= 40 ? value : null
}

/** The user whose live session this token is, or null (unknown, expired, ended, or an anonymised account). */
export async function sessionUserForToken(token: string): Promise<SessionUser | null> {
  const now = new Date()
  const tokenHash = hashToken(token)
  const session = (await findSession(tokenHash)) ?? (await findAfterCatchUp(tokenHash, now.getTime()))
  if (!session || session.expirationDate <= now || session.user.anonymizedAt) return null
  if (now.getTime() - session.lastSeenAt.getTime() > LAST_SEEN_REFRESH_MS) touch(session.id, session.user.id, now)
  const { anonymizedAt: _gone, ...user } = session.user
  return { ...user, sessionId: session.id }
}

/**
 * A correctly signed token this replica does not know: usually a login on another
 * instance that our periodic sync has not brought yet, so sync once and look again.
 * But the cookie of a session ended elsewhere stays correctly signed for its whole
 * life, and each of its requests would force a sync. A token still unknown after a
 * sync is therefore not synced for again within one sync interval: by then the
 * periodic sync has caught up anyway. Other modes read the primary's data directly.
 */
async function findAfterCatchUp(tokenHash: string, nowMs: number) {
  const { database } = getEnv()
  if (database.mode !== 'replica') return null
  const intervalMs = database.syncIntervalSeconds * 1000
  if (!unknownTokens.shouldCatchUp(tokenHash, nowMs, intervalMs)) return null
  const session = (await catchUpWithPrimary()) ? await findSession(tokenHash) : null
  // Remembered only once a sync (or the attempt) has not found it: a parallel request
  // for a fresh login must not be refused while the first one is still syncing.
  if (!session) unknownTokens.remember(tokenHash, nowMs)
  return session
}

/** Token hashes still unknown after a catch-up, with when; the oldest is forgotten first. */
export class UnknownTokens {
  readonly #caughtUpAt = new Map<string, number>()
  readonly #capacity: number

  constructor(capacity = 1000) {
    this.#capacity = capacity
  }

  shouldCatchUp(tokenHash: string, nowMs: number, intervalMs: number): boolean {
    const at = this.#caughtUpAt.get(tokenHash)
    return at === undefined || nowMs - at >= intervalMs
  }

  remember(tokenHash: string, nowMs: number): void {
    this.#caughtUpAt.delete(tokenHash) // a Map keeps insertion order: re-inserting makes it the newest
    this.#caughtUpAt.set(tokenHash, nowMs)
    if (this.#caughtUpAt.size > this.#capacity) this.#caughtUpAt.delete(this.#caughtUpAt.keys().next().value!)
  }
}

const unknownTokens = new UnknownTokens()

/**
 * Every request looks its session up, so this is one plain statement rather than
 * an ORM query with a relation (issue 4, item 9: the ORM's own work was a tenth of
 * an answer's time).
 */
const SESSION_SQL = `
  SELECT s."id", s."expirationDate", s."lastSeenAt", u."id" AS "userId", u."email", u."username", u."name", u."role",
    u."timezone", u."emailVerifiedAt", u."activeTeamId", u."anonymizedAt"
  FROM "Session" s JOIN "User" u ON u."id" = s."userId"
  WHERE s."tokenHash" = ?`

async function findSession(tokenHash: string) {
  const row = (await (await databaseReady()).execute({ sql: SESSION_SQL, args: [tokenHash] })).rows[0]
  if (!row) return null
  return {
    id: String(row.id),
    expirationDate: new Date(String(row.expirationDate)),
    lastSeenAt: new Date(String(row.lastSeenAt)),
    user: {
      id: String(row.userId),
      email: String(row.email),
      username: textOrNull(row.username),
      name: textOrNull(row.name),
      role: row.role as Role,
      timezone: String(row.timezone),
      emailVerifiedAt: dateOrNull(row.emailVerifiedAt),
      activeTeamId: textOrNull(row.activeTeamId),
      anonymizedAt: dateOrNull(row.anonymizedAt),
    },
  }
}

/** Records activity without holding up the request; a failure only costs a stale timestamp. */
function touch(sessionId: string, userId: string, now: Date) {
  Promise.all([
    prisma.session.updateMany({ where: { id: sessionId }, data: { lastSeenAt: now } }),
    prisma.user.updateMany({ where: { id: userId }, data: { lastSeenAt: now } }),
  ]).catch((error: unknown) => log.warn('could not record lastSeenAt', { userId, error: String(error) }))
}

/** Ends the session this token belongs to (logout); returns the header that clears the cookie. */
export async function endSessionByToken(token: string | null): Promise<string> {
  if (token) await prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } })
  return clearSessionCookie()
}

export function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize('', { maxAge: 0, expires: new Date(0) })
}

/** "Sign out everywhere", account deletion. */
export async function endAllSessions(userId: string): Promise<number> {
  return (await prisma.session.deleteMany({ where: { userId } })).count
}

/** After a password change: every other device must sign in again. */
export async function endOtherSessions(userId: string, keepSessionId: string): Promise<number> {
  return (await prisma.session.deleteMany({ where: { userId, id: { not: keepSessionId } } })).count
}

export function listSessions(userId: string) {
  return prisma.session.findMany({
    where: { userId, expirationDate: { gt: new Date() } },
    select: { id: true, createdAt: true, lastSeenAt: true, ip: true, userAgent: true, expirationDate: true },
    orderBy: { lastSeenAt: 'desc' },
  })
}

/** Ends one of the user's own sessions; another user's session id changes nothing. */
export async function endSessionById(userId: string, sessionId: string): Promise<boolean> {
  return (await prisma.session.deleteMany({ where: { id: sessionId, userId } })).count === 1
}

/** The retention policy's clean-up (app/modules/retention-policies.server.ts): rows past their expiry can never be used again. */
export function deleteExpiredSessions(now = new Date()): Promise<number> {
  const at = toDbTimestamp(now)
  return deleteInChunks((limit) => ({
    sql: `DELETE FROM "Session" WHERE "id" IN (SELECT "id" FROM "Session" WHERE "expirationDate" <= ? LIMIT ${limit})`,
    args: [at],
  }))
}
