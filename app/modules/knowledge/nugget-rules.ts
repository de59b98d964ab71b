import { z } from 'zod'

/**
 * A nugget's metadata (Nugget.metadata, docs/nuggets.md). Publication is stored here, as
 * `publishedAt`, rather than as a new NuggetStatus: status keeps saying whether the nugget is
 * usable (`ready`), publishedAt whether learners see it. `edited` marks a proposal an instructor
 * changed, which re-ingestion must then leave alone.
 */
export const NuggetMetadata = z.object({
  keyPoints: z.array(z.string()).default([]),
  concepts: z.array(z.string()).default([]),
  publishedAt: z.string().nullable().default(null),
  edited: z.boolean().default(false),
  /** the content hash of the document the proposal was made from */
  documentHash: z.string().nullable().default(null),
  /** the heading path of the section it was proposed from ("Guide › Fractions") */
  section: z.string().nullable().default(null),
  /** who wrote the proposal: "extractive" or "model:<name>" */
  generatedBy: z.string().nullable().default(null),
})
export type NuggetMetadata = z.infer<typeof NuggetMetadata>

export function nuggetMetadata(stored: unknown): NuggetMetadata {
  const parsed = NuggetMetadata.safeParse(stored ?? {})
  return parsed.success ? parsed.data : NuggetMetadata.parse({})
}

/**
 * The publication rule, in one place for code and SQL: a nugget is published when its metadata
 * holds `publishedAt` as text. Learners see only published nuggets (paths, search).
 */
const Publication = z.object({ publishedAt: z.string() })
export const isPublished = (stored: unknown) => Publication.safeParse(stored).success

/** The same rule in SQL, as a condition on nugget alias `alias`. */
export const publishedNuggetSql = (alias: string) => `json_type(${alias}."metadata", '$.publishedAt') = 'text'`

/** A nugget's slides (Nugget.slides): title/body pairs, shown in order on the lesson page. */
const Slides = z.array(z.object({ title: z.string(), body: z.string().default('') }))
export type Slide = z.infer<typeof Slides>[number]
export function slidesOf(stored: unknown): Slide[] {
  const parsed = Slides.safeParse(stored ?? [])
  return parsed.success ? parsed.data : []
}

/**
 * Why a nugget cannot be published yet (empty: it can): learners see its title and text, so both
 * must be there, and it must be usable (`ready`, not still processing or failed).
 */
export function publishProblems(nugget: { status: string; title: string | null; content: string }): string[] {
  const problems: string[] = []
  if (nugget.status === 'processing')
    problems.push('The nugget is not ready: it is still being made from its document. Publish it once that is done.')
  else if (nugget.status !== 'ready')
    problems.push(
      'The nugget is not ready: making it from its document failed. Delete it, or upload the document again.',
    )
  if (!nugget.title?.trim()) problems.push('Give the nugget a title, then save it.')
  if (!nugget.content.trim()) problems.push('Write the lesson text, then save it.')
  return problems
}
