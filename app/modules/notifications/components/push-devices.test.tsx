import { renderToStaticMarkup } from 'react-dom/server'
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from 'react-router-dom/server'
import { describe, expect, it } from 'vitest'
import type { PushDevicesView } from '../push-view'
import { PushDevices } from './push-devices'

/** Rendered on the server inside a router, as on the settings page before the browser takes over. */
async function render(view: PushDevicesView): Promise<string> {
  const handler = createStaticHandler([
    { id: 'page', path: '/settings/notifications', Component: () => <PushDevices view={view} /> },
  ])
  const context = await handler.query(new Request('http://localhost/settings/notifications'))
  if (context instanceof Response) throw new Error(`unexpected response ${context.status}`)
  const router = createStaticRouter(handler.dataRoutes, context)
  return renderToStaticMarkup(<StaticRouterProvider router={router} context={context} hydrate={false} />)
}

const phone = {
  id: '01JFZ6B3Q8Y4M2N7P5R9S0T1V2',
  endpoint: 'https://fcm.googleapis.com/fcm/send/abc',
  device: 'Chrome on Android',
  userAgent: 'Mozilla/5.0 (Linux; Android 14) Chrome/131.0',
  since: '7 Dec 2026, 10:00',
  lastSuccess: null,
}

describe('PushDevices', () => {
  it('lists the devices, each with a remove form that posts without JavaScript', async () => {
    const html = await render({ configured: true, publicKey: 'BKey', devices: [phone] })
    expect(html).toContain('<h2 id=')
    expect(html).toContain('Chrome on Android')
    expect(html).toContain('none yet')
    expect(html).toMatch(/<form method="post" action="\/api\/push-subscriptions"[^>]*>/)
    expect(html).toContain(`<input type="hidden" name="id" value="${phone.id}"/>`)
    expect(html).toMatch(/<button type="submit" class="button secondary" name="intent" value="remove">Remove/)
    // before the page's script has checked this browser, the explanation stands in for the button
    expect(html).toContain('need a browser that supports web push, with JavaScript on')
    expect(html).not.toContain('Turn on push')
  })

  it('says when push is not set up on the server', async () => {
    const html = await render({ configured: false, publicKey: null, devices: [] })
    expect(html).toContain('Push notifications are not set up on this server')
    expect(html).not.toContain('<form')
  })

  it('says when no device is subscribed yet', async () => {
    expect(await render({ configured: true, publicKey: 'BKey', devices: [] })).toContain(
      'No device gets push notifications yet.',
    )
  })
})
