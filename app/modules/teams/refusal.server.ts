import { data } from '@remix-run/node'
import { DomainError, httpErrorFor } from '~/utils/errors.server'
import type { FieldErrors } from '~/utils/forms'
import type { Refusal } from './team-rules'

/** A team rule said no. `field` names the form field the sentence is about, if any. */
export class TeamRefusal extends DomainError {
  constructor(
    message: string,
    status: number,
    readonly field?: string,
  ) {
    super(message, status)
  }
}

export function refuse(refusal: Refusal | null, field?: string): void {
  if (refusal) throw new TeamRefusal(refusal.message, refusal.status, field)
}

export interface ActionFailure {
  ok: false
  intent: string
  fieldErrors: FieldErrors
  formErrors: string[]
  values: Record<string, string>
}

/**
 * The answer of a page action whose work was refused: shown beside the form that
 * was sent (by `intent`) with the refusal's status. Unknown errors stay errors.
 */
export function failure(intent: string, error: unknown, values: Record<string, string> = {}) {
  if (error instanceof DomainError) {
    const field = error instanceof TeamRefusal ? error.field : undefined
    const body: ActionFailure = { ok: false, intent, fieldErrors: field ? { [field]: [error.message] } : {}, formErrors: field ? [] : [error.message], values }
    return data(body, { status: error.status })
  }
  const mapped = httpErrorFor(error)
  if (mapped) throw data(mapped.body, { status: mapped.status, headers: mapped.headers })
  throw error
}

/** A form that did not parse: 400, naming the fields, tagged with the form's intent. */
export function invalid(intent: unknown, form: { fieldErrors: FieldErrors; formErrors: string[]; values: Record<string, string> }) {
  const body: ActionFailure = { ok: false, intent: typeof intent === 'string' ? intent : '', ...form }
  return data(body, { status: 400 })
}
