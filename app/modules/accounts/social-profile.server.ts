import { z } from 'zod'
import type { SocialProviderConfig } from '~/utils/env.server'
import type { SocialProvider } from './social-input'

/**
 * Who the provider says the person is, read with the access token of a finished
 * authorization: GitHub's REST API (/user, /user/emails), Google's OpenID Connect userinfo.
 * Every answer is parsed; an unexpected one is `ProfileUnavailable`, never a half-read person.
 */
export interface SocialProfile {
  provider: SocialProvider
  /** the provider's stable id of the person */
  providerAccountId: string
  /** lower-cased; null when the provider shares none */
  email: string | null
  /** the provider confirmed the person controls `email` */
  emailVerified: boolean
  name: string | null
  /** a handle to start a username from (GitHub's login, the e-mail's local part) */
  handle: string | null
}

export class ProfileUnavailable extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProfileUnavailable'
  }
}

const GitHubUser = z.object({
  id: z.number().int().positive(),
  login: z.string().min(1),
  name: z.string().nullish(),
})
const GitHubEmails = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }))

const GoogleUserInfo = z.object({
  sub: z.string().min(1),
  email: z.string().optional(),
  // Google sends a boolean; some OIDC providers send the string "true".
  email_verified: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
  name: z.string().optional(),
})

const TIMEOUT_MS = 10_000

async function getJson<T>(url: string, accessToken: string, schema: z.ZodType<T>): Promise<T> {
  let answer: Awaited<ReturnType<typeof fetch>> // the provider's answer, not one of ours
  try {
    answer = await fetch(url, {
      headers: {
        authorization: `Bearer ${accessToken}`,
        accept: 'application/json',
        'user-agent': 'Questlog',
      },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
  } catch (error) {
    throw new ProfileUnavailable(`could not reach ${url}: ${String(error)}`)
  }
  if (!answer.ok) throw new ProfileUnavailable(`${url} answered ${answer.status}`)
  const parsed = schema.safeParse(await answer.json().catch(() => undefined))
  if (!parsed.success) throw new ProfileUnavailable(`${url} answered an unexpected body`)
  return parsed.data
}

export async function fetchProfile(
  provider: SocialProvider,
  config: SocialProviderConfig,
  accessToken: string,
): Promise<SocialProfile> {
  if (provider === 'github') {
    const [user, emails] = await Promise.all([
      getJson(`${config.profileUrl}/user`, accessToken, GitHubUser),
      getJson(`${config.profileUrl}/user/emails`, accessToken, GitHubEmails),
    ])
    // The primary address if GitHub verified it, else any verified one; an unverified primary only as a last resort.
    const chosen =
      emails.find((e) => e.primary && e.verified) ?? emails.find((e) => e.verified) ?? emails.find((e) => e.primary)
    return {
      provider,
      providerAccountId: String(user.id),
      email: chosen ? chosen.email.trim().toLowerCase() : null,
      emailVerified: chosen?.verified ?? false,
      name: user.name?.trim() || null,
      handle: user.login,
    }
  }
  const info = await getJson(config.profileUrl, accessToken, GoogleUserInfo)
  const email = info.email?.trim().toLowerCase() || null
  return {
    provider,
    providerAccountId: info.sub,
    email,
    emailVerified: Boolean(email && info.email_verified),
    name: info.name?.trim() || null,
    handle: email ? email.split('@')[0]! : null,
  }
}
