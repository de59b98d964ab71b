/**
 * Where an action happened, for the behaviour log: the session, the page and the kind of device.
 * Only a device class is kept, never the full user agent (the log is not a fingerprint).
 */
export interface ActivityContext {
  sessionId: string | null
  device: DeviceClass
  path: string
}

export type DeviceClass = 'mobile' | 'tablet' | 'desktop' | 'bot' | 'unknown'

export function deviceClass(userAgent: string | null): DeviceClass {
  if (!userAgent) return 'unknown'
  if (/bot|crawler|spider|headless/i.test(userAgent)) return 'bot'
  if (/ipad|tablet|(android(?!.*mobile))/i.test(userAgent)) return 'tablet'
  if (/mobi|iphone|ipod|android/i.test(userAgent)) return 'mobile'
  if (/windows|macintosh|x11|linux|cros/i.test(userAgent)) return 'desktop'
  return 'unknown'
}

export function activityContext(request: Request, sessionId: string | null): ActivityContext {
  return {
    sessionId,
    device: deviceClass(request.headers.get('user-agent')),
    path: new URL(request.url).pathname.slice(0, 200),
  }
}
