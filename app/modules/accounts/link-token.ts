import { z } from 'zod'

/**
 * The token of a one-time e-mail link (verification.server.ts makes 32 random
 * bytes, base64url: 43 characters). Checked for shape before any lookup, so a
 * mangled link gets a clear answer instead of a database query.
 */
export const LinkToken = z
  .string({ message: 'This link is incomplete: open it again from the e-mail' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{32,128}$/, 'This link is incomplete or damaged: open it again from the e-mail')
