import { randomBytes } from 'node:crypto'
import type { VerificationType } from '~/generated/prisma/client'
import { deleteInChunks } from '~/modules/system/retention.server'
import { prisma, toDbTimestamp } from '~/utils/db.server'
import { hashToken } from './session.server'

/**
 * One-time links for e-mail verification and password resets. The link carries
 * a random 256-bit token; only its hash is stored. A new request replaces the
 * previous link for the same purpose and address.
 */
export const VERIFICATION_TTL_MS: Record<VerificationType, number> = {
  email_verify: 24 * 60 * 60 * 1000,
  password_reset: 60 * 60 * 1000,
  email_change: 24 * 60 * 60 * 1000,
}

export async function createVerification(
  type: VerificationType,
  target: string,
  userId: string | null,
): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + VERIFICATION_TTL_MS[type])
  const fields = {
    tokenHash: hashToken(token),
    userId,
    expiresAt,
    attempts: 0,
    consumedAt: null,
    createdAt: new Date(),
  }
  await prisma.verification.upsert({
    where: { type_target: { type, target } },
    create: { type, target, ...fields },
    update: fields,
    select: { id: true },
  })
  return token
}

/**
 * Uses a link once: returns the verification if the token is live, and marks it
 * consumed in the same statement so that two clicks cannot both succeed.
 */
export async function consumeVerification(
  type: VerificationType,
  token: string,
): Promise<{ target: string; userId: string | null } | null> {
  const tokenHash = hashToken(token)
  const now = new Date()
  const { count } = await prisma.verification.updateMany({
    where: { type, tokenHash, consumedAt: null, expiresAt: { gt: now } },
    data: { consumedAt: now },
  })
  if (count !== 1) return null
  return prisma.verification.findUnique({ where: { tokenHash }, select: { target: true, userId: true } })
}

/** Looks at a link without using it (to show the reset form before the new password is sent). */
export async function peekVerification(type: VerificationType, token: string): Promise<{ target: string } | null> {
  const row = await prisma.verification.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { type: true, target: true, consumedAt: true, expiresAt: true },
  })
  if (!row || row.type !== type || row.consumedAt || row.expiresAt <= new Date()) return null
  return { target: row.target }
}

export function deleteExpiredVerifications(now = new Date()): Promise<number> {
  const at = toDbTimestamp(now)
  return deleteInChunks((limit) => ({
    sql: `DELETE FROM "Verification" WHERE "id" IN (SELECT "id" FROM "Verification" WHERE "expiresAt" <= ? OR "consumedAt" IS NOT NULL LIMIT ${limit})`,
    args: [at],
  }))
}
