import { randomInt } from 'node:crypto'
import { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/modules/system/audit.server'
import { prisma } from '~/utils/db.server'
import { Conflict, Forbidden, Invalid, NotFound } from '~/utils/errors.server'
import { enforceLimit } from '~/utils/rate-limit.server'
import type { RequestOrigin } from '~/utils/request-context.server'
import { DisplayName, Username } from './account-input'
import { startLoginSession } from './auth.server'
import { PROVIDER_LABELS, type SocialProvider } from './social-input'
import type { SocialProfile } from './social-profile.server'

/**
 * What a finished sign-in with GitHub or Google means for our accounts
 * (docs/social-sign-in.md). The provider's id of the person is the key:
 *  - an Account with that id signs its user in;
 *  - a signed-in user links it to themselves;
 *  - otherwise an existing user with the same e-mail is linked only when both the provider
 *    and we have verified that address (else a stranger who registered someone's address
 *    at a provider could take over their account), and nobody with it gets a new account.
 */

export type SocialOutcome =
  | { kind: 'signed-in' | 'linked-by-email' | 'signed-up'; userId: string; setCookie: string }
  | { kind: 'linked' | 'already-linked'; userId: string }

export const unverifiedCollision = (label: string) =>
  `An account with this e-mail address already exists, but the address is not verified on both sides, so we cannot tell that it is yours. Log in with your password, then link ${label} under Settings → Connections.`

export async function signInWithProvider(
  profile: SocialProfile,
  signedIn: { id: string } | null,
  previousSessionToken: string | null,
  origin: RequestOrigin,
): Promise<SocialOutcome> {
  const label = PROVIDER_LABELS[profile.provider]
  const existing = await prisma.account.findUnique({
    where: { provider_providerAccountId: { provider: profile.provider, providerAccountId: profile.providerAccountId } },
    select: { userId: true, user: { select: { anonymizedAt: true } } },
  })

  if (signedIn) {
    if (existing?.userId === signedIn.id) return { kind: 'already-linked', userId: signedIn.id }
    if (existing) throw new Conflict(`This ${label} account is already linked to another Questlog account.`)
    await link(signedIn.id, profile, origin)
    return { kind: 'linked', userId: signedIn.id }
  }

  if (existing) {
    if (existing.user.anonymizedAt) throw new Forbidden('This account was deleted.')
    return {
      kind: 'signed-in',
      userId: existing.userId,
      ...(await startSession(existing.userId, profile, previousSessionToken, origin)),
    }
  }

  if (!profile.email)
    throw new Invalid(`${label} did not share an e-mail address with us. Sign up with an e-mail address instead.`)
  const sameEmail = await prisma.user.findUnique({
    where: { email: profile.email },
    select: { id: true, emailVerifiedAt: true },
  })
  if (sameEmail) {
    if (!profile.emailVerified || !sameEmail.emailVerifiedAt) throw new Conflict(unverifiedCollision(label))
    await link(sameEmail.id, profile, origin)
    return {
      kind: 'linked-by-email',
      userId: sameEmail.id,
      ...(await startSession(sameEmail.id, profile, previousSessionToken, origin)),
    }
  }
  if (!profile.emailVerified)
    throw new Invalid(
      `${label} has not verified ${profile.email}. Verify it at ${label}, or sign up with your e-mail address and a password.`,
    )

  await enforceLimit('signup:ip', origin.ip)
  const userId = await createSocialUser(profile)
  await recordAudit({
    action: 'auth.signup',
    actorId: userId,
    targetType: 'User',
    targetId: userId,
    origin,
    metadata: { provider: profile.provider },
  })
  return { kind: 'signed-up', userId, ...(await startSession(userId, profile, previousSessionToken, origin)) }
}

async function link(userId: string, profile: SocialProfile, origin: RequestOrigin): Promise<void> {
  const label = PROVIDER_LABELS[profile.provider]
  const taken = `You have already linked a ${label} account. Unlink it first to link another one.`
  if (await prisma.account.findFirst({ where: { userId, provider: profile.provider }, select: { id: true } }))
    throw new Conflict(taken)
  try {
    await prisma.account.create({
      data: {
        userId,
        provider: profile.provider,
        providerAccountId: profile.providerAccountId,
        email: profile.email,
      },
      select: { id: true },
    })
  } catch (error) {
    // Two callbacks racing: the same provider account, or a second account of that provider.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new Conflict(taken)
    throw error
  }
  await recordAudit({
    action: 'auth.account.linked',
    actorId: userId,
    targetType: 'User',
    targetId: userId,
    origin,
    metadata: { provider: profile.provider },
  })
}

/** The same session a password login starts (accounts/auth.server.ts). */
function startSession(
  userId: string,
  profile: SocialProfile,
  previousSessionToken: string | null,
  origin: RequestOrigin,
): Promise<{ setCookie: string }> {
  return startLoginSession(userId, previousSessionToken, origin, {
    path: `/auth/${profile.provider}/callback`,
    provider: profile.provider,
  })
}

/** A user with the provider's verified address and no password; the username is derived from the provider's handle. */
async function createSocialUser(profile: SocialProfile): Promise<string> {
  const email = profile.email!
  const base = usernameBase(profile.handle ?? email.split('@')[0]!)
  const name = DisplayName.safeParse(profile.name ?? profile.handle ?? base)
  for (let attempt = 0; attempt < 5; attempt++) {
    const username = attempt === 0 ? base : `${base.slice(0, 15)}_${randomInt(1000, 10_000)}`
    if (await prisma.user.findUnique({ where: { username }, select: { id: true } })) continue
    try {
      const user = await prisma.user.create({
        data: {
          email,
          username,
          name: name.success ? name.data : base,
          emailVerifiedAt: new Date(),
          accounts: {
            create: { provider: profile.provider, providerAccountId: profile.providerAccountId, email },
          },
        },
        select: { id: true },
      })
      return user.id
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error
      // A race for the username tries the next one; for the address or the account, the other request won.
      if (!String(error.meta?.target ?? '').includes('username'))
        throw new Conflict('This account was just created by another request. Please sign in again.')
    }
  }
  throw new Conflict('We could not find a free username. Please sign up with the form instead.')
}

/** A valid username (3–20 of a-z, 0-9, _) made from a provider's handle. */
export function usernameBase(handle: string): string {
  const cleaned = handle
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 20)
  const padded = cleaned.length >= 3 ? cleaned : `${cleaned}_learner`.replace(/^_/, '')
  return Username.parse(padded.slice(0, 20))
}

// ─── Settings → Connections ─────────────────────────────────────────────────

export interface Connections {
  hasPassword: boolean
  accounts: { provider: SocialProvider; email: string | null; createdAt: Date }[]
}

export async function listConnections(userId: string): Promise<Connections> {
  const [password, accounts] = await Promise.all([
    prisma.password.findUnique({ where: { userId }, select: { id: true } }),
    prisma.account.findMany({
      where: { userId },
      select: { provider: true, email: true, createdAt: true },
      orderBy: { provider: 'asc' },
    }),
  ])
  return {
    hasPassword: password !== null,
    accounts: accounts.map((a) => ({ ...a, provider: a.provider as SocialProvider })),
  }
}

export const lastWayToSignIn = (label: string) =>
  `${label} is your only way to sign in, so it cannot be unlinked. First set a password (“Forgot your password?” on the login page e-mails you a link) or link another account.`

/**
 * Unlinks the user's account of this provider, only while another way to sign in remains.
 * One statement decides and deletes, so two unlinks at once cannot both remove the last ways.
 */
export async function unlinkProvider(userId: string, provider: SocialProvider, origin: RequestOrigin): Promise<void> {
  const label = PROVIDER_LABELS[provider]
  const removed = await prisma.$executeRaw`
    DELETE FROM "Account" WHERE "userId" = ${userId} AND "provider" = ${provider}
      AND (EXISTS (SELECT 1 FROM "Password" WHERE "userId" = ${userId})
        OR EXISTS (SELECT 1 FROM "Account" WHERE "userId" = ${userId} AND "provider" <> ${provider}))`
  if (removed === 0) {
    const linked = await prisma.account.findFirst({ where: { userId, provider }, select: { id: true } })
    if (!linked) throw new NotFound(`No ${label} account is linked to yours.`)
    throw new Conflict(lastWayToSignIn(label), 'provider')
  }
  await recordAudit({
    action: 'auth.account.unlinked',
    actorId: userId,
    targetType: 'User',
    targetId: userId,
    origin,
    metadata: { provider },
  })
}
