import type { InStatement } from '@libsql/client'
import { prisma, toDbTimestamp } from '~/utils/db.server'
import type { RequestOrigin } from '~/utils/request-context.server'
import { ulid } from '~/utils/ulid.server'

/**
 * The audit log of security events. Metadata names what happened and to whom,
 * never a password, token or hash.
 */
export type AuditAction =
  | 'auth.signup'
  | 'auth.login'
  | 'auth.login.failed'
  | 'auth.account.linked'
  | 'auth.account.unlinked'
  | 'auth.logout'
  | 'auth.sessions.ended'
  | 'auth.email.verified'
  | 'auth.password.changed'
  | 'auth.password.reset'
  | 'user.profile.updated'
  | 'user.data.exported'
  | 'user.deleted'
  | 'team.created'
  | 'team.settings.updated'
  | 'team.invite.sent'
  | 'team.invite.revoked'
  | 'team.invite.accepted'
  | 'team.invite.declined'
  | 'team.member.role_changed'
  | 'team.member.removed'
  | 'team.member.left'
  | 'team.ownership.transferred'
  | 'team.certificate.defined'
  | 'team.certificate.archived'
  | 'team.certificate.issued'
  | 'team.certificate.revoked'
  | 'ai.config.updated'
  | 'ai.config.inherited'

export interface AuditEvent {
  action: AuditAction
  actorId?: string | null
  targetType: string
  targetId?: string | null
  teamId?: string | null
  origin?: RequestOrigin
  metadata?: Record<string, string | number | boolean | null>
}

const SECRET_KEY = /pass|token|secret|hash|code/i

const safeMetadata = (event: AuditEvent) =>
  Object.fromEntries(Object.entries(event.metadata ?? {}).filter(([key]) => !SECRET_KEY.test(key)))

export async function recordAudit(event: AuditEvent): Promise<void> {
  const metadata = safeMetadata(event)
  await prisma.auditLog.create({
    data: {
      action: event.action,
      actorId: event.actorId ?? null,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      teamId: event.teamId ?? null,
      ip: event.origin?.ip ?? null,
      userAgent: event.origin?.userAgent ?? null,
      metadata,
    },
    select: { id: true },
  })
}

/** The same entry as one statement, for a write batch that records it atomically with what it records (account deletion). */
export function auditEntryStatement(event: AuditEvent, now: Date): InStatement {
  return {
    sql: `INSERT INTO "AuditLog" ("id", "actorId", "action", "targetType", "targetId", "teamId", "ip", "userAgent", "metadata", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [
      ulid(now.getTime()),
      event.actorId ?? null,
      event.action,
      event.targetType,
      event.targetId ?? null,
      event.teamId ?? null,
      event.origin?.ip ?? null,
      event.origin?.userAgent ?? null,
      JSON.stringify(safeMetadata(event)),
      toDbTimestamp(now),
    ],
  }
}

/** The newest events, optionally of one action family ("auth", "team", "user") — for platform staff. */
export function auditEventsFor(
  where: { actorId?: string; teamId?: string; targetId?: string; actionPrefix?: string },
  take = 50,
) {
  const { actionPrefix, ...exact } = where
  return prisma.auditLog.findMany({
    where: { ...exact, ...(actionPrefix ? { action: { startsWith: `${actionPrefix}.` } } : {}) },
    orderBy: { createdAt: 'desc' },
    take,
    select: {
      id: true,
      action: true,
      actorId: true,
      actor: { select: { username: true, email: true } },
      targetType: true,
      targetId: true,
      teamId: true,
      ip: true,
      metadata: true,
      createdAt: true,
    },
  })
}
