import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from '@remix-run/node'
import { DomainError, Invalid } from './errors.server'
import { log } from './log.server'

// Room for the other fields of a form next to one file.
const FORM_OVERHEAD_BYTES = 64 * 1024

/**
 * Reads a form that may carry one file (multipart) or not (url-encoded). An
 * oversized upload throws 413 about its field instead of failing the request; an
 * unreadable body throws 400.
 */
export async function readUploadForm(
  request: Request,
  file: { field: string; maxBytes: number; tooLarge: string },
): Promise<FormData> {
  const type = request.headers.get('content-type') ?? ''
  try {
    if (!type.toLowerCase().startsWith('multipart/form-data')) return await request.formData()
    const length = Number(request.headers.get('content-length'))
    if (length > file.maxBytes + FORM_OVERHEAD_BYTES) throw new DomainError(file.tooLarge, 413, file.field)
    return await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: file.maxBytes }),
    )
  } catch (error) {
    if (error instanceof DomainError) throw error
    if (error instanceof MaxPartSizeExceededError) {
      throw new DomainError(error.field === file.field ? file.tooLarge : 'This field is too long.', 413, error.field)
    }
    log.warn('unreadable form upload', { error: String(error) })
    throw new Invalid('The form could not be read. Please try again.')
  }
}
