import { z } from 'zod'
import { CODE_PATTERN, REQUIRABLE_LEVELS } from './certificate-rules'

/** What the certificate forms and URLs send (team page, certificate pages, verify page). */
export const CertificateId = z.ulid('Choose a certificate')
export const DefinitionId = z.ulid('Choose a certificate definition')
const MemberId = z.ulid('Choose a member')

/** A verify code as typed or linked: case-insensitive, surrounding spaces ignored. */
export const CertificateCode = z
  .string()
  .trim()
  .transform((v) => v.toLowerCase())
  .pipe(z.string().regex(CODE_PATTERN, 'This is not a certificate code'))

const CertificateName = z
  .string({ message: 'Enter a name for the certificate' })
  .trim()
  .min(3, 'Use at least 3 characters')
  .max(80, 'Use at most 80 characters')

const Description = z
  .string()
  .trim()
  .max(500, 'Use at most 500 characters')
  .optional()
  .transform((v) => v || null)

/** Slugs or concept keys, separated by commas, spaces or new lines (checkboxes arrive comma-joined). */
const List = (what: string, max: number) =>
  z
    .string()
    .optional()
    .transform((v) => [...new Set((v ?? '').split(/[\s,]+/).filter(Boolean))])
    .pipe(
      z
        .array(z.string().regex(/^[a-z0-9][a-z0-9._-]{0,99}$/i, `A ${what} may hold letters, digits, ".", "_" and "-"`))
        .max(max, `Name at most ${max} ${what}s`),
    )

const RequiredLevel = z.enum(REQUIRABLE_LEVELS, { message: 'Choose a level: familiar, proficient or mastered' })

const Reason = z
  .string({ message: 'Say why the certificate is revoked' })
  .trim()
  .min(3, 'Say why the certificate is revoked (at least 3 characters)')
  .max(300, 'Use at most 300 characters')

export const CertificateAdminAction = z.discriminatedUnion(
  'intent',
  [
    z
      .object({
        intent: z.literal('certificate-define'),
        name: CertificateName,
        description: Description,
        topics: List('topic', 50),
        concepts: List('concept', 200),
        requiredLevel: RequiredLevel.default('proficient'),
        autoIssue: z
          .string()
          .optional()
          .transform((v) => v === 'on'),
      })
      .refine((v) => v.topics.length + v.concepts.length > 0, {
        message: 'Choose at least one topic or name at least one concept',
        path: ['concepts'],
      }),
    z.object({ intent: z.literal('certificate-archive'), definitionId: DefinitionId }),
    z.object({ intent: z.literal('certificate-issue'), definitionId: DefinitionId, userId: MemberId }),
    z.object({ intent: z.literal('certificate-revoke'), certificateId: CertificateId, reason: Reason }),
  ],
  { message: 'Unknown action: reload the page and try again' },
)
export type CertificateAdminAction = z.output<typeof CertificateAdminAction>
export type DefinitionInput = Extract<CertificateAdminAction, { intent: 'certificate-define' }>
