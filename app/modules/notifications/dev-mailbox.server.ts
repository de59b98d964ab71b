import { getEnv } from '~/utils/env.server'
import { NotFound } from '~/utils/errors.server'

/** The dev mailbox exists only where DEV_MAILBOX is on (by default: not production, no SMTP_URL); elsewhere it is a 404. */
export function requireDevMailbox(): void {
  if (!getEnv().devMailbox) throw new NotFound()
}
