import type { z } from 'zod'
import { type SessionUser } from '~/modules/accounts/session.server'
import { getSessionUser } from '~/utils/auth.server'
import { type ApiFieldErrors, apiError } from './http.server'

/**
 * Helpers for the JSON APIs under /api: every answer is JSON with `Cache-Control:
 * no-store`, errors are `{ error }` (plus `fieldErrors` for bad input, naming each
 * field), a signed-out caller gets 401 rather than the login redirect of pages, and
 * a bug is a plain 500 without a stack trace.
 */
/** Bodies larger than this are refused before parsing (an answer is at most a few hundred characters). */
export const MAX_API_BODY_BYTES = 16 * 1024

/** The signed-in user; anyone else gets 401 JSON (thrown). */
export async function requireApiUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request)
  if (!user) throw apiError(401, 'Sign in to use this API.')
  return user
}

/** Validates already-collected values; a failure throws 400 naming every field at fault. */
export function parseValues<S extends z.ZodType>(values: unknown, schema: S): z.output<S> {
  const result = schema.safeParse(values)
  if (result.success) return result.data
  const fieldErrors: ApiFieldErrors = {}
  const other: string[] = []
  for (const issue of result.error.issues) {
    const field = issue.path[0]
    if (typeof field === 'string') (fieldErrors[field] ??= []).push(issue.message)
    else other.push(issue.message)
  }
  const named = Object.entries(fieldErrors).map(([field, messages]) => `${field}: ${messages.join(' ')}`)
  throw apiError(400, [...named, ...other].join('; ') || 'The request is not valid.', { fieldErrors })
}

/** The query string as an object (the last value of a repeated key wins). */
export function queryValues(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams)
}

/**
 * The request body as plain values: JSON (`application/json`, an object) or a form
 * (url-encoded or multipart; for the keys in `multi` every value, joined by commas).
 * Malformed or oversized bodies throw 400 / 413.
 */
export async function bodyValues(
  request: Request,
  { multi = [] }: { multi?: readonly string[] } = {},
): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > MAX_API_BODY_BYTES) throw apiError(413, 'The request body is too large.')
  const type = request.headers.get('content-type') ?? ''
  if (/^application\/(?:[\w.+-]+\+)?json/i.test(type)) {
    const text = await request.text()
    if (text.length > MAX_API_BODY_BYTES) throw apiError(413, 'The request body is too large.')
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw apiError(400, 'The request body is not valid JSON.')
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw apiError(400, 'The request body must be a JSON object.')
    return parsed as Record<string, unknown>
  }
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw apiError(400, 'Send the request body as JSON (Content-Type: application/json) or as a form.')
  }
  return formValues(form, multi)
}

/** A form's string values; for the keys in `multi` every value, joined by commas (checkboxes). */
export function formValues(form: FormData, multi: readonly string[] = []): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of form) {
    if (typeof value !== 'string') continue
    values[key] = multi.includes(key) && key in values ? `${values[key]},${value}` : value
  }
  return values
}
