import type { LoaderFunctionArgs } from '@remix-run/node'
import { readImage } from '~/modules/content/images.server'
import { api } from '~/utils/http.server'

/** Serves an uploaded image (avatar, team logo) with the type we detected when it was stored. */
export const loader = api(async ({ params }: LoaderFunctionArgs) => {
  const image = await readImage(params.imageId ?? '')
  if (!image)
    return new Response('Image not found', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    })
  return new Response(image.bytes, {
    headers: {
      'Content-Type': image.contentType,
      'Content-Length': String(image.bytes.byteLength),
      'Cache-Control': 'private, max-age=3600',
      // Opened on its own, the file is a picture and nothing more.
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    },
  })
})
