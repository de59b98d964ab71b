import { z } from 'zod'

/** The outside providers one can sign in with, as the `$provider` of /auth/$provider names them. */
export const SOCIAL_PROVIDERS = ['github', 'google'] as const
export const SocialProvider = z.enum(SOCIAL_PROVIDERS, { message: 'Unknown sign-in provider' })
export type SocialProvider = z.output<typeof SocialProvider>

export const PROVIDER_LABELS: Record<SocialProvider, string> = { github: 'GitHub', google: 'Google' }

/** The form that starts a sign-in (or a link): where to go afterwards. */
export const SocialStartInput = z.object({
  redirectTo: z.string().max(2000, 'The page to return to is too long').optional(),
})

/** The connections page's forms. */
export const ConnectionsForm = z.object({
  intent: z.literal('unlink', { message: 'Choose what to do' }),
  provider: SocialProvider,
})
