import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { PushRemoveForm, PushUnsubscribeInput, pushSubscriptionInput } from '~/modules/notifications/push-input'
import { pushConfigured } from '~/modules/notifications/push.server'
import {
  removePushDevice,
  removePushEndpoint,
  savePushSubscription,
} from '~/modules/notifications/push-subscriptions.server'
import { bodyValues, parseValues, requireApiUser } from '~/utils/api.server'
import { serverNow } from '~/utils/clock.server'
import { getEnv } from '~/utils/env.server'
import { api, apiError, json, redirectWithToast } from '~/utils/http.server'

/** Where the "Push on this device" section lives: the remove form returns there. */
const PUSH_SETTINGS_PATH = '/settings/notifications'

/**
 * The signed-in learner's push devices.
 * GET — `{ configured, publicKey }`: the VAPID public key the browser subscribes with.
 * POST JSON — the browser's `PushSubscription.toJSON()`: saved for this device (201).
 * DELETE JSON `{ endpoint }` — the browser unsubscribed: its subscription is removed (404 when
 * the learner has none with that endpoint).
 * POST form `intent=remove&id=…` — the remove button of a listed device (works without
 * JavaScript): back to the settings page with a notice.
 * Bad input is 400 naming the field; signed out is 401.
 */
export const loader = api(async ({ request }: LoaderFunctionArgs) => {
  await requireApiUser(request)
  const vapid = getEnv().vapid
  return json({ configured: vapid !== null, publicKey: vapid?.publicKey ?? null })
})

const isJson = (request: Request) =>
  /^application\/(?:[\w.+-]+\+)?json/i.test(request.headers.get('content-type') ?? '')

export const action = api(async ({ request }: ActionFunctionArgs) => {
  const user = await requireApiUser(request)
  if (request.method === 'DELETE') {
    const { endpoint } = parseValues(await bodyValues(request), PushUnsubscribeInput)
    if (!(await removePushEndpoint(user.id, endpoint)))
      return apiError(404, 'This browser has no push subscription on your account.')
    return json({ removed: true })
  }
  if (request.method !== 'POST')
    return apiError(405, 'Subscribe with POST, unsubscribe with DELETE.', { headers: { Allow: 'GET, POST, DELETE' } })

  if (isJson(request)) {
    const input = parseValues(
      await bodyValues(request),
      pushSubscriptionInput({ allowLoopback: getEnv().NODE_ENV !== 'production' }),
    )
    if (!pushConfigured()) return apiError(409, 'Push notifications are not set up on this server.')
    await savePushSubscription(user.id, input, request.headers.get('user-agent'), serverNow())
    return json({ subscribed: true }, 201)
  }

  const { id } = parseValues(await bodyValues(request), PushRemoveForm)
  const removed = await removePushDevice(user.id, id)
  return redirectWithToast(
    PUSH_SETTINGS_PATH,
    removed ? 'That device will get no more push notifications.' : 'That device was already removed.',
  )
})
