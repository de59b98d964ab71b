import { randomBytes } from 'node:crypto'
import type { InStatement } from '@libsql/client'
import type { MasteryLevel } from '~/generated/prisma/client'
import { teamRoleCan } from '~/modules/accounts/permissions'
import { recallProbability } from '~/modules/learning/scheduling'
import { notificationStatements } from '~/modules/notifications/notify.server'
import { CARD_SELECT } from '~/modules/learning/submission-state.server'
import { type AuditAction, auditEntryStatement } from '~/modules/system/audit.server'
import { type TeamAccess, assertTeamRoleCan } from '~/modules/teams/access.server'
import { displayName } from '~/modules/teams/format'
import { databaseReady, prisma, toDbTimestamp, writeBatch } from '~/utils/db.server'
import { Conflict, Invalid, NotFound } from '~/utils/errors.server'
import type { RequestOrigin } from '~/utils/request-context.server'
import { ulid } from '~/utils/ulid.server'
import type { CertificateAdminAction, DefinitionInput } from './certificate-input'
import {
  type Assessment,
  CODE_BYTES,
  type CertificateEvidence,
  type ConceptFacts,
  type MasteryOf,
  assessMastery,
  base32,
  buildEvidence,
  parseEvidence,
  parseRequirements,
  requiredConcepts,
  shortfall,
  verifyPath,
} from './certificate-rules'

/**
 * Team certificates (docs/certificates.md): team admins define what the team certifies and
 * issue certificates to members who meet a definition (or the app does, after an answer, for
 * definitions that issue automatically); each certificate keeps the evidence of mastery at
 * issue and a public, unguessable verify code. Reads of other modules' tables are named here:
 * content's Task/TopicXpConfig (which concepts a topic teaches), learning's ConceptMastery,
 * ReviewCard and UserTaskAttempt (the evidence), teams' TeamMember (who belongs to the team).
 */

const MANAGE = 'manage:team-certificates:own-team' as const
const GUARD = (what: string): InStatement => ({
  sql: `SELECT CASE WHEN changes() = 1 THEN 1 ELSE json('stale ' || ?) END`,
  args: [what],
})
const ts = (d: Date) => toDbTimestamp(d)

const DEFINITION_SELECT = {
  id: true,
  teamId: true,
  name: true,
  description: true,
  requirements: true,
  requiredLevel: true,
  autoIssue: true,
  archivedAt: true,
  createdAt: true,
} as const

type Definition = {
  id: string
  teamId: string
  name: string
  requirements: unknown
  requiredLevel: MasteryLevel
}

function audit(
  action: AuditAction,
  teamId: string,
  actorId: string | null,
  targetType: string,
  targetId: string,
  now: Date,
  origin?: RequestOrigin,
  metadata?: Record<string, string | number | boolean | null>,
): InStatement {
  return auditEntryStatement({ action, actorId, teamId, targetType, targetId, origin, metadata }, now)
}

// ─── Reads of the mastery evidence ──────────────────────────────────────────

/** slug → the concepts of the topic's active tasks (content's Task and TopicXpConfig). */
async function topicConcepts(slugs: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>()
  if (slugs.length === 0) return map
  const tasks = await prisma.task.findMany({
    where: { active: true, ownerId: null, topic: { slug: { in: [...slugs] } } },
    select: { concepts: true, topic: { select: { slug: true } } },
  })
  for (const task of tasks) {
    const list = map.get(task.topic.slug) ?? []
    for (const concept of asStrings(task.concepts)) if (!list.includes(concept)) list.push(concept)
    map.set(task.topic.slug, list)
  }
  return map
}

const asStrings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []

/** The concepts each definition requires (topics resolved to their concepts), with one read for all. */
async function conceptsOf(definitions: readonly { requirements: unknown }[]): Promise<string[][]> {
  const parsed = definitions.map((d) => parseRequirements(d.requirements))
  const topics = await topicConcepts([...new Set(parsed.flatMap((r) => r.topics))])
  return parsed.map((r) => requiredConcepts(r, topics))
}

/** userId → concept → ConceptMastery (learning's), for the given people and concepts. */
async function masteriesOf(
  userIds: readonly string[],
  concepts: readonly string[],
): Promise<Map<string, Map<string, MasteryOf>>> {
  const byUser = new Map<string, Map<string, MasteryOf>>()
  if (userIds.length === 0 || concepts.length === 0) return byUser
  const rows = await prisma.conceptMastery.findMany({
    where: { userId: { in: [...userIds] }, concept: { in: [...concepts] } },
    select: { userId: true, concept: true, mastery: true, level: true },
  })
  for (const row of rows) {
    const own = byUser.get(row.userId) ?? new Map<string, MasteryOf>()
    own.set(row.concept, { mastery: row.mastery, level: row.level })
    byUser.set(row.userId, own)
  }
  return byUser
}

/** What the evidence records of each required concept: recall now from the learner's cards, and the answers. */
async function conceptFacts(userId: string, assessment: Assessment, now: Date): Promise<ConceptFacts[]> {
  const concepts = assessment.concepts.map((c) => c.concept)
  // Tasks naming the concepts, retired ones too: their answers are part of the record.
  const named = await prisma.$queryRawUnsafe<Array<{ taskId: string; concept: string }>>(
    `SELECT t."id" AS "taskId", j.value AS "concept" FROM "Task" t, json_each(t."concepts") j
     WHERE t."ownerId" IS NULL AND j.value IN (${concepts.map(() => '?').join(', ')})`,
    ...concepts,
  )
  const taskIds = [...new Set(named.map((n) => n.taskId))]
  const [cards, attempts] = await Promise.all([
    prisma.reviewCard.findMany({
      where: { userId, taskId: { in: taskIds } },
      select: { ...CARD_SELECT, taskId: true, topic: { select: { scheduler: true } } },
    }),
    prisma.userTaskAttempt.groupBy({
      by: ['taskId'],
      where: { userId, taskId: { in: taskIds } },
      _count: { _all: true },
      _min: { completedAt: true },
      _max: { completedAt: true },
    }),
  ])
  const recallOf = new Map(cards.map((card) => [card.taskId, recallProbability(card, now, card.topic.scheduler)]))
  const attemptsOf = new Map(attempts.map((a) => [a.taskId, a]))
  return assessment.concepts.map((c) => {
    const tasks = named.filter((n) => n.concept === c.concept).map((n) => n.taskId)
    const recalls = tasks.flatMap((t) => (recallOf.has(t) ? [recallOf.get(t)!] : []))
    const answered = tasks.flatMap((t) => (attemptsOf.has(t) ? [attemptsOf.get(t)!] : []))
    const firsts = answered.flatMap((a) => (a._min.completedAt ? [a._min.completedAt.getTime()] : []))
    const lasts = answered.flatMap((a) => (a._max.completedAt ? [a._max.completedAt.getTime()] : []))
    return {
      concept: c.concept,
      mastery: c.mastery,
      level: c.level,
      recalls,
      attempts: answered.reduce((sum, a) => sum + a._count._all, 0),
      firstAttemptAt: firsts.length ? new Date(Math.min(...firsts)) : null,
      lastAttemptAt: lasts.length ? new Date(Math.max(...lasts)) : null,
    }
  })
}

async function assessMember(
  definition: Definition,
  userId: string,
): Promise<{ required: string[]; assessment: Assessment }> {
  const [required] = await conceptsOf([definition])
  const masteries = (await masteriesOf([userId], required!)).get(userId) ?? new Map()
  return { required: required!, assessment: assessMastery(required!, masteries, definition.requiredLevel) }
}

// ─── Definitions ────────────────────────────────────────────────────────────

/** A team admin defines a certificate: every topic must exist, every concept be named by some task. */
export async function defineCertificate(
  access: TeamAccess,
  input: DefinitionInput,
  options: { now?: Date; origin?: RequestOrigin } = {},
): Promise<{ id: string; name: string }> {
  assertTeamRoleCan(access, MANAGE)
  const now = options.now ?? new Date()
  const topics = await prisma.topicXpConfig.findMany({ where: { slug: { in: input.topics } }, select: { slug: true } })
  const unknownTopics = input.topics.filter((slug) => !topics.some((t) => t.slug === slug))
  if (unknownTopics.length) throw new Invalid(`There is no topic ${unknownTopics.join(', ')}.`, 'topics')
  if (input.concepts.length) {
    const known = await prisma.$queryRawUnsafe<Array<{ concept: string }>>(
      `SELECT DISTINCT j.value AS "concept" FROM "Task" t, json_each(t."concepts") j WHERE t."ownerId" IS NULL AND j.value IN (${input.concepts.map(() => '?').join(', ')})`,
      ...input.concepts,
    )
    const unknown = input.concepts.filter((c) => !known.some((k) => k.concept === c))
    if (unknown.length) throw new Invalid(`No task teaches ${unknown.join(', ')}.`, 'concepts')
  }
  const id = ulid()
  await writeBatch([
    {
      sql: `INSERT INTO "CertificateDefinition" ("id", "teamId", "name", "description", "requirements", "requiredLevel", "autoIssue", "createdById", "createdAt", "updatedAt")
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [
        id,
        access.team.id,
        input.name,
        input.description,
        JSON.stringify({ topics: input.topics, concepts: input.concepts }),
        input.requiredLevel,
        input.autoIssue ? 1 : 0,
        access.user.id,
        ts(now),
        ts(now),
      ],
    },
    audit(
      'team.certificate.defined',
      access.team.id,
      access.user.id,
      'CertificateDefinition',
      id,
      now,
      options.origin,
      {
        name: input.name,
      },
    ),
  ])
  // Members who already meet an automatic definition get it now, not at their next answer.
  if (input.autoIssue) {
    const members = await prisma.teamMember.findMany({ where: { teamId: access.team.id }, select: { userId: true } })
    for (const m of members) await autoIssueCertificates(m.userId, now)
  }
  return { id, name: input.name }
}

/** Archived definitions issue nothing more; certificates issued from them stay valid. */
export async function archiveDefinition(
  access: TeamAccess,
  definitionId: string,
  options: { now?: Date; origin?: RequestOrigin } = {},
): Promise<{ name: string }> {
  assertTeamRoleCan(access, MANAGE)
  const now = options.now ?? new Date()
  const definition = await prisma.certificateDefinition.findFirst({
    where: { id: definitionId, teamId: access.team.id },
    select: { name: true, archivedAt: true },
  })
  if (!definition) throw new NotFound('This team has no such certificate.')
  if (definition.archivedAt) throw new Conflict('This certificate is archived already.')
  try {
    await writeBatch([
      {
        sql: `UPDATE "CertificateDefinition" SET "archivedAt" = ?, "updatedAt" = ? WHERE "id" = ? AND "teamId" = ? AND "archivedAt" IS NULL`,
        args: [ts(now), ts(now), definitionId, access.team.id],
      },
      GUARD('CertificateDefinition'),
      audit(
        'team.certificate.archived',
        access.team.id,
        access.user.id,
        'CertificateDefinition',
        definitionId,
        now,
        options.origin,
      ),
    ])
  } catch (error) {
    if (isStale(error)) throw new Conflict('This certificate is archived already.')
    throw error
  }
  return { name: definition.name }
}

const isStale = (error: unknown) => /malformed JSON/.test(String((error as { message?: unknown })?.message ?? error))

// ─── Issuing and revoking ───────────────────────────────────────────────────

interface IssueInput {
  definition: Definition
  userId: string
  issuedById: string | null
  now: Date
  origin?: RequestOrigin
}

/**
 * Issues one certificate when the member meets the definition, in one batch guarded so that it
 * happens at most once: the member still belongs to the team, the definition is not archived and
 * the member holds no valid certificate of it (for an automatic issue: none at all, so a revoked
 * one is not handed back). Answers null when the guard found it already issued. The holder's
 * `certificate_issued` notification is in the same batch: it exists exactly when the certificate does.
 */
async function issue(input: IssueInput, mode: 'admin' | 'auto'): Promise<{ id: string; title: string } | null> {
  const { definition, userId, now } = input
  const { required, assessment } = await assessMember(definition, userId)
  if (!assessment.meets) throw new Conflict(shortfall(assessment, definition.requiredLevel))
  const evidence = buildEvidence({
    assessedAt: now,
    requiredLevel: definition.requiredLevel,
    concepts: await conceptFacts(userId, assessment, now),
  })
  const requirements = parseRequirements(definition.requirements)
  const criteria = { ...requirements, requiredConcepts: required, requiredLevel: definition.requiredLevel }
  const id = ulid()
  const code = base32(randomBytes(CODE_BYTES))
  try {
    await writeBatch([
      {
        sql: `INSERT INTO "TeamCertificate" ("id", "teamId", "userId", "title", "code", "issuedAt", "definitionId", "criteria", "evidence", "issuedById", "createdAt", "updatedAt")
              SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
              WHERE EXISTS (SELECT 1 FROM "TeamMember" WHERE "teamId" = ? AND "userId" = ?)
                AND EXISTS (SELECT 1 FROM "CertificateDefinition" WHERE "id" = ? AND "teamId" = ? AND "archivedAt" IS NULL)
                AND NOT EXISTS (SELECT 1 FROM "TeamCertificate" WHERE "definitionId" = ? AND "userId" = ?${mode === 'admin' ? ` AND "revokedAt" IS NULL` : ''})`,
        args: [
          id,
          definition.teamId,
          userId,
          definition.name,
          code,
          ts(now),
          definition.id,
          JSON.stringify(criteria),
          JSON.stringify(evidence),
          input.issuedById,
          ts(now),
          ts(now),
          definition.teamId,
          userId,
          definition.id,
          definition.teamId,
          definition.id,
          userId,
        ],
      },
      GUARD('TeamCertificate'),
      ...notificationStatements(
        {
          userId,
          type: 'certificate_issued',
          eventKey: `certificate:${id}`,
          title: `Certificate issued: ${definition.name}`,
          message: 'It holds the evidence of your mastery and a link anyone can use to verify it.',
          link: `/certificates/${id}`,
          data: { certificateId: id, teamId: definition.teamId },
        },
        now,
      ),
      audit('team.certificate.issued', definition.teamId, input.issuedById, 'TeamCertificate', id, now, input.origin, {
        holderId: userId,
        definitionId: definition.id,
        automatic: mode === 'auto',
      }),
    ])
  } catch (error) {
    if (isStale(error)) return null
    throw error
  }
  return { id, title: definition.name }
}

/** An admin issues a definition's certificate to a member who meets it. */
export async function issueCertificate(
  access: TeamAccess,
  input: { definitionId: string; userId: string },
  options: { now?: Date; origin?: RequestOrigin } = {},
): Promise<{ id: string; title: string; holder: string }> {
  assertTeamRoleCan(access, MANAGE)
  const now = options.now ?? new Date()
  const [definition, member] = await Promise.all([
    prisma.certificateDefinition.findFirst({
      where: { id: input.definitionId, teamId: access.team.id },
      select: DEFINITION_SELECT,
    }),
    prisma.teamMember.findUnique({
      where: { teamId_userId: { teamId: access.team.id, userId: input.userId } },
      select: { user: { select: { name: true, username: true } } },
    }),
  ])
  if (!definition) throw new NotFound('This team has no such certificate.')
  if (!member) throw new NotFound('This person is not a member of the team.')
  if (definition.archivedAt) throw new Conflict('This certificate is archived: it is no longer issued.')
  const issued = await issue(
    { definition, userId: input.userId, issuedById: access.user.id, now, origin: options.origin },
    'admin',
  )
  if (!issued) throw new Conflict(`${displayName(member.user)} already holds this certificate.`)
  return { ...issued, holder: displayName(member.user) }
}

/**
 * After the learner's answers (app/modules/progress-events.server.ts): issues every automatic
 * definition of the learner's teams that they now meet and have never been given. Cheap when
 * there is none: one read.
 */
export async function autoIssueCertificates(userId: string, now: Date): Promise<{ title: string }[]> {
  if (!(await mayAutoIssue(userId))) return []
  const definitions = await prisma.certificateDefinition.findMany({
    where: {
      autoIssue: true,
      archivedAt: null,
      team: { archivedAt: null, members: { some: { userId } } },
      certificates: { none: { userId } },
    },
    select: DEFINITION_SELECT,
    orderBy: { createdAt: 'asc' },
  })
  const issued: { title: string }[] = []
  for (const definition of definitions) {
    const { assessment } = await assessMember(definition, userId)
    if (!assessment.meets) continue
    const done = await issue({ definition, userId, issuedById: null, now }, 'auto')
    if (done) issued.push({ title: done.title })
  }
  return issued
}

/**
 * Whether a team of the learner issues some certificate automatically that they do not hold yet:
 * one cheap raw read after every answer, most of which concern none.
 */
async function mayAutoIssue(userId: string): Promise<boolean> {
  const db = await databaseReady()
  const { rows } = await db.execute({
    sql: `SELECT 1 FROM "TeamMember" m JOIN "Team" t ON t."id" = m."teamId" JOIN "CertificateDefinition" d ON d."teamId" = m."teamId"
          WHERE m."userId" = ? AND t."archivedAt" IS NULL AND d."autoIssue" = 1 AND d."archivedAt" IS NULL
            AND NOT EXISTS (SELECT 1 FROM "TeamCertificate" c WHERE c."definitionId" = d."id" AND c."userId" = m."userId")
          LIMIT 1`,
    args: [userId],
  })
  return rows.length > 0
}

/** An admin revokes a certificate with a reason; its verify page then says so. */
export async function revokeCertificate(
  access: TeamAccess,
  input: { certificateId: string; reason: string },
  options: { now?: Date; origin?: RequestOrigin } = {},
): Promise<{ title: string }> {
  assertTeamRoleCan(access, MANAGE)
  const now = options.now ?? new Date()
  const certificate = await prisma.teamCertificate.findFirst({
    where: { id: input.certificateId, teamId: access.team.id },
    select: { title: true, revokedAt: true },
  })
  if (!certificate) throw new NotFound('This team issued no such certificate.')
  const already = new Conflict('This certificate is revoked already.')
  if (certificate.revokedAt) throw already
  try {
    await writeBatch([
      {
        sql: `UPDATE "TeamCertificate" SET "revokedAt" = ?, "revokedReason" = ?, "updatedAt" = ? WHERE "id" = ? AND "teamId" = ? AND "revokedAt" IS NULL`,
        args: [ts(now), input.reason, ts(now), input.certificateId, access.team.id],
      },
      GUARD('TeamCertificate'),
      audit(
        'team.certificate.revoked',
        access.team.id,
        access.user.id,
        'TeamCertificate',
        input.certificateId,
        now,
        options.origin,
      ),
    ])
  } catch (error) {
    if (isStale(error)) throw already
    throw error
  }
  return { title: certificate.title }
}

/** Runs one certificate form of the team page; returns the sentence that tells what happened. */
export async function runCertificateAction(
  access: TeamAccess,
  input: CertificateAdminAction,
  options: { now?: Date; origin?: RequestOrigin } = {},
): Promise<string> {
  switch (input.intent) {
    case 'certificate-define': {
      const made = await defineCertificate(access, input, options)
      return `The certificate “${made.name}” was defined.`
    }
    case 'certificate-archive': {
      const { name } = await archiveDefinition(access, input.definitionId, options)
      return `“${name}” is archived: it is no longer issued. Certificates already issued stay valid.`
    }
    case 'certificate-issue': {
      const issued = await issueCertificate(access, input, options)
      return `“${issued.title}” was issued to ${issued.holder}.`
    }
    case 'certificate-revoke': {
      const { title } = await revokeCertificate(access, input, options)
      return `“${title}” was revoked; its verify page now says so.`
    }
  }
}

// ─── Views ──────────────────────────────────────────────────────────────────

const holderName = (user: { name: string | null; username: string | null; anonymizedAt: Date | null }) =>
  user.anonymizedAt ? 'A former member' : displayName(user)

/** What the public verify page shows: the holder's chosen name, the team, the date, the evidence, revocation. */
export interface VerifiedCertificate {
  title: string
  holderName: string
  teamName: string
  issuedAt: string
  expiresAt: string | null
  revoked: { at: string; reason: string | null } | null
  evidence: CertificateEvidence | null
}

/** The only public view of a certificate, by its code. Unknown code → NotFound. */
export async function verifyCertificate(code: string): Promise<VerifiedCertificate> {
  const row = await prisma.teamCertificate.findUnique({
    where: { code },
    select: {
      title: true,
      issuedAt: true,
      expiresAt: true,
      revokedAt: true,
      revokedReason: true,
      evidence: true,
      team: { select: { name: true } },
      user: { select: { name: true, username: true, anonymizedAt: true } },
    },
  })
  if (!row) throw new NotFound('No certificate has this code. Check the link you were given.')
  return {
    title: row.title,
    holderName: holderName(row.user),
    teamName: row.team.name,
    issuedAt: row.issuedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revoked: row.revokedAt ? { at: row.revokedAt.toISOString(), reason: row.revokedReason } : null,
    evidence: parseEvidence(row.evidence),
  }
}

/** One of the learner's own certificates (anyone else's: NotFound). */
export async function myCertificate(
  userId: string,
  id: string,
): Promise<VerifiedCertificate & { id: string; verifyPath: string }> {
  const row = await prisma.teamCertificate.findFirst({ where: { id, userId }, select: { code: true } })
  if (!row) throw new NotFound('You hold no such certificate.')
  return { id, verifyPath: verifyPath(row.code), ...(await verifyCertificate(row.code)) }
}

/** The learner's certificates, newest first. */
export async function myCertificates(userId: string) {
  const rows = await prisma.teamCertificate.findMany({
    where: { userId },
    orderBy: { issuedAt: 'desc' },
    select: { id: true, title: true, code: true, issuedAt: true, revokedAt: true, team: { select: { name: true } } },
  })
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    teamName: r.team.name,
    issuedAt: r.issuedAt.toISOString(),
    revoked: r.revokedAt !== null,
    verifyPath: verifyPath(r.code),
  }))
}

/**
 * A team's certificates for the team page and its API (the caller passed the team gate): the
 * definitions with who meets each now, and every certificate issued. Admins also get the topics
 * to define from.
 */
export async function teamCertificates(access: TeamAccess) {
  const teamId = access.team.id
  const canManage = access.role !== null && teamRoleCan(access.role, MANAGE)
  const [definitions, certificates, members, topics] = await Promise.all([
    prisma.certificateDefinition.findMany({
      where: { teamId },
      orderBy: { createdAt: 'asc' },
      select: { ...DEFINITION_SELECT, _count: { select: { certificates: { where: { revokedAt: null } } } } },
    }),
    prisma.teamCertificate.findMany({
      where: { teamId },
      orderBy: { issuedAt: 'desc' },
      select: {
        id: true,
        title: true,
        code: true,
        userId: true,
        definitionId: true,
        issuedAt: true,
        issuedById: true,
        revokedAt: true,
        revokedReason: true,
        user: { select: { name: true, username: true, anonymizedAt: true } },
      },
    }),
    prisma.teamMember.findMany({
      where: { teamId },
      select: { userId: true, user: { select: { name: true, username: true } } },
    }),
    canManage
      ? prisma.topicXpConfig.findMany({
          where: { active: true },
          orderBy: [{ order: 'asc' }, { title: 'asc' }],
          select: { slug: true, title: true },
        })
      : [],
  ])
  const active = definitions.filter((d) => !d.archivedAt)
  const required = await conceptsOf(active)
  const masteries = await masteriesOf(
    members.map((m) => m.userId),
    [...new Set(required.flat())],
  )
  const holds = new Set(certificates.filter((c) => !c.revokedAt).map((c) => `${c.definitionId} ${c.userId}`))
  return {
    canManage,
    topics,
    definitions: definitions.map((d) => {
      const index = active.indexOf(d)
      const concepts = index >= 0 ? required[index]! : []
      const requirements = parseRequirements(d.requirements)
      return {
        id: d.id,
        name: d.name,
        description: d.description,
        topics: requirements.topics,
        concepts,
        requiredLevel: d.requiredLevel,
        autoIssue: d.autoIssue,
        archivedAt: d.archivedAt?.toISOString() ?? null,
        issued: d._count.certificates,
        // members who meet it now and hold no valid certificate of it (nobody for an archived one)
        eligible:
          index < 0
            ? []
            : members
                .filter(
                  (m) =>
                    !holds.has(`${d.id} ${m.userId}`) &&
                    assessMastery(concepts, masteries.get(m.userId) ?? new Map(), d.requiredLevel).meets,
                )
                .map((m) => ({ userId: m.userId, name: displayName(m.user) })),
      }
    }),
    certificates: certificates.map((c) => ({
      id: c.id,
      title: c.title,
      holderId: c.userId,
      holder: holderName(c.user),
      issuedAt: c.issuedAt.toISOString(),
      automatic: c.issuedById === null,
      revokedAt: c.revokedAt?.toISOString() ?? null,
      revokedReason: c.revokedReason,
      verifyPath: verifyPath(c.code),
    })),
  }
}
export type TeamCertificates = Awaited<ReturnType<typeof teamCertificates>>
