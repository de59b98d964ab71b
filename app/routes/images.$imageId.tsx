import type { LoaderFunctionArgs } from '@remix-run/node'
import { readImage } from '~/modules/content/images.server'
import { httpErrorFor } from '~/utils/errors.server'

/** Serves an uploaded image (avatar, team logo) with the type we detected when it was stored. */
export async function loader({ params }: LoaderFunctionArgs) {
  let image: Awaited<ReturnType<typeof readImage>>
  try {
    image = await readImage(params.imageId ?? '')
  } catch (error) {
    const mapped = httpErrorFor(error)
    if (!mapped) throw error
    return Response.json(mapped.body, { status: mapped.status, headers: mapped.headers })
  }
  if (!image) return new Response('Image not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
  return new Response(image.bytes, {
    headers: {
      'Content-Type': image.contentType,
      'Content-Length': String(image.bytes.byteLength),
      'Cache-Control': 'private, max-age=3600',
      // Opened on its own, the file is a picture and nothing more.
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    },
  })
}
