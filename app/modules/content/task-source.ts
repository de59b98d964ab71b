import { z } from 'zod'

/**
 * Task.source: the passage a task was made from (a tutor answer's citation), shown on review
 * after answering. Validated when read: a row that does not fit shows no source rather than a
 * broken one.
 */
export const TaskSourceSchema = z.object({
  chunkId: z.string().min(1),
  documentId: z.string().min(1),
  title: z.string().min(1),
  section: z.string().optional(),
  href: z
    .string()
    .regex(/^https?:\/\//)
    .optional(),
  quote: z.string(),
  /** the tutor answer the task was made from */
  tutorMessageId: z.string().optional(),
})
export type TaskSource = z.infer<typeof TaskSourceSchema>

export function parseTaskSource(value: unknown): TaskSource | null {
  const parsed = TaskSourceSchema.safeParse(value)
  return parsed.success ? parsed.data : null
}
