import { z } from 'zod'
import type { LessonTaskBody } from '~/modules/content/lesson-tasks.server'

/** What the nugget pages' forms send (teams.$teamId.nuggets*.tsx, docs/nuggets.md). */

export const NuggetId = z.ulid('There is no such nugget')
export const NuggetFilter = z.enum(['all', 'proposals', 'published']).catch('all')
export type NuggetFilter = z.infer<typeof NuggetFilter>

export const MAX_SLIDES = 8
const MAX_KEY_POINTS = 10
const MAX_CONCEPTS = 20

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}: use at most ${max} characters`)
    .optional()
    .transform((v) => v || null)

/** An https URL or a path on this site ("/images/x.png"); never another scheme or a protocol-relative "//host". */
const mediaUrl = (label: string) =>
  z
    .string()
    .trim()
    .max(2000, `Keep the ${label} URL under 2000 characters`)
    .optional()
    .transform((v) => v || null)
    .refine(
      (v) => {
        if (v === null) return true
        if (/^\/(?![/\\])\S*$/.test(v)) return true
        try {
          return new URL(v).protocol === 'https:' && !/\s/.test(v)
        } catch {
          return false
        }
      },
      { message: `Enter an https:// URL or a path on this site starting with /, for the ${label}` },
    )

const slideFields = Object.fromEntries(
  Array.from({ length: MAX_SLIDES }, (_, i) => [
    [`slideTitle${i}`, optionalText(120, `Slide ${i + 1} title`)],
    [`slideBody${i}`, optionalText(2000, `Slide ${i + 1} text`)],
  ]).flat(),
) as Record<string, ReturnType<typeof optionalText>>
/** A slide field of the parsed form (the fields are made in a loop, so their names are not in the type). */
const field = (value: object, name: string) => ((value as Record<string, unknown>)[name] as string | null) ?? null

export const NuggetEdit = z
  .object({
    title: z
      .string({ message: 'Enter a title' })
      .trim()
      .min(2, 'Use at least 2 characters')
      .max(200, 'Use at most 200 characters'),
    body: z
      .string({ message: 'Enter the lesson text' })
      .trim()
      .min(10, 'Write at least 10 characters of lesson text')
      .max(20_000, 'Use at most 20 000 characters'),
    keyPoints: z
      .string()
      .optional()
      .transform((v) => lines(v ?? ''))
      .refine((v) => v.length <= MAX_KEY_POINTS, `List at most ${MAX_KEY_POINTS} key points`)
      .refine((v) => v.every((p) => p.length <= 400), 'Keep each key point under 400 characters'),
    concepts: z
      .string()
      .optional()
      .transform((v) => [...new Set(lines(v ?? '').map((c) => c.toLowerCase()))])
      .refine((v) => v.length <= MAX_CONCEPTS, `List at most ${MAX_CONCEPTS} concepts`)
      .refine((v) => v.every((c) => c.length <= 80), 'Keep each concept under 80 characters'),
    imageUrl: mediaUrl('image'),
    audioUrl: mediaUrl('audio'),
    ...slideFields,
  })
  .superRefine((value, ctx) => {
    for (let i = 0; i < MAX_SLIDES; i++)
      if (field(value, `slideBody${i}`) && !field(value, `slideTitle${i}`))
        ctx.addIssue({ code: 'custom', path: [`slideTitle${i}`], message: `Give slide ${i + 1} a title` })
  })
  .transform((value) => ({
    title: value.title,
    body: value.body,
    keyPoints: value.keyPoints,
    concepts: value.concepts,
    imageUrl: value.imageUrl,
    audioUrl: value.audioUrl,
    slides: Array.from({ length: MAX_SLIDES }, (_, i) => ({
      title: field(value, `slideTitle${i}`),
      body: field(value, `slideBody${i}`) ?? '',
    })).filter((s): s is { title: string; body: string } => s.title !== null),
  }))
export type NuggetEditValue = z.output<typeof NuggetEdit>

export const NuggetIntent = z.enum(['save', 'publish', 'unpublish', 'delete', 'add-task', 'edit-task', 'remove-task'], {
  message: 'Unknown action: reload the page and try again',
})
export type NuggetIntent = z.infer<typeof NuggetIntent>
export const NuggetForm = z.object({ intent: NuggetIntent })

export const TaskId = z.object({
  taskId: z.string({ message: 'Choose a task' }).regex(/^lesson-[0-9a-z]{26}$/, 'Choose a task of this lesson'),
})

/** A practice task: multiple choice (options one per line, the right one by number) or short answer (accepted answers one per line). */
export const LessonTaskInput = z
  .object({
    kind: z.enum(['multiple_choice', 'short_text'], { message: 'Choose multiple choice or short answer' }),
    prompt: z
      .string({ message: 'Enter the question' })
      .trim()
      .min(3, 'Enter the question (at least 3 characters)')
      .max(500, 'Use at most 500 characters'),
    choices: z
      .string()
      .optional()
      .transform((v) => lines(v ?? '')),
    correct: z.string().optional(),
    answers: z
      .string()
      .optional()
      .transform((v) => lines(v ?? '')),
    explanation: optionalText(1000, 'Explanation'),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'multiple_choice') {
      if (value.choices.length < 2 || value.choices.length > 6)
        ctx.addIssue({ code: 'custom', path: ['choices'], message: 'Give 2 to 6 options, one per line' })
      else if (value.choices.some((c) => c.length > 200))
        ctx.addIssue({ code: 'custom', path: ['choices'], message: 'Keep each option under 200 characters' })
      const n = Number(value.correct)
      if (!Number.isInteger(n) || n < 1 || n > Math.max(value.choices.length, 1))
        ctx.addIssue({
          code: 'custom',
          path: ['correct'],
          message: `Enter the number of the right option (1 to ${Math.max(value.choices.length, 2)})`,
        })
    } else if (value.answers.length < 1 || value.answers.length > 10 || value.answers.some((a) => a.length > 200))
      ctx.addIssue({ code: 'custom', path: ['answers'], message: 'Give 1 to 10 accepted answers, one per line' })
  })
  .transform((value): LessonTaskBody =>
    value.kind === 'multiple_choice'
      ? {
          kind: 'multiple_choice',
          prompt: value.prompt,
          choices: value.choices,
          answer: Number(value.correct) - 1,
          explanation: value.explanation,
        }
      : { kind: 'short_text', prompt: value.prompt, answers: value.answers, explanation: value.explanation },
  )
