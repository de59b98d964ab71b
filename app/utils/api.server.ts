import type { z } from 'zod'
import { type SessionUser, getSessionUser } from '~/modules/accounts/session.server'
import { httpErrorFor } from './errors.server'
import { log } from './log.server'

/**
 * Helpers for the JSON APIs under /api: every answer is JSON with `Cache-Control:
 * no-store`, errors are `{ error }` (plus `fieldErrors` for bad input, naming each
 * field), a signed-out caller gets 401 rather than the login redirect of pages, and
 * a bug is a plain 500 without a stack trace.
 */
export type ApiFieldErrors = Record<string, string[]>

/** Bodies larger than this are refused before parsing (an answer is at most a few hundred characters). */
export const MAX_API_BODY_BYTES = 16 * 1024

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  const text = JSON.stringify(body)
  const h = new Headers(headers)
  h.set('Cache-Control', 'no-store')
  h.set('Content-Type', 'application/json')
  // With its length known, the compression middleware leaves a small answer as it is
  // (gzip would cost more time than it saves bytes); a streamed body is always gzipped.
  h.set('Content-Length', String(Buffer.byteLength(text)))
  return new Response(text, { status, headers: h })
}

export function apiError(status: number, error: string, extra: { fieldErrors?: ApiFieldErrors; headers?: HeadersInit } = {}): Response {
  return json(extra.fieldErrors ? { error, fieldErrors: extra.fieldErrors } : { error }, status, extra.headers)
}

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
export async function bodyValues(request: Request, { multi = [] }: { multi?: readonly string[] } = {}): Promise<Record<string, unknown>> {
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
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw apiError(400, 'The request body must be a JSON object.')
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

/**
 * Runs an API handler: thrown Responses (401, 400 …) are answered as they are, domain
 * errors with their status as JSON, anything else as a 500 without details.
 */
export async function apiRoute(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof Response) return error
    if (isDataWithInit(error)) return json(error.data, error.init?.status ?? 500)
    const mapped = httpErrorFor(error)
    if (mapped) return apiError(mapped.status, mapped.body.error, { headers: mapped.headers })
    log.error('api request failed', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })
    return apiError(500, 'Something went wrong on our side. Please try again.')
  }
}

/** A thrown `data(body, init)` of Remix (invariantResponse, withHttpErrors). */
function isDataWithInit(value: unknown): value is { data: unknown; init: { status?: number } | null } {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'DataWithResponseInit'
}
