import { createCookie, data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { isConnectivityError, isOutcomeUnknown } from './db/errors.server'
import { getEnv } from './env.server'
import { DomainError, Unavailable } from './errors.server'
import type { FieldErrors, FormFailure } from './forms'
import { log } from './log.server'

/**
 * The answer layer: the one place where outcomes become HTTP answers.
 *
 * - `page(handler)` wraps every page loader and action, `api(handler)` every JSON
 *   API: a domain error becomes its status (the page's error boundary, or `{ error }`
 *   JSON), a bug becomes a 500 without details.
 * - `refuseForm(cause)` answers a refused form: field errors and a summary, shown
 *   beside the form that was sent.
 * - `redirectWithToast(url, message)` carries a one-request notice in a signed cookie;
 *   the root loader takes it (`takeToast`).
 * - `Retry-After` is set in `answerFor` alone.
 */

const OUTCOME_UNKNOWN =
  'The database did not answer in time, so we cannot tell whether your change was saved. Please check, then try again if needed.'

export interface ErrorAnswer {
  status: number
  body: { error: string; [detail: string]: unknown }
  headers: Headers
}

/** The HTTP answer of a known outcome, or undefined when the error is a bug (500). */
export function answerFor(error: unknown): ErrorAnswer | undefined {
  let status: number
  let message: string
  let retryAfterSeconds: number | undefined
  let details: Record<string, unknown> | undefined
  if (error instanceof DomainError) {
    ;({ status, message, retryAfterSeconds, details } = error)
  } else if (isConnectivityError(error)) {
    const unavailable = new Unavailable()
    status = unavailable.status
    message = isOutcomeUnknown(error) ? OUTCOME_UNKNOWN : unavailable.message
    retryAfterSeconds = unavailable.retryAfterSeconds
  } else {
    return undefined
  }
  const headers = new Headers()
  if (retryAfterSeconds !== undefined) headers.set('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))))
  return { status, body: { ...details, error: message }, headers }
}

/** Marks a loader or action as answered by this layer (the route suite checks every route). */
export const ANSWER_LAYER = Symbol.for('questlog.answer-layer')
type Marked = { [ANSWER_LAYER]?: 'page' | 'api' }

export function answerLayerOf(handler: unknown): 'page' | 'api' | undefined {
  return typeof handler === 'function' ? (handler as Marked)[ANSWER_LAYER] : undefined
}

function mark<F extends (...args: never[]) => unknown>(handler: F, kind: 'page' | 'api'): F {
  Object.defineProperty(handler, ANSWER_LAYER, { value: kind })
  return handler
}

/** A thrown `data(body, init)` of Remix. */
function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'DataWithResponseInit'
}

/** What a page throws for an error: a known one as a `data` answer for the error boundary, anything else unchanged. */
function pageAnswer(error: unknown): unknown {
  if (error instanceof Response || isDataWithInit(error)) return error
  const answer = answerFor(error)
  return answer ? data(answer.body, { status: answer.status, headers: answer.headers }) : error
}

/** Runs a page's loader or action: known errors become the error boundary's answer; bugs stay 500 (no stack trace is shown). */
export function page<A, R>(handler: (args: A) => Promise<R>): (args: A) => Promise<R> {
  return mark(async (args: A) => {
    try {
      return await handler(args)
    } catch (error) {
      throw pageAnswer(error)
    }
  }, 'page')
}

/** Throws the page answer (error boundary) unless the condition holds. */
export function invariantResponse(
  condition: unknown,
  message: string,
  init: { status: number } = { status: 400 },
): asserts condition {
  if (!condition) throw data({ error: message }, init)
}

// ---------------------------------------------------------------- JSON APIs

export type ApiFieldErrors = Record<string, string[]>

/** A JSON answer with `Cache-Control: no-store`. */
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

export function apiError(
  status: number,
  error: string,
  extra: { fieldErrors?: ApiFieldErrors; headers?: HeadersInit } = {},
): Response {
  return json(extra.fieldErrors ? { error, fieldErrors: extra.fieldErrors } : { error }, status, extra.headers)
}

/**
 * Runs a JSON API's loader or action: thrown Responses (401, 400 …) are answered as
 * they are, known errors with their status as `{ error }`, anything else as a 500
 * without details.
 */
export function api<A>(handler: (args: A) => Promise<Response>): (args: A) => Promise<Response> {
  return mark(async (args: A) => {
    try {
      return await handler(args)
    } catch (error) {
      return apiAnswer(error)
    }
  }, 'api')
}

function apiAnswer(error: unknown): Response {
  if (error instanceof Response) return error
  if (isDataWithInit(error)) return json(error.data, error.init?.status ?? 500, error.init?.headers)
  const answer = answerFor(error)
  if (answer) return json(answer.body, answer.status, answer.headers)
  log.error('api request failed', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })
  return apiError(500, 'Something went wrong on our side. Please try again.')
}

// ---------------------------------------------------------------- form refusals

/** What a page action answers when its form was refused; `intent` says which form of the page. */
export interface FormRefusal {
  ok: false
  intent: string
  fieldErrors: FieldErrors
  formErrors: string[]
  values: Record<string, string>
}

function isFormFailure(value: unknown): value is FormFailure {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { ok?: unknown }).ok === false &&
    'fieldErrors' in value &&
    'formErrors' in value
  )
}

/** Secrets are never sent back into a form. */
function withoutSecrets(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !/password|token|secret/i.test(key)))
}

/**
 * The answer of a refused form, shown beside the form with its field errors and a
 * summary: a form that did not parse (from `parseForm`) is 400; a domain error keeps
 * its status, its field and its `Retry-After`. Anything else is not a refusal: an
 * unreachable database still answers its 503 page, a bug stays a bug.
 */
export function refuseForm(cause: unknown, options: { intent?: unknown; values?: Record<string, string> } = {}) {
  const intent = typeof options.intent === 'string' ? options.intent : ''
  if (isFormFailure(cause)) {
    const body: FormRefusal = {
      ok: false,
      intent,
      fieldErrors: cause.fieldErrors,
      formErrors: cause.formErrors,
      values: withoutSecrets(options.values ?? cause.values),
    }
    return data(body, { status: 400 })
  }
  const answer = cause instanceof DomainError ? answerFor(cause) : undefined
  if (!answer || !(cause instanceof DomainError)) throw pageAnswer(cause)
  const message = answer.body.error
  const body: FormRefusal = {
    ok: false,
    intent,
    fieldErrors: cause.field ? { [cause.field]: [message] } : {},
    formErrors: cause.field ? [] : [message],
    values: withoutSecrets(options.values ?? {}),
  }
  return data(body, { status: answer.status, headers: answer.headers })
}

// ---------------------------------------------------------------- toasts

/** A notice shown once, on the page a redirect leads to. */
export const Toast = z.object({
  kind: z.enum(['success', 'info']).default('success'),
  message: z.string().min(1).max(500),
})
export type Toast = z.infer<typeof Toast>

let toastCookie: ReturnType<typeof createCookie> | undefined
function cookie() {
  const env = getEnv()
  toastCookie ??= createCookie(env.cookieSecure ? '__Host-questlog_toast' : 'questlog_toast', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: env.cookieSecure,
    secrets: env.sessionSecrets,
    maxAge: 60,
  })
  return toastCookie
}

/** The Set-Cookie header that carries a toast to the next page. */
export async function toastHeader(toast: string | Toast): Promise<string> {
  return cookie().serialize(typeof toast === 'string' ? { kind: 'success', message: toast } : toast)
}

/** Redirects and shows `toast` on the page it leads to (once). */
export async function redirectWithToast(
  url: string,
  toast: string | Toast,
  init: { headers?: HeadersInit } = {},
): Promise<Response> {
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await toastHeader(toast))
  return redirect(url, { headers })
}

/** The toast this request carries (a forged or malformed cookie reads as none), and the header that clears it. */
export async function takeToast(request: Request): Promise<{ toast: Toast | null; setCookie: string | null }> {
  const raw: unknown = await cookie().parse(request.headers.get('cookie'))
  if (raw === null || raw === undefined || raw === '') return { toast: null, setCookie: null }
  const parsed = Toast.safeParse(raw)
  return {
    toast: parsed.success ? parsed.data : null,
    setCookie: await cookie().serialize('', { maxAge: 0, expires: new Date(0) }),
  }
}
