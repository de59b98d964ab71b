import { z } from 'zod'
import type { MasteryLevel } from '~/generated/prisma/client'
import { MASTERY_LABELS } from '~/modules/learning/mastery'

/**
 * Team certificate rules (docs/certificates.md), pure: which concepts a definition requires,
 * whether a member's mastery meets it, the evidence a certificate keeps, and its public code.
 */

/** Mastery levels from lowest to highest (the ConceptMastery bands of learning/mastery.ts). */
export const LEVEL_ORDER: readonly MasteryLevel[] = ['not_started', 'attempted', 'familiar', 'proficient', 'mastered']
/** The levels a definition may require. */
export const REQUIRABLE_LEVELS = ['familiar', 'proficient', 'mastered'] as const satisfies readonly MasteryLevel[]
export type RequirableLevel = (typeof REQUIRABLE_LEVELS)[number]

/** Learning's names of the levels ("Proficient"). */
export const LEVEL_LABEL: Record<MasteryLevel, string> = MASTERY_LABELS

export function levelAtLeast(level: MasteryLevel, required: MasteryLevel): boolean {
  return LEVEL_ORDER.indexOf(level) >= LEVEL_ORDER.indexOf(required)
}

// ─── Requirements ───────────────────────────────────────────────────────────

/** CertificateDefinition.requirements: topic slugs (every concept their active tasks exercise) and concept keys. */
export const Requirements = z.object({
  topics: z.array(z.string()).default([]),
  concepts: z.array(z.string()).default([]),
})
export type Requirements = z.output<typeof Requirements>

/** A stored requirements object; anything malformed reads as requiring nothing (and so is met by no one). */
export function parseRequirements(json: unknown): Requirements {
  const parsed = Requirements.safeParse(json)
  return parsed.success ? parsed.data : { topics: [], concepts: [] }
}

/**
 * Every concept a definition requires: its concepts plus the concepts of its topics
 * (`topicConcepts`: slug → the concepts of the topic's active tasks), sorted, each once.
 */
export function requiredConcepts(
  requirements: Requirements,
  topicConcepts: ReadonlyMap<string, readonly string[]>,
): string[] {
  const all = new Set(requirements.concepts)
  for (const slug of requirements.topics) for (const concept of topicConcepts.get(slug) ?? []) all.add(concept)
  return [...all].sort()
}

// ─── Does a member meet it? ─────────────────────────────────────────────────

export interface MasteryOf {
  mastery: number
  level: MasteryLevel
}

export interface ConceptAssessment extends MasteryOf {
  concept: string
  meets: boolean
}

export interface Assessment {
  /** every required concept at the required level or above (and at least one concept required) */
  meets: boolean
  concepts: ConceptAssessment[]
}

/** A member's mastery (concept → ConceptMastery) against the required concepts and level. */
export function assessMastery(
  required: readonly string[],
  masteries: ReadonlyMap<string, MasteryOf>,
  requiredLevel: MasteryLevel,
): Assessment {
  const concepts = required.map((concept) => {
    const own = masteries.get(concept) ?? { mastery: 0, level: 'not_started' as const }
    return { concept, mastery: own.mastery, level: own.level, meets: levelAtLeast(own.level, requiredLevel) }
  })
  return { meets: concepts.length > 0 && concepts.every((c) => c.meets), concepts }
}

/** Why an assessment falls short, for the admin who tried to issue ("fractions.add is Familiar; needs Proficient"). */
export function shortfall(assessment: Assessment, requiredLevel: MasteryLevel): string {
  if (assessment.concepts.length === 0) return 'This certificate requires no concept that any task teaches yet.'
  const missing = assessment.concepts.filter((c) => !c.meets)
  const listed = missing
    .slice(0, 3)
    .map((c) => `${c.concept} is ${LEVEL_LABEL[c.level]}`)
    .join(', ')
  const more = missing.length > 3 ? ` and ${missing.length - 3} more` : ''
  return `Not met yet: ${listed}${more}; each needs ${LEVEL_LABEL[requiredLevel]}.`
}

// ─── Evidence ───────────────────────────────────────────────────────────────

/** One required concept as it stood when the certificate was issued. */
export const ConceptEvidence = z.object({
  concept: z.string(),
  level: z.enum(LEVEL_ORDER as [MasteryLevel, ...MasteryLevel[]]),
  /** ConceptMastery score, 0–100 */
  mastery: z.number(),
  /** predicted recall at issue (0..1): the mean FSRS retrievability of the learner's cards of tasks naming the concept; null without a card */
  recall: z.number().nullable(),
  /** answers to tasks naming the concept */
  attempts: z.number(),
  firstAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
})
export type ConceptEvidence = z.output<typeof ConceptEvidence>

/** TeamCertificate.evidence. */
export const CertificateEvidence = z.object({
  version: z.literal(1),
  assessedAt: z.string(),
  requiredLevel: z.enum(LEVEL_ORDER as [MasteryLevel, ...MasteryLevel[]]),
  concepts: z.array(ConceptEvidence),
})
export type CertificateEvidence = z.output<typeof CertificateEvidence>

export function parseEvidence(json: unknown): CertificateEvidence | null {
  const parsed = CertificateEvidence.safeParse(json)
  return parsed.success ? parsed.data : null
}

export interface ConceptFacts extends MasteryOf {
  concept: string
  /** predicted recall now of each of the learner's cards of tasks naming the concept */
  recalls: readonly number[]
  attempts: number
  firstAttemptAt: Date | null
  lastAttemptAt: Date | null
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places

/** The evidence stored at issue, from what was read about each required concept. */
export function buildEvidence(input: {
  assessedAt: Date
  requiredLevel: MasteryLevel
  concepts: readonly ConceptFacts[]
}): CertificateEvidence {
  return {
    version: 1,
    assessedAt: input.assessedAt.toISOString(),
    requiredLevel: input.requiredLevel,
    concepts: input.concepts.map((c) => ({
      concept: c.concept,
      level: c.level,
      mastery: c.mastery,
      recall: c.recalls.length ? round(c.recalls.reduce((a, b) => a + b, 0) / c.recalls.length, 3) : null,
      attempts: c.attempts,
      firstAttemptAt: c.firstAttemptAt?.toISOString() ?? null,
      lastAttemptAt: c.lastAttemptAt?.toISOString() ?? null,
    })),
  }
}

/** "92 %" for a recall of 0.918; "—" without one. */
export function recallLabel(recall: number | null): string {
  return recall === null ? '—' : `${Math.round(recall * 100)} %`
}

// ─── The public code ────────────────────────────────────────────────────────

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'
/** Bytes of randomness in a code: 128 bits. */
export const CODE_BYTES = 16
/** 128 bits in base32 are 26 characters (RFC 4648 alphabet, lower case, no padding). */
export const CODE_PATTERN = /^[a-z2-7]{26}$/

/** RFC 4648 base32, lower case, without padding: case-insensitive and easy to read out. */
export function base32(bytes: Uint8Array): string {
  let out = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31]
      bits -= 5
    }
    buffer &= (1 << bits) - 1
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31]
  return out
}

/** The verify page of a code (the only public view of a certificate). */
export const verifyPath = (code: string) => `/certificates/verify/${code}`
