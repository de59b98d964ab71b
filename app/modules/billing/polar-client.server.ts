import { type Environment, type Polar, createPolar } from '@polar-sh/sdk/2026-10'

/**
 * The Polar API client (@polar-sh/sdk 1.x, API version 2026-10; request bodies
 * are snake_case). Only payments.server.ts builds one from the environment.
 */
export type PolarClient = Polar

export interface PolarSettings {
  accessToken: string
  server: Environment
  /** Only for tests: a loopback HTTP server standing in for Polar's API. */
  baseUrl?: string
}

export function createPolarClient(settings: PolarSettings): PolarClient {
  return createPolar({
    accessToken: settings.accessToken,
    environment: settings.server,
    baseUrl: settings.baseUrl,
    timeout: 15,
  })
}
