import type { NotificationType } from '~/generated/prisma/client'

/**
 * The kinds of notification a learner can receive and what each channel does for it until the
 * learner says otherwise (a NotificationPreference row overrides these per type). In-app is on
 * for every kind; e-mail for those worth an e-mail; push for the time-sensitive ones (it only
 * reaches a device that subscribed). Slow, piling-up kinds go into the daily digest.
 */
export interface ChannelDefaults {
  inApp: boolean
  email: boolean
  push: boolean
  emailDigest: boolean
}

export interface NotificationKind {
  type: NotificationType
  /** what the preferences page calls it */
  label: string
  defaults: ChannelDefaults
  /**
   * The module that raises the event sends its e-mail itself (the team invitation, which must
   * also reach an address with no account): no e-mail delivery is made for it and the
   * preferences page offers no e-mail or digest switch.
   */
  ownEmail?: true
}

const on = (email: boolean, push: boolean, emailDigest = false): ChannelDefaults => ({
  inApp: true,
  email,
  push,
  emailDigest,
})

/** The kinds that events of the other modules produce, in the order the preferences page lists them. */
export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  { type: 'review_due', label: 'Reviews due', defaults: on(true, true, true) },
  { type: 'streak_at_risk', label: 'Streak at risk', defaults: on(true, true) },
  { type: 'achievement_unlocked', label: 'Achievement unlocked', defaults: on(true, false) },
  { type: 'challenge_started', label: 'Challenge starting', defaults: on(true, true) },
  { type: 'challenge_ended', label: 'Challenge ended', defaults: on(true, false) },
  { type: 'team_invite', label: 'Team invitation', defaults: on(false, false), ownEmail: true },
  { type: 'certificate_issued', label: 'Certificate issued', defaults: on(true, false) },
  { type: 'system', label: 'Documents processed and other news', defaults: on(false, false) },
]

const BY_TYPE = new Map(NOTIFICATION_KINDS.map((kind) => [kind.type, kind]))

/** What the preferences page, the e-mail footers and the unsubscribe page call a type. */
export function kindLabel(type: NotificationType): string {
  return BY_TYPE.get(type)?.label ?? 'Other news'
}

/** Whether the notifications module e-mails this type at all (see `ownEmail`). */
export function offersEmail(type: NotificationType): boolean {
  return BY_TYPE.get(type)?.ownEmail !== true
}

export type Channel = 'inApp' | 'email' | 'emailDigest' | 'push'

/** The switches the preferences page offers for a type, in its column order: no e-mail ones when its module sends its own. */
export function channelsOf(type: NotificationType): readonly Channel[] {
  return offersEmail(type) ? ['inApp', 'email', 'emailDigest', 'push'] : ['inApp', 'push']
}

/** The defaults of a type; a type no event produces yet is in-app only. */
export function channelDefaults(type: NotificationType): ChannelDefaults {
  return BY_TYPE.get(type)?.defaults ?? on(false, false)
}
