import { DomainError } from '~/utils/errors.server'
import type { Refusal } from './team-rules'

/** A team rule said no: its refusal becomes the error the answer layer shows (beside `field`, if given). */
export function refuse(refusal: Refusal | null, field?: string): void {
  if (refusal) throw new DomainError(refusal.message, refusal.status, field)
}
