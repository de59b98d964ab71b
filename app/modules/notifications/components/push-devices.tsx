import { Form, useRevalidator } from '@remix-run/react'
import { useEffect, useId, useState, useSyncExternalStore } from 'react'
import { SubmitButton } from '~/components/ui/submit-button'
import type { PushDevicesView } from '../push-view'

/**
 * "Push on this device": turn web push on or off for the browser showing the page, and the
 * learner's subscribed devices, each with a remove button that works without JavaScript. Loader
 * data: `pushDevicesView(userId)`. docs/push.md.
 */

const SUBSCRIPTIONS = '/api/push-subscriptions'

const never = () => () => undefined
/** true only in a browser with the Push API (false while rendering on the server) */
const useCanPush = () =>
  useSyncExternalStore(
    never,
    () => 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window,
    () => false,
  )

/** The VAPID public key (base64url) as the bytes PushManager.subscribe takes. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(base64url.length / 4) * 4, '=')
  const binary = atob(base64)
  const bytes = new Uint8Array(new ArrayBuffer(binary.length))
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function sameBytes(a: ArrayBuffer | null, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false
  const view = new Uint8Array(a)
  return view.every((byte, i) => byte === b[i])
}

/** The server's `{ error }` of a refused request, or a general message. */
async function errorOf(answer: { json(): Promise<unknown> }): Promise<string> {
  const body = (await answer.json().catch(() => null)) as { error?: unknown } | null
  return typeof body?.error === 'string' ? body.error : 'The server did not take the subscription. Please try again.'
}

type State = 'checking' | 'on' | 'off' | 'blocked'

function ThisDevice({ publicKey, endpoints }: { publicKey: string; endpoints: string[] }) {
  const revalidator = useRevalidator()
  const [state, setState] = useState<State>('checking')
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const listed = endpoints.join('\n')

  useEffect(() => {
    let current = true
    void (async () => {
      const registration = await navigator.serviceWorker.getRegistration('/')
      const subscription = await registration?.pushManager.getSubscription()
      if (!current) return
      if (subscription && listed.split('\n').includes(subscription.endpoint)) setState('on')
      else setState(Notification.permission === 'denied' ? 'blocked' : 'off')
    })().catch(() => current && setState('off'))
    return () => {
      current = false
    }
  }, [listed])

  const turnOn = async () => {
    const permission = await Notification.requestPermission()
    if (permission !== 'granted') {
      setState(permission === 'denied' ? 'blocked' : 'off')
      setNotice('Notifications were not allowed, so push stays off.')
      return
    }
    const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' })
    await navigator.serviceWorker.ready
    const key = keyBytes(publicKey)
    // a subscription made with an earlier key (the server's keys were changed) cannot be reused
    const existing = await registration.pushManager.getSubscription()
    if (existing && !sameBytes(existing.options.applicationServerKey, key)) await existing.unsubscribe()
    const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key })
    const response = await fetch(SUBSCRIPTIONS, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(subscription.toJSON()),
    })
    if (!response.ok) {
      setNotice(await errorOf(response))
      await subscription.unsubscribe()
      return
    }
    setState('on')
    setNotice('Push notifications are on for this device.')
    revalidator.revalidate()
  }

  const turnOff = async () => {
    const registration = await navigator.serviceWorker.getRegistration('/')
    const subscription = await registration?.pushManager.getSubscription()
    if (subscription) {
      const response = await fetch(SUBSCRIPTIONS, {
        method: 'DELETE',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ endpoint: subscription.endpoint }),
      })
      // 404: the server had already forgotten it (removed from the list); the browser still lets go
      if (!response.ok && response.status !== 404) {
        setNotice(await errorOf(response))
        return
      }
      await subscription.unsubscribe()
    }
    setState('off')
    setNotice('Push notifications are off for this device.')
    revalidator.revalidate()
  }

  const run = (change: () => Promise<void>) => async () => {
    if (busy) return
    setBusy(true)
    setNotice(null)
    try {
      await change()
    } catch {
      setNotice('This browser could not change its push subscription. Please try again.')
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="push-this-device">
      {state === 'blocked' ? (
        <p>Notifications from Questlog are blocked in this browser. Allow them in the site settings, then try again.</p>
      ) : null}
      {state === 'on' ? (
        <button type="button" className="button secondary" aria-disabled={busy || undefined} onClick={run(turnOff)}>
          {busy ? 'Turning off…' : 'Turn off push on this device'}
        </button>
      ) : state === 'off' || state === 'blocked' ? (
        <button type="button" className="button" aria-disabled={busy || undefined} onClick={run(turnOn)}>
          {busy ? 'Turning on…' : 'Turn on push on this device'}
        </button>
      ) : null}
      <p role="status" aria-live="polite">
        {notice}
      </p>
    </div>
  )
}

export function PushDevices({ view }: { view: PushDevicesView }) {
  const titleId = useId()
  const canPush = useCanPush()
  return (
    <section aria-labelledby={titleId} className="push-devices">
      <h2 id={titleId}>Push on this device</h2>
      {!view.configured ? (
        <p>
          Push notifications are not set up on this server: the Push switches above have no effect, and you get your
          notifications in the app and by e-mail where you chose it.
        </p>
      ) : canPush && view.publicKey ? (
        <ThisDevice publicKey={view.publicKey} endpoints={view.devices.map((d) => d.endpoint)} />
      ) : (
        <p>
          Push notifications need a browser that supports web push, with JavaScript on. You still get your notifications
          in the app and by e-mail where you chose it.
        </p>
      )}
      {view.devices.length > 0 ? (
        <>
          <h3>Devices that get push notifications</h3>
          <ul className="plain-list">
            {view.devices.map((device) => (
              <li key={device.id} className="card">
                <p>
                  <strong>{device.device}</strong>
                </p>
                <dl className="settings-facts">
                  <dt>Since</dt>
                  <dd>{device.since}</dd>
                  <dt>Last push</dt>
                  <dd>{device.lastSuccess ?? 'none yet'}</dd>
                  {device.userAgent ? (
                    <>
                      <dt>Browser</dt>
                      <dd className="settings-ua">{device.userAgent}</dd>
                    </>
                  ) : null}
                </dl>
                <Form method="post" action={SUBSCRIPTIONS} reloadDocument>
                  <input type="hidden" name="id" value={device.id} />
                  <SubmitButton className="button secondary" name="intent" value="remove" pendingText="Removing…">
                    Remove
                    <span className="visually-hidden">
                      {' '}
                      {device.device}, since {device.since}
                    </span>
                  </SubmitButton>
                </Form>
              </li>
            ))}
          </ul>
        </>
      ) : view.configured ? (
        <p>No device gets push notifications yet.</p>
      ) : null}
    </section>
  )
}
