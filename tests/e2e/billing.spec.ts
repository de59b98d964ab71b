import { whenInteractive } from './support/hydration'
import { expect, run, test } from './support/sign-in'

/**
 * Billing against the offline sandbox (no Polar credentials): checkout goes to
 * the app's sandbox page, "Pay" sends signed webhooks to our own /webhooks/polar
 * a moment later, and only those grant access.
 */

test('a learner upgrades to premium: "processing" first, premium once the webhook has arrived', async ({
  page,
  signIn,
}) => {
  await signIn(page, 'buyer')
  await page.goto('/')
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible()
  await page.getByRole('link', { name: 'Billing' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible()
  // One main landmark: the page sits inside the layout's <main>, it does not open another.
  await expect(page.getByRole('main')).toHaveCount(1)
  await expect(page.locator('.billing-plan')).toContainText('Basic')
  await expect(page.getByLabel(/of 25 requests used/)).toBeVisible()

  await page.getByRole('button', { name: /Upgrade to Premium/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sandbox checkout' })).toBeVisible()
  await expect(page.locator('.billing-order')).toContainText('$9.00')
  await page.getByRole('button', { name: 'Pay $9.00' }).click()

  await expect(page.getByRole('heading', { level: 1, name: 'Processing your payment…' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'You are now Premium' })).toBeVisible({ timeout: 15_000 })

  await page.goto('/billing')
  await expect(page.locator('.billing-plan')).toContainText('Premium')
  await expect(page.getByText(/Renews on/)).toBeVisible()
  await expect(page.getByLabel(/of 1000 requests used/)).toBeVisible()
})

test('without JavaScript: the same upgrade with plain forms; the processing page reloads itself', async ({
  browser,
  signIn,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, 'nojsbuyer')
  await page.goto('/billing')
  await page.getByRole('button', { name: /Upgrade to Premium/ }).click()
  await page.getByRole('button', { name: 'Pay $9.00' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Processing your payment…' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'You are now Premium' })).toBeVisible({ timeout: 15_000 })
  await context.close()
})

test('a team admin buys 5 seats and can invite a fifth member but not a sixth (the owner takes a seat)', async ({
  page,
  signIn,
}) => {
  await signIn(page, 'seatbuyer')
  await page.goto('/teams')
  await whenInteractive(page)
  await page.getByLabel('Team name').fill(`Seat Crew ${run}`)
  await page.getByRole('button', { name: 'Create team' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Seat Crew ${run}` })).toBeVisible()
  const teamUrl = new URL(page.url()).pathname
  await expect(page.locator('#team-billing')).toContainText('No team subscription')
  // Without a subscription a team has the server's default of 3 seats (DEFAULT_TEAM_SEATS on the e2e server).
  await expect(page.getByText('1 of 3 seats used')).toBeVisible()

  await page.getByLabel(/^Seats/).fill('5')
  await page.getByRole('button', { name: 'Buy seats for the team' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Sandbox checkout' })).toBeVisible()
  await expect(page.locator('.billing-order')).toContainText('5')
  await page.getByRole('button', { name: 'Pay $35.00' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Processing your payment…' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Your team’s seats are ready' })).toBeVisible({
    timeout: 15_000,
  })

  await page.goto(teamUrl)
  await whenInteractive(page)
  await expect(page.locator('#team-billing')).toContainText('Team plan · 5 paid seats')
  // The owner holds seat 1; invitations 2–5 fill the other four.
  for (const n of [2, 3, 4, 5]) {
    const email = `seat${n}.${run}@example.com`
    await page.getByLabel('E-mail address').fill(email)
    await page.getByRole('button', { name: 'Send invitation' }).click()
    await expect(page.getByRole('button', { name: `Revoke the invitation to ${email}` })).toBeVisible()
  }
  await expect(page.getByText('5 of 5 seats used')).toBeVisible()

  await page.getByLabel('E-mail address').fill(`seat6.${run}@example.com`)
  await page.getByRole('button', { name: 'Send invitation' }).click()
  await expect(page.getByRole('alert')).toContainText('All 5 seats are taken')
  await expect(page.getByRole('alert')).toContainText('buys more under “Plan and seats”')
  await expect(page.getByRole('button', { name: `Revoke the invitation to seat6.${run}@example.com` })).toHaveCount(0)

  // One more seat on the same subscription, and the sixth invitation goes through.
  await page.getByLabel(/^Seats on the subscription/).fill('6')
  await page.getByRole('button', { name: 'Change seats' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'The new number of seats was sent' })).toBeVisible()
  await expect(page.locator('#team-billing')).toContainText('Team plan · 6 paid seats')
  await page.getByLabel('E-mail address').fill(`seat6.${run}@example.com`)
  await page.getByRole('button', { name: 'Send invitation' }).click()
  await expect(page.getByRole('button', { name: `Revoke the invitation to seat6.${run}@example.com` })).toBeVisible()
  await expect(page.getByText('6 of 6 seats used')).toBeVisible()
})
