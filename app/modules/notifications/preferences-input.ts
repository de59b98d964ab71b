import { z } from 'zod'
import { parseTimeOfDay } from './delivery-rules'
import { channelsOf, NOTIFICATION_KINDS } from './preference-rules'

/**
 * The preferences form: a checkbox per type × channel it offers (`channelsOf`), named
 * `<type>.<channel>` (a checked box sends "on", an unchecked one nothing; a switch not offered is off), quiet hours as two "HH:MM" fields (both empty = none)
 * and the digest hour.
 */
const box = z
  .literal('on', { message: 'A checkbox sends "on" or nothing' })
  .optional()
  .transform((v) => v === 'on')

const timeOfDay = (label: string) =>
  z
    .string()
    .trim()
    .max(5, `${label}: use a time such as 22:00`)
    .optional()
    .transform((v, ctx) => {
      if (!v) return null
      const minute = parseTimeOfDay(v)
      if (minute === null) {
        ctx.addIssue({ code: 'custom', message: `${label}: use a time such as 22:00` })
        return z.NEVER
      }
      return minute
    })

const boxes = Object.fromEntries(
  NOTIFICATION_KINDS.flatMap((kind) => channelsOf(kind.type).map((channel) => [`${kind.type}.${channel}`, box])),
)

export const PreferencesForm = z
  .object({
    ...boxes,
    quietStart: timeOfDay('Quiet from'),
    quietEnd: timeOfDay('Quiet until'),
    digestHour: z.coerce
      .number({ message: 'Choose the hour of the daily digest' })
      .int('Choose a whole hour for the daily digest')
      .min(0, 'The digest hour is from 0 to 23')
      .max(23, 'The digest hour is from 0 to 23'),
  })
  .superRefine((form, ctx) => {
    if ((form.quietStart === null) !== (form.quietEnd === null))
      ctx.addIssue({
        code: 'custom',
        path: [form.quietStart === null ? 'quietStart' : 'quietEnd'],
        message: 'Give both ends of the quiet hours, or neither',
      })
    else if (form.quietStart !== null && form.quietStart === form.quietEnd)
      ctx.addIssue({
        code: 'custom',
        path: ['quietEnd'],
        message: 'The quiet hours must end at another time than they start',
      })
  })
  .transform((form) => {
    const values = form as unknown as Record<string, boolean>
    return {
      preferences: NOTIFICATION_KINDS.map((kind) => ({
        type: kind.type,
        inApp: values[`${kind.type}.inApp`] ?? false,
        email: values[`${kind.type}.email`] ?? false,
        push: values[`${kind.type}.push`] ?? false,
        emailDigest: values[`${kind.type}.emailDigest`] ?? false,
      })),
      quietHoursStart: form.quietStart,
      quietHoursEnd: form.quietEnd,
      digestHour: form.digestHour,
    }
  })

export type PreferencesInput = z.output<typeof PreferencesForm>
