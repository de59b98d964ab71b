import { randomUUID } from 'node:crypto'
import type { Role } from '~/generated/prisma/client'
import { hashPassword } from '~/modules/accounts/password.server'
import {
  type SessionUser,
  createSession,
  sessionTokenFrom,
  sessionUserForToken,
} from '~/modules/accounts/session.server'
import { prisma } from '~/utils/db.server'

/**
 * Test helpers: a user in the database, and a signed-in request for them made
 * the way the app makes one (a Session row and its signed cookie), without
 * clicking through the login form.
 */
export const TEST_PASSWORD = 'correct horse battery staple'
let passwordHash: Promise<string> | undefined

export async function createUser(
  overrides: { email?: string; username?: string; name?: string; role?: Role; verified?: boolean } = {},
) {
  const tag = randomUUID().slice(0, 8)
  return prisma.user.create({
    data: {
      email: overrides.email ?? `user-${tag}@example.com`,
      username: overrides.username ?? `user_${tag}`,
      name: overrides.name ?? `User ${tag}`,
      role: overrides.role ?? 'learner',
      emailVerifiedAt: overrides.verified === false ? null : new Date(),
      password: { create: { hash: await (passwordHash ??= hashPassword(TEST_PASSWORD)) } },
    },
    select: { id: true, email: true, username: true, name: true, role: true },
  })
}

/** The Cookie header of a fresh session for this user. */
export async function cookieFor(userId: string): Promise<string> {
  const { setCookie } = await createSession(userId, { ip: '127.0.0.1', userAgent: 'vitest' })
  return setCookie.split(';')[0]!
}

/** The signed-in user of a fresh session for this user, as requireUser gives it to a route. */
export async function sessionUserOf(userId: string): Promise<SessionUser> {
  const token = await sessionTokenFrom(await cookieFor(userId))
  const user = token ? await sessionUserForToken(token) : null
  if (!user) throw new Error(`No session for user ${userId}`)
  return user
}

export const ORIGIN = 'http://127.0.0.1:3000'

/** A request as the browser would send it (a form post is url-encoded). */
export function request(
  path: string,
  init: {
    cookie?: string
    form?: Record<string, string | File>
    method?: string
    headers?: Record<string, string>
  } = {},
): Request {
  const headers = new Headers(init.headers)
  if (init.cookie) headers.set('cookie', init.cookie)
  const method = init.method ?? (init.form ? 'POST' : 'GET')
  return new Request(`${ORIGIN}${path}`, {
    method,
    headers,
    body: init.form ? formBody(init.form) : undefined,
  })
}

/** URL-encoded, or multipart when a value is a file (an upload form). */
function formBody(form: Record<string, string | File>): URLSearchParams | FormData {
  const entries = Object.entries(form)
  if (entries.every((entry): entry is [string, string] => typeof entry[1] === 'string'))
    return new URLSearchParams(entries)
  const body = new FormData()
  for (const [key, value] of entries) body.append(key, value)
  return body
}

/** Route module call arguments. */
export function args(req: Request, params: Record<string, string> = {}, clientIp = '203.0.113.7') {
  return { request: req, params, context: { clientIp } }
}

/** What a loader/action answered: a Response, a thrown Response, or single-fetch `data()`. */
export async function settle(
  run: () => Promise<unknown>,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  let result: unknown
  try {
    result = await run()
  } catch (thrown) {
    result = thrown
  }
  if (result instanceof Response) {
    const text = await result.text()
    let body: unknown = text
    try {
      body = JSON.parse(text)
    } catch {
      // not JSON
    }
    return { status: result.status, body, headers: result.headers }
  }
  if (
    result &&
    typeof result === 'object' &&
    'type' in result &&
    (result as { type: unknown }).type === 'DataWithResponseInit'
  ) {
    const { data, init } = result as unknown as {
      data: unknown
      init: { status?: number; headers?: HeadersInit } | null
    }
    return { status: init?.status ?? 200, body: data, headers: new Headers(init?.headers) }
  }
  if (result instanceof Error) throw result
  return { status: 200, body: result, headers: new Headers() }
}
