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
})
export type NuggetMetadata = z.infer<typeof NuggetMetadata>

export function nuggetMetadata(stored: unknown): NuggetMetadata {
  const parsed = NuggetMetadata.safeParse(stored ?? {})
  return parsed.success ? parsed.data : NuggetMetadata.parse({})
}

export const isPublished = (stored: unknown) => nuggetMetadata(stored).publishedAt !== null
