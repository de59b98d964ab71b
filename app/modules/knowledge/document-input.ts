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

/** The file types a watched folder may ingest (by extension). */
export const WATCHED_FILE_TYPES = ['txt', 'md', 'html', 'pdf', 'docx'] as const
export type WatchedFileType = (typeof WATCHED_FILE_TYPES)[number]

/** A watched folder's settings (watched-folders.server.ts). */
export interface WatchedFolderSettings {
  path: string
  fileTypes: WatchedFileType[]
  recursive: boolean
  autoProcess: boolean
}

const FolderPath = z
  .string({ message: 'Enter the folder path' })
  .trim()
  .min(1, 'Enter the folder path')
  .max(1000, 'Use at most 1000 characters')

/** Checkbox values arrive joined with commas (teams' `joinAll`). */
const FileTypes = z
  .string()
  .optional()
  .transform((v) => (v ? v.split(',') : []))
  .pipe(
    z
      .array(z.enum(WATCHED_FILE_TYPES, { message: 'Choose file types from the list' }))
      .min(1, 'Choose at least one file type'),
  )

const Checkbox = z
  .literal('on', { message: 'Tick the box or leave it empty' })
  .optional()
  .transform((v) => v === 'on')

const OnOff = z.enum(['true', 'false'], { message: 'Choose on or off' }).transform((v) => v === 'true')

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
      enabled: OnOff,
    }),
    z.object({
      intent: z.literal('add-folder'),
      path: FolderPath,
      fileTypes: FileTypes,
      recursive: Checkbox,
      autoProcess: Checkbox,
    }),
    z.object({ intent: z.literal('remove-folder'), watchedFolderId: Id('a watched folder') }),
    z.object({ intent: z.literal('toggle-folder'), watchedFolderId: Id('a watched folder'), enabled: OnOff }),
    z.object({ intent: z.literal('scan-folder'), watchedFolderId: Id('a watched folder') }),
  ],
  { message: 'Unknown action: reload the page and try again' },
)
export type DocumentsPageAction = z.infer<typeof DocumentsPageAction>
