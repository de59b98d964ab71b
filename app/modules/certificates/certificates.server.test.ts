import { ulid } from 'ulid'
import { describe, expect, it } from 'vitest'
import { answerTask } from '~/modules/learning/practice.server'
import { createTopic, rightAnswer } from '~/modules/learning/testing/fixtures'
import { teamAccess } from '~/modules/teams/access.server'
import { type Person, teamWithEveryRole } from '~/modules/teams/testing/fixtures'
import { getSessionUser } from '~/utils/auth.server'
import { prisma } from '~/utils/db.server'
import { Conflict, Forbidden, Invalid, NotFound } from '~/utils/errors.server'
import { request } from '#tests/support/accounts'
import { CODE_PATTERN, parseEvidence } from './certificate-rules'
import {
  autoIssueCertificates,
  defineCertificate,
  issueCertificate,
  myCertificate,
  revokeCertificate,
  teamCertificates,
  verifyCertificate,
} from './certificates.server'
import { createDefinition, seedMastery, taskTeaching } from './testing/fixtures'

async function accessAs(who: Person, teamId: string) {
  return teamAccess((await getSessionUser(request('/', { cookie: who.cookie })))!, teamId, 'read:team:own-team')
}

const define = (topics: string[], concepts: string[] = [], extra: { autoIssue?: boolean } = {}) => ({
  intent: 'certificate-define' as const,
  name: 'Fractions practitioner',
  description: null,
  topics,
  concepts,
  requiredLevel: 'proficient' as const,
  autoIssue: extra.autoIssue ?? false,
})

/** Right answers to each task of the topic: three tasks of one concept make it Proficient (99). */
async function answerAll(userId: string, taskIds: string[], now = new Date()) {
  for (const taskId of taskIds)
    await answerTask(userId, { taskId, attemptId: ulid(), answer: rightAnswer(taskId), hintUsed: false }, { now })
}

describe('certificate definitions', () => {
  it('are made by team owners and admins only, from topics that exist and concepts some task teaches', async () => {
    const { team, owner, admin, instructor, member } = await teamWithEveryRole()
    const topic = await createTopic({}, { concepts: ['cert.defs'] })
    const made = await defineCertificate(await accessAs(admin, team.id), define([topic.slug]))
    expect(made.name).toBe('Fractions practitioner')
    await defineCertificate(await accessAs(owner, team.id), define([], ['cert.defs']))
    for (const who of [instructor, member])
      await expect(defineCertificate(await accessAs(who, team.id), define([topic.slug]))).rejects.toThrow(Forbidden)
    await expect(defineCertificate(await accessAs(admin, team.id), define(['no-such-topic']))).rejects.toMatchObject({
      field: 'topics',
    })
    await expect(defineCertificate(await accessAs(admin, team.id), define([], ['nobody.teaches']))).rejects.toThrow(
      Invalid,
    )
    const view = await teamCertificates(await accessAs(admin, team.id))
    expect(view.definitions.map((d) => d.concepts)).toEqual([['cert.defs'], ['cert.defs']])
  })
})

describe('issuing a certificate', () => {
  it('stores the evidence at issue: each concept’s mastery, predicted recall, attempts and dates', async () => {
    const { team, admin, member } = await teamWithEveryRole()
    const topic = await createTopic({}, { concepts: ['cert.issue'] })
    const start = new Date(Date.now() - 60_000)
    await answerAll(member.id, topic.taskIds, start)
    const later = new Date(start.getTime() + 30_000)
    await answerTask(
      member.id,
      { taskId: topic.taskIds[0]!, attemptId: ulid(), answer: rightAnswer(topic.taskIds[0]!), hintUsed: false },
      { now: later },
    )
    const access = await accessAs(admin, team.id)
    const { id: definitionId } = await defineCertificate(access, define([topic.slug]))

    const issued = await issueCertificate(access, { definitionId, userId: member.id })
    expect(issued.holder).toBe(member.name)
    const row = await prisma.teamCertificate.findUniqueOrThrow({ where: { id: issued.id } })
    expect(row).toMatchObject({
      teamId: team.id,
      userId: member.id,
      definitionId,
      issuedById: admin.id,
      revokedAt: null,
    })
    expect(row.code).toMatch(CODE_PATTERN)
    const evidence = parseEvidence(row.evidence)!
    expect(evidence.requiredLevel).toBe('proficient')
    expect(evidence.concepts).toHaveLength(1)
    const [c] = evidence.concepts
    expect(c).toMatchObject({ concept: 'cert.issue', level: 'proficient', mastery: 99, attempts: 4 })
    expect(c!.recall).toBeGreaterThan(0.95)
    expect(c!.recall).toBeLessThanOrEqual(1)
    expect(c!.firstAttemptAt).toBe(start.toISOString())
    expect(c!.lastAttemptAt).toBe(later.toISOString())

    // once: a second issue while it is valid is refused
    await expect(issueCertificate(access, { definitionId, userId: member.id })).rejects.toThrow(Conflict)
    expect(await prisma.teamCertificate.count({ where: { definitionId } })).toBe(1)
  })

  it('refuses a member who does not meet it (saying what falls short), a non-member, another team’s definition, and non-admins', async () => {
    const { team, admin, instructor, member, owner } = await teamWithEveryRole()
    const other = await teamWithEveryRole('Other')
    await taskTeaching(['cert.refuse'])
    await seedMastery(member.id, 'cert.refuse', 'familiar', 60)
    await seedMastery(other.member.id, 'cert.refuse')
    const { id: definitionId } = await createDefinition(team.id, { concepts: ['cert.refuse'] })
    const { id: theirs } = await createDefinition(other.team.id, { concepts: ['cert.refuse'] })
    const access = await accessAs(admin, team.id)

    await expect(issueCertificate(access, { definitionId, userId: member.id })).rejects.toThrow(
      'Not met yet: cert.refuse is Familiar; each needs Proficient.',
    )
    await expect(issueCertificate(access, { definitionId, userId: other.member.id })).rejects.toThrow(NotFound)
    await expect(issueCertificate(access, { definitionId: theirs, userId: member.id })).rejects.toThrow(NotFound)
    await seedMastery(member.id, 'cert.refuse', 'proficient', 85)
    await expect(
      issueCertificate(await accessAs(instructor, team.id), { definitionId, userId: member.id }),
    ).rejects.toThrow(Forbidden)
    await issueCertificate(await accessAs(owner, team.id), { definitionId, userId: member.id })
    expect(await prisma.teamCertificate.count({ where: { teamId: other.team.id } })).toBe(0)
  })

  it('issues once when two admins press the button at the same time', async () => {
    const { team, admin, owner, member } = await teamWithEveryRole()
    await taskTeaching(['cert.race'])
    await seedMastery(member.id, 'cert.race')
    const { id: definitionId } = await createDefinition(team.id, { concepts: ['cert.race'] })
    const results = await Promise.allSettled([
      issueCertificate(await accessAs(admin, team.id), { definitionId, userId: member.id }),
      issueCertificate(await accessAs(owner, team.id), { definitionId, userId: member.id }),
      autoIssueCertificates(member.id, new Date()),
    ])
    expect(results.filter((r) => r.status === 'fulfilled' && 'id' in r.value)).toHaveLength(1)
    expect(await prisma.teamCertificate.count({ where: { definitionId } })).toBe(1)
  })
})

describe('automatic certificates', () => {
  it('are issued after the answer that meets them, once, and never handed back after a revocation', async () => {
    const { team, admin, member } = await teamWithEveryRole()
    const topic = await createTopic({}, { concepts: ['cert.auto'] })
    await defineCertificate(await accessAs(admin, team.id), define([topic.slug], [], { autoIssue: true }))
    await answerAll(member.id, topic.taskIds.slice(0, 2))
    expect(await autoIssueCertificates(member.id, new Date())).toEqual([])
    await answerAll(member.id, topic.taskIds.slice(2))
    expect(await autoIssueCertificates(member.id, new Date())).toEqual([{ title: 'Fractions practitioner' }])
    expect(await autoIssueCertificates(member.id, new Date())).toEqual([])
    const row = await prisma.teamCertificate.findFirstOrThrow({ where: { userId: member.id } })
    expect(row.issuedById).toBeNull()

    await revokeCertificate(await accessAs(admin, team.id), { certificateId: row.id, reason: 'Issued by mistake' })
    expect(await autoIssueCertificates(member.id, new Date())).toEqual([])
    expect(await prisma.teamCertificate.count({ where: { userId: member.id } })).toBe(1)
  })

  it('go to members who already meet a definition when it is made', async () => {
    const { team, admin, member, instructor } = await teamWithEveryRole()
    await taskTeaching(['cert.now'])
    await seedMastery(member.id, 'cert.now')
    await seedMastery(instructor.id, 'cert.now', 'attempted', 20)
    await defineCertificate(await accessAs(admin, team.id), define([], ['cert.now'], { autoIssue: true }))
    expect(await prisma.teamCertificate.findMany({ where: { teamId: team.id }, select: { userId: true } })).toEqual([
      { userId: member.id },
    ])
  })

  it('cost one read for a learner whose teams define none', async () => {
    const { member } = await teamWithEveryRole()
    expect(await autoIssueCertificates(member.id, new Date())).toEqual([])
  })
})

describe('revoking and verifying', () => {
  it('shows the holder’s name, the team, the date, the evidence and the revocation with its reason — nothing else', async () => {
    const { team, admin, member, instructor } = await teamWithEveryRole('Verifiers')
    await taskTeaching(['cert.verify'])
    await seedMastery(member.id, 'cert.verify')
    const { id: definitionId } = await createDefinition(team.id, { name: 'Verified skill', concepts: ['cert.verify'] })
    const access = await accessAs(admin, team.id)
    const { id } = await issueCertificate(access, { definitionId, userId: member.id })
    const { code } = await prisma.teamCertificate.findUniqueOrThrow({ where: { id }, select: { code: true } })

    const valid = await verifyCertificate(code)
    expect(valid).toMatchObject({
      title: 'Verified skill',
      holderName: member.name,
      teamName: 'Verifiers',
      revoked: null,
    })
    expect(valid.evidence?.concepts[0]).toMatchObject({ concept: 'cert.verify', level: 'mastered', mastery: 100 })
    const text = JSON.stringify(valid)
    for (const secret of [member.id, member.email, member.username!, team.id, admin.id, code])
      expect(text).not.toContain(secret)

    await expect(
      revokeCertificate(await accessAs(instructor, team.id), { certificateId: id, reason: 'no' }),
    ).rejects.toThrow(Forbidden)
    await revokeCertificate(access, { certificateId: id, reason: 'Left before the assessment' })
    expect((await verifyCertificate(code)).revoked).toEqual({
      at: expect.any(String),
      reason: 'Left before the assessment',
    })
    await expect(revokeCertificate(access, { certificateId: id, reason: 'again' })).rejects.toThrow(Conflict)
    await expect(verifyCertificate('a'.repeat(26))).rejects.toThrow(NotFound)

    // the holder reads their own; nobody else can open it by id
    expect((await myCertificate(member.id, id)).verifyPath).toBe(`/certificates/verify/${code}`)
    await expect(myCertificate(admin.id, id)).rejects.toThrow(NotFound)
    // revoked, it may be issued again (a new code)
    const again = await issueCertificate(access, { definitionId, userId: member.id })
    expect(again.id).not.toBe(id)
  })
})
