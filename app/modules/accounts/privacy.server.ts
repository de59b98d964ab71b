import type { InStatement } from '@libsql/client'
import { RECENT_SIGN_IN_MINUTES } from './privacy-rules'
import { WRONG_PASSWORD, withCurrentPassword } from './current-password.server'
import { removeImageFile } from '~/modules/content/images.server'
import { type AuditEvent, auditEntryStatement } from '~/modules/system/audit.server'
import { prisma, writeBatch } from '~/utils/db.server'
import { Forbidden, Invalid } from '~/utils/errors.server'
import type { RequestOrigin } from '~/utils/request-context.server'
import type { UserDataOwner } from '~/utils/user-data'
import { verifyPassword } from './password.server'

/**
 * "Download my data" and "Delete my account" (GDPR access and erasure).
 *
 * The export wants every column of every row about the user, so its queries
 * name what they leave out (`omit` of secrets) rather than what they take, and
 * a last pass drops any key that looks like a secret. Password hashes and token
 * hashes never leave the server.
 */

const SECRET_KEY = /hash|^password$|secret/i

/** Drops secret-looking keys at every depth, including inside Json columns. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets)
  if (value instanceof Date || value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !SECRET_KEY.test(key))
      .map(([key, inner]) => [key, withoutSecrets(inner)]),
  )
}

export const EXPORT_FORMAT = 'questlog-user-export/1'

export async function exportUserData(userId: string) {
  const mine = { userId }
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } })
  const learnerScope = { scope: 'learner' as const, scopeId: userId }
  const [account, teams, learning, quests, achievements, challenges, billing, knowledge, tutor, notifications, system] =
    await Promise.all([
      Promise.all([
        prisma.password.findUnique({ where: mine, select: { updatedAt: true } }),
        prisma.session.findMany({ where: mine, omit: { tokenHash: true }, orderBy: { createdAt: 'asc' } }),
        prisma.verification.findMany({ where: { OR: [mine, { target: user.email }] }, omit: { tokenHash: true } }),
        prisma.image.findUnique({
          where: mine,
          select: { id: true, contentType: true, size: true, altText: true, createdAt: true, updatedAt: true },
        }),
        prisma.account.findMany({ where: mine, orderBy: { createdAt: 'asc' } }),
      ]).then(([password, sessions, verifications, image, linkedAccounts]) => ({
        hasPassword: password !== null,
        passwordChangedAt: password?.updatedAt ?? null,
        sessions,
        verifications,
        image,
        linkedAccounts,
      })),
      Promise.all([
        prisma.teamMember.findMany({
          where: mine,
          include: { team: { select: { id: true, name: true, slug: true, archivedAt: true } } },
        }),
        prisma.team.findMany({
          where: { ownerId: userId },
          select: { id: true, name: true, slug: true, description: true, archivedAt: true, createdAt: true },
        }),
        prisma.teamInvite.findMany({ where: { invitedById: userId }, omit: { tokenHash: true } }),
        prisma.teamInvite.findMany({
          where: { OR: [{ acceptedById: userId }, { email: user.email }] },
          omit: { tokenHash: true },
        }),
        prisma.teamCertificate.findMany({ where: mine }),
        // Certificates this user issued belong to their holders: only what the issuer did.
        prisma.teamCertificate.findMany({
          where: { issuedById: userId },
          select: { id: true, teamId: true, title: true, issuedAt: true, revokedAt: true },
        }),
      ]).then(([memberships, ownedTeams, invitesSent, invitesReceived, certificates, certificatesIssued]) => ({
        memberships,
        ownedTeams,
        invitesSent,
        invitesReceived,
        certificates,
        certificatesIssued,
      })),
      Promise.all([
        prisma.userTopicXp.findMany({ where: mine }),
        prisma.userTaskAttempt.findMany({ where: mine, orderBy: { completedAt: 'asc' } }),
        prisma.reviewCard.findMany({ where: mine }),
        prisma.reviewLog.findMany({ where: mine, orderBy: { review: 'asc' } }),
        prisma.conceptMastery.findMany({ where: mine }),
        prisma.progress.findMany({ where: mine, orderBy: { createdAt: 'asc' } }),
        prisma.learnerProfile.findUnique({ where: mine }),
        prisma.streak.findMany({ where: mine }),
        prisma.streakFreeze.findMany({ where: mine }),
        prisma.xpLedgerEntry.findMany({ where: mine, orderBy: { createdAt: 'asc' } }),
      ]).then(
        ([
          topicXp,
          taskAttempts,
          reviewCards,
          reviewLogs,
          conceptMastery,
          progress,
          learnerProfile,
          streaks,
          streakFreezes,
          xpLedger,
        ]) => ({
          topicXp,
          taskAttempts,
          reviewCards,
          reviewLogs,
          conceptMastery,
          progress,
          learnerProfile,
          streaks,
          streakFreezes,
          xpLedger,
        }),
      ),
      Promise.all([
        prisma.quest.findMany({ where: mine, include: { steps: true, tags: true, prerequisites: true } }),
        // Quests this user assigned to others are the others' quests: only the assignment.
        prisma.quest.findMany({
          where: { assignedById: userId, userId: { not: userId } },
          select: { id: true, title: true, teamId: true, createdAt: true },
        }),
        prisma.questCategory.findMany({ where: mine }),
        prisma.tag.findMany({ where: mine }),
        prisma.questAnalytics.findMany({ where: mine }),
      ]).then(([owned, assignedToOthers, categories, tags, analytics]) => ({
        quests: owned,
        assignedToOthers,
        categories,
        tags,
        analytics,
      })),
      prisma.userAchievement.findMany({ where: mine, include: { achievement: { select: { key: true, name: true } } } }),
      Promise.all([
        prisma.userChallenge.findMany({ where: mine, include: { challenge: { select: { id: true, title: true } } } }),
        prisma.leaderboardEntry.findMany({ where: mine }),
        prisma.userChallengeBadge.findMany({ where: mine, include: { badge: { select: { key: true, name: true } } } }),
        prisma.challenge.findMany({ where: { createdById: userId } }),
      ]).then(([participation, leaderboardEntries, badges, created]) => ({
        participation,
        leaderboardEntries,
        badges,
        created,
      })),
      prisma.subscription.findMany({ where: mine }),
      Promise.all([
        prisma.document.findMany({
          where: { uploadedById: userId },
          select: { id: true, teamId: true, title: true, source: true, mimeType: true, status: true, createdAt: true },
        }),
        prisma.ingestionJob.findMany({
          where: { createdById: userId },
          select: { id: true, teamId: true, source: true, status: true, createdAt: true },
        }),
      ]).then(([documentsUploaded, ingestionJobs]) => ({ documentsUploaded, ingestionJobs })),
      Promise.all([
        prisma.tutorSession.findMany({ where: mine, include: { messages: { orderBy: { createdAt: 'asc' } } } }),
        prisma.aIUsage.findMany({ where: mine, orderBy: { createdAt: 'asc' } }),
        prisma.aIUsageMonthly.findMany({ where: mine }),
        prisma.aISuggestion.findMany({ where: mine }),
      ]).then(([sessions, aiUsage, aiUsageMonthly, aiSuggestions]) => ({
        sessions,
        aiUsage,
        aiUsageMonthly,
        aiSuggestions,
      })),
      Promise.all([
        prisma.notification.findMany({ where: mine, orderBy: { createdAt: 'asc' } }),
        prisma.notificationPreference.findMany({ where: mine }),
        // Bodies are left out: they may carry one-time links.
        prisma.outboundEmail.findMany({
          where: { OR: [mine, { to: user.email }] },
          select: { id: true, to: true, subject: true, template: true, status: true, sentAt: true, createdAt: true },
        }),
      ]).then(([inApp, preferences, emails]) => ({ inApp, preferences, emails })),
      Promise.all([
        prisma.userBehaviorLog.findMany({ where: mine, orderBy: { createdAt: 'asc' } }),
        prisma.auditLog.findMany({ where: { actorId: userId }, orderBy: { createdAt: 'asc' } }),
        prisma.systemSetting.findMany({ where: learnerScope }),
        prisma.aIModelConfig.findMany({ where: learnerScope }),
        prisma.voiceConfig.findMany({ where: learnerScope }),
      ]).then(([behaviorLogs, auditLog, settings, aiModelConfig, voiceConfig]) => ({
        behaviorLogs,
        auditLog,
        settings: { settings, aiModelConfig, voiceConfig },
      })),
    ])
  return withoutSecrets({
    format: EXPORT_FORMAT,
    exportedAt: new Date(),
    profile: user,
    account,
    teams,
    learning,
    quests,
    achievements,
    challenges,
    billing: { subscriptions: billing },
    knowledge,
    tutor,
    notifications,
    behaviorLogs: system.behaviorLogs,
    auditLog: system.auditLog,
    settings: system.settings,
  }) as Record<string, unknown>
}

// ─── Delete my account ──────────────────────────────────────────────────────

export type DeleteAccountResult =
  | { ok: true; teamsArchived: number }
  | { ok: false; reason: 'wrong-password' | 'wrong-email' | 'sign-in-again' }
  | { ok: false; reason: 'owns-teams'; teams: { id: string; name: string }[] }

export function deletedEmail(userId: string): string {
  return `user_${userId}@deleted.invalid`
}

/**
 * The teams the user owns (by membership or by Team.ownerId), with how many other members each has.
 * A read of teams' tables (ADR 0009); teams' userDataStatements archives these same teams.
 */
async function ownedTeams(userId: string) {
  const teams = await prisma.team.findMany({
    where: { OR: [{ ownerId: userId }, { members: { some: { userId, role: 'owner' } } }] },
    select: { id: true, name: true, _count: { select: { members: { where: { userId: { not: userId } } } } } },
  })
  return teams.map((t) => ({ id: t.id, name: t.name, otherMembers: t._count.members }))
}

/**
 * The first statement of the deletion batch: fails the whole batch if a team this user
 * owns has anyone else in it when the batch runs. The check before it reads; this closes
 * the gap in which an invitation accepted meanwhile would leave an archived team with a
 * member and no owner.
 */
export function ownerStillAloneGuard(userId: string): InStatement {
  return {
    sql: `SELECT CASE WHEN EXISTS (
            SELECT 1 FROM "TeamMember" other JOIN "Team" t ON t."id" = other."teamId"
            WHERE other."userId" <> ?
              AND (t."ownerId" = ? OR EXISTS (SELECT 1 FROM "TeamMember" o WHERE o."teamId" = t."id" AND o."userId" = ? AND o."role" = 'owner'))
          ) THEN json('a team this account owns has other members') ELSE 1 END`,
    args: [userId, userId, userId],
  }
}

/**
 * Anonymises the account as seed 002 describes, in one atomic batch: the User
 * row stays (other people's leaderboards, challenges and team history point at
 * it) with its personal fields replaced; personal rows are deleted; aggregate
 * rows others depend on are kept. A team owner with members must hand the team
 * over first; a team the user alone belongs to is archived.
 *
 * Each module says what happens to its rows: `everyModule` is every module's
 * `userDataStatements` in batch order (app/modules/user-data.server.ts, passed in
 * because accounts imports no module that imports accounts; ADR 0009).
 */
export async function deleteAccount(
  userId: string,
  proof: DeletionProof,
  origin: RequestOrigin,
  everyModule: readonly UserDataOwner[],
): Promise<DeleteAccountResult> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, password: { select: { hash: true } }, image: { select: { filePath: true, fileKey: true } } },
  })
  const refused = await proofRefused(userId, user, proof)
  if (refused) return { ok: false, reason: refused }

  const teams = await ownedTeams(userId)
  const blocking = teams.filter((t) => t.otherMembers > 0).map(({ id, name }) => ({ id, name }))
  if (blocking.length > 0) return { ok: false, reason: 'owns-teams', teams: blocking }
  const teamsArchived = teams.length

  const account = { email: user.email, now: new Date() }
  const audit: AuditEvent = {
    action: 'user.deleted',
    actorId: userId,
    targetType: 'User',
    targetId: userId,
    origin,
    metadata: { teamsArchived },
  }
  try {
    await writeBatch([
      ownerStillAloneGuard(userId),
      ...everyModule.flatMap((owner) => owner.userDataStatements(userId, account)),
      auditEntryStatement(audit, account.now),
    ])
  } catch (error) {
    const blockingNow = await teamsBlockingDeletion(userId)
    if (blockingNow.length > 0) return { ok: false, reason: 'owns-teams', teams: blockingNow }
    throw error
  }
  if (user.image) await removeImageFile(user.image)
  return { ok: true, teamsArchived }
}

/**
 * How the owner proves it is them: the password, or — for an account without one (signed up with
 * GitHub or Google) — their e-mail address typed out and a session signed in within the last
 * RECENT_SIGN_IN_MINUTES, so a session left open on a shared computer cannot delete the account.
 */
export type DeletionProof = string | { email: string; sessionId: string; now: Date }

async function proofRefused(
  userId: string,
  user: { email: string; password: { hash: string } | null },
  proof: DeletionProof,
): Promise<'wrong-password' | 'wrong-email' | 'sign-in-again' | null> {
  if (typeof proof === 'string' || user.password) {
    // an account with a password is deleted with its password only
    if (typeof proof !== 'string' || !user.password || !(await verifyPassword(proof, user.password.hash)))
      return 'wrong-password'
    return null
  }
  if (proof.email.trim().toLowerCase() !== user.email.toLowerCase()) return 'wrong-email'
  return (await signedInRecently(userId, proof.sessionId, proof.now)) ? null : 'sign-in-again'
}

/** Whether this session of the user was signed in within the last RECENT_SIGN_IN_MINUTES. */
async function signedInRecently(userId: string, sessionId: string, now: Date): Promise<boolean> {
  const session = await prisma.session.findFirst({ where: { id: sessionId, userId }, select: { createdAt: true } })
  return !!session && now.getTime() - session.createdAt.getTime() <= RECENT_SIGN_IN_MINUTES * 60_000
}

/** What the deletion form asks of this user (settings.data): the password, or the e-mail and a recent sign-in. */
export async function deletionProofNeeded(user: { id: string; sessionId: string }, now: Date) {
  const password = await prisma.password.findUnique({ where: { userId: user.id }, select: { userId: true } })
  if (password) return { kind: 'password' as const }
  return { kind: 'email' as const, signedInRecently: await signedInRecently(user.id, user.sessionId, now) }
}

const SIGN_IN_AGAIN = `You signed in more than ${RECENT_SIGN_IN_MINUTES} minutes ago. Sign in again, then delete your account within ${RECENT_SIGN_IN_MINUTES} minutes.`

/**
 * "Delete my account" by its owner: wrong passwords count like failed logins, so a
 * borrowed session cannot guess its way to deleting the account (`withCurrentPassword`).
 * A wrong e-mail address is Invalid about `email`, a sign-in too long ago Forbidden.
 */
export async function deleteOwnAccount(
  user: { id: string; email: string },
  proof: DeletionProof,
  origin: RequestOrigin,
  everyModule: readonly UserDataOwner[],
): Promise<Extract<DeleteAccountResult, { ok: true } | { reason: 'owns-teams' }>> {
  if (typeof proof !== 'string') {
    const result = await deleteAccount(user.id, proof, origin, everyModule)
    if (result.ok || result.reason === 'owns-teams') return result
    if (result.reason === 'wrong-email')
      throw new Invalid('Type the e-mail address of your account exactly as it is shown', 'email')
    if (result.reason === 'sign-in-again') throw new Forbidden(SIGN_IN_AGAIN)
    throw new Invalid('Enter your password to confirm', 'password')
  }
  return withCurrentPassword(user, origin, 'password', async () => {
    const result = await deleteAccount(user.id, proof, origin, everyModule)
    // with a password as proof, a wrong password is the only other refusal
    return result.ok || result.reason === 'owns-teams' ? result : WRONG_PASSWORD
  })
}

/** Teams the user must hand over before the account can be deleted. */
export async function teamsBlockingDeletion(userId: string): Promise<{ id: string; name: string }[]> {
  return (await ownedTeams(userId)).filter((t) => t.otherMembers > 0).map(({ id, name }) => ({ id, name }))
}
