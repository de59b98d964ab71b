/** What the "Push on this device" section shows (`pushDevicesView` in push-subscriptions.server.ts). */
export interface PushDevice {
  id: string
  /** lets the page tell which listed device is the browser showing it (the learner's own data) */
  endpoint: string
  /** "Firefox on Linux" */
  device: string
  userAgent: string | null
  /** when it was subscribed, in the learner's time zone */
  since: string
  /** the last push it accepted, in the learner's time zone; null before the first */
  lastSuccess: string | null
}

export interface PushDevicesView {
  /** VAPID keys are set: the browser may subscribe */
  configured: boolean
  /** the VAPID public key the browser subscribes with (null when not configured) */
  publicKey: string | null
  devices: PushDevice[]
}
