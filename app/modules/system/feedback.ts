import { z } from 'zod'

/** What a visitor can tell us from the feedback form. Shared by the form and the server. */
export const FEEDBACK_KINDS = [
  { value: 'idea', label: 'An idea' },
  { value: 'problem', label: 'Something is broken' },
  { value: 'content', label: 'A mistake in a lesson or task' },
  { value: 'other', label: 'Something else' },
] as const

export const FeedbackInput = z.object({
  kind: z.enum(FEEDBACK_KINDS.map((k) => k.value) as ['idea', 'problem', 'content', 'other'], {
    message: 'Choose what your feedback is about',
  }),
  message: z
    .string({ message: 'Write your feedback' })
    .trim()
    .min(10, 'Please write at least 10 characters')
    .max(2000, 'Please keep it under 2000 characters'),
  email: z
    .union([z.literal(''), z.email('Enter a valid e-mail address, or leave it empty')])
    .optional()
    .transform((v) => (v ? v.toLowerCase() : undefined)),
})
export type FeedbackInput = z.output<typeof FeedbackInput>
