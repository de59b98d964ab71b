import { z } from 'zod'

/** A question to the tutor, from the page's form or the JSON API. */
export const AskInput = z.object({
  question: z
    .string({ message: 'Ask a question' })
    .trim()
    .min(3, 'Ask a question of at least 3 characters')
    .max(2000, 'Keep the question under 2,000 characters'),
  sessionId: z
    .string()
    .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'is not a conversation id')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** "voice" when the question was spoken (the microphone button) */
  mode: z
    .enum(['text', 'voice'], { message: 'must be "text" or "voice"' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
})
export type AskInputValue = z.output<typeof AskInput>
