import { type Environment, type Polar, createPolar } from '@polar-sh/sdk/2026-10'
import { getEnv } from '~/utils/env.server'

/**
 * The Polar API client (@polar-sh/sdk 1.x, API version 2026-10; request bodies
 * are snake_case). Null without POLAR_ACCESS_TOKEN: billing then runs against the
 * offline sandbox (sandbox.server.ts) instead.
 */
export type PolarClient = Polar

export interface PolarSettings {
  accessToken: string
  server: Environment
  /** Only for tests: a loopback HTTP server standing in for Polar's API. */
  baseUrl?: string
}

export function createPolarClient(settings: PolarSettings): PolarClient {
  return createPolar({ accessToken: settings.accessToken, environment: settings.server, baseUrl: settings.baseUrl, timeout: 15 })
}

let cached: PolarClient | null | undefined

/** Payments go through Polar, the offline sandbox (BILLING_SANDBOX), or nowhere. */
export function paymentsMode(): 'polar' | 'sandbox' | 'off' {
  return getEnv().billing
}

/** The client configured by the environment, or null without POLAR_ACCESS_TOKEN. */
export function polarClient(): PolarClient | null {
  if (cached === undefined) {
    const env = getEnv()
    cached = env.POLAR_ACCESS_TOKEN ? createPolarClient({ accessToken: env.POLAR_ACCESS_TOKEN, server: env.POLAR_SERVER }) : null
  }
  return cached
}
