import type { Plan, SubscriptionStatus } from '~/generated/prisma/client'

/**
 * The plans, in one place: what each allows and costs, and who has which.
 * Every gate in the app asks this module (PlanEntitlement rows, written by a
 * migration, mirror ENTITLEMENTS; a test keeps the two equal).
 */

export const PLANS = ['basic', 'premium', 'team'] as const satisfies readonly Plan[]

export const PLAN_LABEL: Record<Plan, string> = { basic: 'Basic', premium: 'Premium', team: 'Team' }

/** Price per month in cents: premium per learner (seed 002: $9.00), team per seat. */
export const PRICE_CENTS: Record<Plan, number> = { basic: 0, premium: 900, team: 700 }

/** Features a plan may switch on (beyond the numeric allowances). */
export const FEATURES = ['voiceTutor', 'teams', 'certificates', 'challengesCreate', 'advancedAnalytics'] as const
export type Feature = (typeof FEATURES)[number]

export interface Entitlements {
  /** AI tutor requests per user per month; null = unlimited */
  aiRequestsPerMonth: number | null
  /** AI tokens per user per month; null = unlimited */
  aiTokensPerMonth: number | null
  /** AI spend per user per month in cents; null = unlimited */
  aiCostCentsPerMonth: number | null
  /** documents a team may hold; null = unlimited */
  maxDocuments: number | null
  features: Record<Feature, boolean>
}

const ENTITLEMENTS: Record<Plan, Entitlements> = {
  basic: {
    aiRequestsPerMonth: 25,
    aiTokensPerMonth: 50_000,
    aiCostCentsPerMonth: 50,
    maxDocuments: 10,
    features: {
      voiceTutor: false,
      teams: true,
      certificates: false,
      challengesCreate: false,
      advancedAnalytics: false,
    },
  },
  premium: {
    aiRequestsPerMonth: 1000,
    aiTokensPerMonth: 2_000_000,
    aiCostCentsPerMonth: 500,
    maxDocuments: 100,
    features: { voiceTutor: true, teams: true, certificates: true, challengesCreate: true, advancedAnalytics: true },
  },
  team: {
    aiRequestsPerMonth: 1000,
    aiTokensPerMonth: 2_000_000,
    aiCostCentsPerMonth: 500,
    maxDocuments: 1000,
    features: { voiceTutor: true, teams: true, certificates: true, challengesCreate: true, advancedAnalytics: true },
  },
}

export function entitlementsFor(plan: Plan): Entitlements {
  return ENTITLEMENTS[plan]
}

export function canUse(plan: Plan, feature: Feature): boolean {
  return ENTITLEMENTS[plan].features[feature]
}

/**
 * A user's effective plan: premium when an individual subscription grants access,
 * team when a team they belong to has a subscription that does, else basic.
 */
export function planOf(access: { individual: boolean; team: boolean }): Plan {
  if (access.individual) return 'premium'
  if (access.team) return 'team'
  return 'basic'
}

/** The plan a Polar product stands for, or null for a product we do not sell. */
export function planForProduct(
  productId: string,
  products: { premium: string; team: string },
): Exclude<Plan, 'basic'> | null {
  if (productId === products.premium) return 'premium'
  if (productId === products.team) return 'team'
  return null
}

/**
 * A past_due subscription (a renewal payment failed; Polar retries it) keeps access
 * for this long after the period it paid for ended. Polar revokes it when it gives up.
 */
export const PAST_DUE_GRACE_DAYS = 7
const DAY_MS = 24 * 60 * 60 * 1000

export interface AccessFacts {
  status: SubscriptionStatus
  currentPeriodEnd: Date | null
  cancelAtPeriodEnd: boolean
  endedAt: Date | null
}

/**
 * Whether a subscription grants paid access at `now`:
 *  - revoked (endedAt reached) → no;
 *  - active/trialing → yes, until currentPeriodEnd once canceled at period end
 *    (a renewal that Polar has not told us about yet does not cut access);
 *  - canceled → until currentPeriodEnd;
 *  - past_due → until PAST_DUE_GRACE_DAYS after currentPeriodEnd;
 *  - incomplete, incomplete_expired, unpaid, paused → no.
 * `accessSql` in subscriptions.server.ts is the same rule in SQL (a test compares them).
 */
export function effectiveAccess(s: AccessFacts, now: Date): boolean {
  const t = now.getTime()
  if (s.endedAt && s.endedAt.getTime() <= t) return false
  const periodEnd = s.currentPeriodEnd?.getTime()
  switch (s.status) {
    case 'active':
    case 'trialing':
      return !s.cancelAtPeriodEnd || periodEnd === undefined || t < periodEnd
    case 'canceled':
      return periodEnd !== undefined && t < periodEnd
    case 'past_due':
      return periodEnd !== undefined && t < periodEnd + PAST_DUE_GRACE_DAYS * DAY_MS
    default:
      return false
  }
}
