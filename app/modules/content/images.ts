/**
 * Rules for uploaded images (avatars, team logos), shared by the server module
 * and the forms that describe them to the user.
 */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024

/** The types we accept, by what the bytes are (never by the file name or the browser's claim). */
export const IMAGE_TYPES = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
} as const

export type ImageContentType = keyof typeof IMAGE_TYPES

/** For the file input's `accept` attribute: a hint to the browser's picker, not a check. */
export const IMAGE_ACCEPT = Object.keys(IMAGE_TYPES).join(',')

export const IMAGE_RULES_HINT = 'PNG, JPEG, WebP or GIF, at most 2 MB.'

/** Maps a sniffed MIME type to one we store; an animated PNG is still a PNG. */
export function acceptedImageType(sniffed: string | undefined): ImageContentType | null {
  if (sniffed === 'image/apng') return 'image/png'
  return sniffed && sniffed in IMAGE_TYPES ? (sniffed as ImageContentType) : null
}

/**
 * The address of a stored image. The version changes with every upload, so a
 * browser that cached the previous picture asks again.
 */
export function imageSrc(image: { id: string; updatedAt: Date | string }): string {
  return `/images/${image.id}?v=${new Date(image.updatedAt).getTime()}`
}
