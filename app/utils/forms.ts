import type { z } from 'zod'
import { HONEYPOT_MESSAGE, honeypotFilled } from './honeypot'

export type FieldErrors = Record<string, string[] | undefined>

export type FormFailure = { ok: false; fieldErrors: FieldErrors; formErrors: string[]; values: Record<string, string> }

export type FormResult<T> = { ok: true; value: T } | FormFailure

/**
 * Parses a submitted form with a zod schema. On failure it returns the errors per
 * field (named as in the form) and what was typed, so the form can be shown again.
 * A filled honeypot field refuses the whole form.
 */
export function parseForm<S extends z.ZodType>(formData: FormData, schema: S): FormResult<z.output<S>> {
  const values: Record<string, string> = {}
  for (const [key, value] of formData) {
    if (typeof value === 'string') values[key] = value
  }
  // Only the public forms carry the honeypot field; a filled one is a bot's, whatever else it sent.
  if (honeypotFilled(formData)) return formRefusal(HONEYPOT_MESSAGE, values)
  const result = schema.safeParse(values)
  if (result.success) return { ok: true, value: result.data }
  const fieldErrors: FieldErrors = {}
  const formErrors: string[] = []
  for (const issue of result.error.issues) {
    const field = issue.path[0]
    if (typeof field === 'string') (fieldErrors[field] ??= []).push(issue.message)
    else formErrors.push(issue.message)
  }
  return { ok: false, fieldErrors, formErrors, values }
}

/** A whole-form refusal (honeypot, rate limit): no field is at fault. */
export function formRefusal(message: string, values: Record<string, string> = {}): FormFailure {
  return { ok: false, fieldErrors: {}, formErrors: [message], values }
}
