import { type LoopbackProvider, startLoopbackProvider } from '../support/oauth-provider'
import { whenInteractive } from './support/hydration'
import { E2E_OAUTH_CLIENT_ID, E2E_OAUTH_CLIENT_SECRET, E2E_OAUTH_PORT } from './support/server-env.mjs'
import { asNewClient, expect, test } from './support/sign-in'

/**
 * A learner signs in with GitHub in a real browser: the "GitHub" is the loopback provider
 * of tests/support/oauth-provider.ts, started here on the fixed port 3299 (E2E_OAUTH_PORT)
 * that scripts/e2e-server.mjs points the server's GITHUB_* variables at. The browser follows
 * every redirect itself: our POST → the provider's /authorize → our callback.
 */

const run = Date.now().toString(36)
let provider: LoopbackProvider

test.beforeAll(async () => {
  provider = await startLoopbackProvider({
    port: E2E_OAUTH_PORT,
    clientId: E2E_OAUTH_CLIENT_ID,
    clientSecret: E2E_OAUTH_CLIENT_SECRET,
  })
})
test.afterAll(async () => provider?.close())

test('a learner signs up with GitHub, signs out, and signs in with GitHub again', async ({ page }) => {
  const email = `octo.${run}@example.com`
  provider.signInAs({ id: String(Date.now()), login: `octo-${run}`, name: 'Octo Learner', email, emailVerified: true })
  await asNewClient(page)

  await page.goto('/login')
  await whenInteractive(page)
  await page.getByRole('button', { name: 'Log in with GitHub' }).click()
  await expect(page.getByText('Welcome to Questlog! Your account is ready.')).toBeVisible({ timeout: 10_000 })
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible()

  await page.goto('/settings/connections')
  await expect(page.getByRole('heading', { name: 'GitHub' })).toBeVisible()
  await expect(page.getByText(email)).toBeVisible()

  await page.getByRole('button', { name: 'Log out' }).click()
  await expect(page.getByRole('link', { name: 'Log in', exact: true }).first()).toBeVisible()

  await page.goto('/login')
  await whenInteractive(page)
  await page.getByRole('button', { name: 'Log in with GitHub' }).click()
  await expect(page.getByText('Signed in with GitHub.')).toBeVisible({ timeout: 10_000 })
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible()
  expect(provider.tokenRequests.map((r) => r.status)).toEqual([200, 200])
})
