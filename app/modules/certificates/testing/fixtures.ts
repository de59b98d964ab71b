import { randomBytes, randomUUID } from 'node:crypto'
import type { MasteryLevel } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { base32 } from '../certificate-rules'

/**
 * Test fixtures for certificates (its tests, the route tests and the access-control suite): a
 * definition, a learner's ConceptMastery as if answers had given it, an issued certificate.
 */
export async function seedMastery(userId: string, concept: string, level: MasteryLevel = 'mastered', mastery = 100) {
  await prisma.conceptMastery.upsert({
    where: { userId_concept: { userId, concept } },
    create: { userId, concept, level, mastery },
    update: { level, mastery },
    select: { id: true },
  })
}

/** A task naming `concepts` (in a topic of its own), so a definition may require them. */
export async function taskTeaching(concepts: string[]) {
  const tag = randomUUID().slice(0, 8)
  const subject = await prisma.subject.create({
    data: { slug: `cert-s-${tag}`, title: `Certified ${tag}` },
    select: { id: true },
  })
  const topic = await prisma.topicXpConfig.create({
    data: {
      slug: `cert-t-${tag}`,
      title: `Certified topic ${tag}`,
      subjectId: subject.id,
      levelThresholds: [0, 100, 250, 500, 1000],
      reviewIntervals: [1, 3, 7, 14, 30],
      tags: [],
    },
    select: { id: true, slug: true },
  })
  await prisma.task.create({
    data: {
      id: `${topic.slug}.task-000`,
      topicId: topic.id,
      kind: 'numeric',
      prompt: 'What is 0 + 1?',
      answer: 1,
      difficulty: 'easy',
      concepts,
      order: 0,
    },
    select: { id: true },
  })
  return topic
}

export async function createDefinition(
  teamId: string,
  input: {
    name?: string
    concepts?: string[]
    topics?: string[]
    requiredLevel?: MasteryLevel
    autoIssue?: boolean
  } = {},
) {
  return prisma.certificateDefinition.create({
    data: {
      teamId,
      name: input.name ?? `Certified ${randomUUID().slice(0, 6)}`,
      requirements: { topics: input.topics ?? [], concepts: input.concepts ?? [] },
      requiredLevel: input.requiredLevel ?? 'proficient',
      autoIssue: input.autoIssue ?? false,
    },
    select: { id: true, name: true },
  })
}

export async function createCertificate(teamId: string, userId: string, definitionId: string | null = null) {
  return prisma.teamCertificate.create({
    data: {
      teamId,
      userId,
      definitionId,
      title: 'Fixture certificate',
      code: base32(randomBytes(16)),
      criteria: {},
      evidence: { version: 1, assessedAt: new Date().toISOString(), requiredLevel: 'proficient', concepts: [] },
    },
    select: { id: true, code: true },
  })
}

/**
 * A team's certificates for the access-control suite: a definition its member meets (and does
 * not hold yet) and a certificate issued to its admin, which can be revoked.
 */
export async function teamCertificatesWorld(team: { id: string }, member: { id: string }, admin: { id: string }) {
  const concept = `cert-${team.id.slice(-6).toLowerCase()}.skill`
  await taskTeaching([concept])
  const definition = await createDefinition(team.id, { concepts: [concept] })
  await seedMastery(member.id, concept)
  const certificate = await createCertificate(team.id, admin.id, definition.id)
  return { concept, definitionId: definition.id, certificateId: certificate.id, code: certificate.code }
}
