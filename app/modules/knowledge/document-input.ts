import { z } from 'zod'

/** What the documents page's forms send (app/routes/teams.$teamId.documents.tsx). */

export const MIN_CHECK_MINUTES = 15
export const MAX_CHECK_MINUTES = 30 * 24 * 60

const Id = (what: string) => z.ulid(`Choose ${what}`)

export const MonitoredUrlAddress = z
  .string({ message: 'Enter the address of a web page' })
  .trim()
  .min(1, 'Enter the address of a web page')
  .max(2000, 'Use at most 2000 characters')
  .refine((value) => {
    try {
      const url = new URL(value)
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
    } catch {
      return false
    }
  }, 'Enter an http:// or https:// address, e.g. https://example.com/guide')

export const CheckIntervalMinutes = z.coerce
  .number({ message: 'Enter a number of minutes' })
  .int('Enter whole minutes')
  .min(MIN_CHECK_MINUTES, `Check at most every ${MIN_CHECK_MINUTES} minutes`)
  .max(MAX_CHECK_MINUTES, `Check at least every 30 days (${MAX_CHECK_MINUTES} minutes)`)

export const DocumentsPageAction = z.discriminatedUnion(
  'intent',
  [
    z.object({ intent: z.literal('upload') }),
    z.object({ intent: z.literal('delete-document'), documentId: Id('a document') }),
    z.object({ intent: z.literal('add-url'), url: MonitoredUrlAddress, checkInterval: CheckIntervalMinutes }),
    z.object({ intent: z.literal('remove-url'), monitoredUrlId: Id('a monitored address') }),
    z.object({
      intent: z.literal('toggle-url'),
      monitoredUrlId: Id('a monitored address'),
      enabled: z.enum(['true', 'false'], { message: 'Choose on or off' }).transform((v) => v === 'true'),
    }),
  ],
  { message: 'Unknown action: reload the page and try again' },
)
export type DocumentsPageAction = z.infer<typeof DocumentsPageAction>
