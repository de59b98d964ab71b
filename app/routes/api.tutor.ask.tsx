import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { AskInput } from '~/modules/tutor/tutor-input'
import { askTutor } from '~/modules/tutor/tutor.server'
import { bodyValues, parseValues, requireApiUser } from '~/utils/api.server'
import { serverNow } from '~/utils/clock.server'
import { answerFor, api, apiError } from '~/utils/http.server'
import { log } from '~/utils/log.server'

/**
 * POST /api/tutor/ask (question, sessionId?, mode?): the tutor's answer as it is written, as
 * server-sent events — `delta` {text} for each piece, then `done` {sessionId, url, found,
 * modelFailed} once the exchange is stored, or `error` {error}. A refusal that comes before the
 * first piece (400 naming the field, 401, 404 conversation, 429 allowance) is a JSON answer. The
 * page's plain form post does the same without JavaScript (docs/tutor.md, "Streaming").
 */
export const action = api(async ({ request }: ActionFunctionArgs) => {
  const user = await requireApiUser(request)
  const input = parseValues(await bodyValues(request), AskInput)
  const encoder = new TextEncoder()
  const queued: Uint8Array[] = []
  let sink: ReadableStreamDefaultController<Uint8Array> | null = null
  const send = (event: string, data: unknown) => {
    const bytes = encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
    if (sink) sink.enqueue(bytes)
    else queued.push(bytes)
  }
  let firstPiece!: () => void
  const started = new Promise<void>((resolve) => (firstPiece = resolve))
  const asking = askTutor(user, input, serverNow(), {
    onDelta: (text) => {
      send('delta', { text })
      firstPiece()
    },
  })
  // Until the first piece, a refusal (quota, unknown conversation) is still an ordinary answer.
  await Promise.race([started, asking])
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      sink = controller
      for (const bytes of queued.splice(0)) controller.enqueue(bytes)
      asking.then(
        (asked) => {
          send('done', {
            sessionId: asked.sessionId,
            url: `/tutor/${asked.sessionId}#latest`,
            found: asked.answer.found,
            modelFailed: asked.modelFailed,
          })
          controller.close()
        },
        (error: unknown) => {
          const known = answerFor(error)
          if (!known) log.error('tutor stream failed', { userId: user.id, error: String(error) })
          send('error', { error: known?.body.error ?? 'Something went wrong on our side. Please try again.' })
          controller.close()
        },
      )
    },
  })
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: the compression middleware must not hold the events back to gzip them
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    },
  })
})

export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  await requireApiUser(request)
  return apiError(405, 'Ask with POST.', { headers: { Allow: 'POST' } })
})
