/**
 * Web push (contract for the delivery pass; the sender through `web-push` lands with the push
 * work). The delivery pass calls `sendPushToUser` for a due push delivery.
 */
export interface PushMessage {
  title: string
  body: string | null
  /** path inside the app the notification opens when clicked */
  link: string | null
  /** the Notification id: a device shows one notification per tag */
  tag: string
}

export interface PushOutcome {
  /** devices that accepted the message */
  sent: number
  /** subscriptions removed because their push service answered 404/410 */
  removed: number
  /** devices that failed otherwise (network, 5xx): worth a retry */
  failed: number
}

/** Whether VAPID keys are configured; without them push is off and deliveries are skipped. */
export function pushConfigured(): boolean {
  return false
}

export async function sendPushToUser(_userId: string, _message: PushMessage, _now: Date): Promise<PushOutcome> {
  return { sent: 0, removed: 0, failed: 0 }
}
