import { type Env, getEnv } from '~/utils/env.server'
import type { PaymentsProvider, PaymentsStatus } from './payments'
import { createPolarClient } from './polar-client.server'
import { polarPayments } from './polar-payments.server'
import { type SandboxPayments, sandboxPayments } from './sandbox.server'

/**
 * The one place that decides where payments go, from the environment: Polar with
 * POLAR_ACCESS_TOKEN, the offline sandbox where it is allowed (BILLING_SANDBOX, on by
 * default outside production), otherwise nowhere (null: nothing can be bought).
 * Everything else asks the chosen provider, never which one it is.
 */
export function choosePayments(env: Env): PaymentsProvider | null {
  switch (env.billing) {
    case 'polar':
      // env.billing is 'polar' exactly when the token is set.
      return polarPayments(createPolarClient({ accessToken: env.POLAR_ACCESS_TOKEN!, server: env.POLAR_SERVER }))
    case 'sandbox':
      return sandboxPayments
    case 'off':
      return null
  }
}

let chosen: { env: Env; provider: PaymentsProvider | null } | undefined

/** The provider of this server's environment (chosen once per environment), or null when payments are off. */
export function paymentsProvider(): PaymentsProvider | null {
  const env = getEnv()
  if (chosen?.env !== env) chosen = { env, provider: choosePayments(env) }
  return chosen.provider
}

/** The offline sandbox, only while it is the provider: its checkout page and portal are pages of this app. */
export function activeSandbox(provider = paymentsProvider()): SandboxPayments | null {
  return provider === sandboxPayments ? sandboxPayments : null
}

/** For the billing pages' wording only (behaviour goes through the provider). */
export function paymentsStatus(provider = paymentsProvider()): PaymentsStatus {
  return provider?.name ?? 'off'
}
