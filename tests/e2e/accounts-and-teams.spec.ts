import type { Browser, Page } from '@playwright/test'
import { whenInteractive } from './support/hydration'
import { asNewClient, expect, test } from './support/sign-in'

/**
 * The accounts and teams journey in a real browser against the production build:
 * sign up, confirm the address from the dev mailbox, log out and in; create a team,
 * invite two people who accept in their own browsers, promote one to admin, who
 * then removes the other; a plain member and an outsider get 403 on the admin page.
 */

const PASSWORD = 'a long passphrase for the browser test'
const run = Date.now().toString(36)
const person = (name: string) => ({
  name: `${name[0]!.toUpperCase()}${name.slice(1)} Tester`,
  username: `${name}_${run}`,
  email: `${name}.${run}@example.com`,
})
const owner = person('olivia')
const second = person('bruno')
const third = person('carla')

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext()
  return context.newPage()
}

async function signUp(page: Page, who: { name: string; username: string; email: string }) {
  await asNewClient(page)
  await whenInteractive(page)
  await page.getByLabel('E-mail address').fill(who.email)
  await page.getByLabel('Username').fill(who.username)
  await page.getByLabel('Your name').fill(who.name)
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByLabel('Password again').fill(PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible({ timeout: 10_000 })
}

/** Opens the newest e-mail to this address in the dev mailbox and returns the link in it. */
async function linkInLatestMail(page: Page, to: string, subject: RegExp): Promise<string> {
  await page.goto('/dev/mailbox')
  await page.getByRole('row').filter({ hasText: to }).filter({ hasText: subject }).first().getByRole('link').click()
  const link = page.locator('article.mail-message a[href*="http"]').first()
  await expect(link).toBeVisible()
  return (await link.getAttribute('href'))!
}

// One journey in two steps: the second uses the account the first creates.
test.describe.configure({ mode: 'serial' })

test('sign up, confirm the address, log out and log in again', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('link', { name: 'Sign up' }).click()
  await signUp(page, owner)
  await expect(page.getByRole('status').filter({ hasText: 'Welcome to Questlog' })).toBeVisible()
  await expect(page.getByText('Please confirm your e-mail address')).toBeVisible()

  const confirm = await linkInLatestMail(page, owner.email, /Confirm your e-mail/)
  await page.goto(confirm)
  await page.getByRole('button', { name: 'Confirm my address' }).click()
  await expect(page.getByRole('heading', { name: 'Your address is confirmed' })).toBeVisible()
  await expect(page.getByText('Please confirm your e-mail address')).toHaveCount(0)

  await page.getByRole('button', { name: 'Log out' }).click()
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByRole('link', { name: 'Log in', exact: true })).toBeVisible()

  await nav.getByRole('link', { name: 'Log in', exact: true }).click()
  await page.getByLabel('E-mail address').fill(owner.email)
  await page.getByLabel('Password').fill('not my password')
  await page.getByRole('button', { name: 'Log in', exact: true }).click()
  await expect(page.getByRole('alert')).toContainText('The e-mail address or password is not right.')
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Log in', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible()

  // The browser holds only an opaque, script-proof session cookie.
  const cookies = await page.context().cookies()
  expect(cookies.map((c) => c.name)).toEqual(['questlog_session'])
  expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
  expect(await page.evaluate(() => document.cookie)).toBe('')
})

test('without JavaScript: sign up, log out and log in with plain forms', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  const who = person('nojs')
  await page.goto('/signup')
  await signUp(page, who)
  await expect(page.getByRole('status').filter({ hasText: 'Welcome to Questlog' })).toBeVisible()
  await page.getByRole('button', { name: 'Log out' }).click()
  await page.goto('/login')
  await whenInteractive(page)
  await page.getByLabel('E-mail address').fill(who.email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Log in', exact: true }).click()
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible()
  await context.close()
})

test('a team owner invites two people, promotes one to admin, who removes the other', async ({ browser }) => {
  // The owner from the first test logs in again in a fresh browser.
  const ownerPage = await newPage(browser)
  await ownerPage.goto('/login')
  await whenInteractive(ownerPage)
  await ownerPage.getByLabel('E-mail address').fill(owner.email)
  await ownerPage.getByLabel('Password').fill(PASSWORD)
  await ownerPage.getByRole('button', { name: 'Log in', exact: true }).click()
  await expect(ownerPage.getByRole('button', { name: 'Log out' })).toBeVisible()

  await ownerPage.goto('/teams')
  await ownerPage.getByLabel('Team name').fill(`Orbit Crew ${run}`)
  await ownerPage.getByRole('button', { name: 'Create team' }).click()
  await expect(ownerPage.getByRole('heading', { level: 1, name: `Orbit Crew ${run}` })).toBeVisible()
  const teamUrl = new URL(ownerPage.url()).pathname
  expect(teamUrl).toMatch(/^\/teams\/[0-9A-Z]{26}$/)

  for (const invitee of [second, third]) {
    await ownerPage.getByLabel('E-mail address').fill(invitee.email)
    await ownerPage.getByRole('button', { name: 'Send invitation' }).click()
    await expect(ownerPage.getByRole('button', { name: `Revoke the invitation to ${invitee.email}` })).toBeVisible()
  }

  // The second person signs up first, then follows the invitation in their own browser.
  const secondPage = await newPage(browser)
  await secondPage.goto('/signup')
  await signUp(secondPage, second)
  await expect(secondPage.getByRole('button', { name: 'Log out' })).toBeVisible()
  await secondPage.goto(await linkInLatestMail(secondPage, second.email, /invit/i))
  await secondPage.getByRole('button', { name: 'Accept and join' }).click()
  await expect(secondPage).toHaveURL(/\/teams/)

  // The third follows the link signed out, creates an account from there, and comes back to it.
  const thirdPage = await newPage(browser)
  const thirdInvite = await linkInLatestMail(thirdPage, third.email, /invit/i)
  await thirdPage.goto(thirdInvite)
  await expect(thirdPage).toHaveURL(/\/login\?redirectTo=/)
  await whenInteractive(thirdPage)
  await thirdPage.getByRole('link', { name: 'Create an account' }).click()
  await signUp(thirdPage, third)
  await expect(thirdPage).toHaveURL(new URL(thirdInvite).pathname)
  await thirdPage.getByRole('button', { name: 'Accept and join' }).click()
  await expect(thirdPage).toHaveURL(/\/teams/)

  // A plain member may not open the admin page.
  const asMember = await thirdPage.goto(teamUrl)
  expect(asMember?.status()).toBe(403)

  // The owner sees both and makes the second an admin.
  await ownerPage.reload()
  await ownerPage.getByLabel(`Role of ${second.name}`).selectOption('admin')
  await ownerPage.getByRole('button', { name: `Change role of ${second.name}` }).click()
  await expect(ownerPage.getByLabel(`Role of ${second.name}`)).toHaveValue('admin')

  // The new admin removes the third member.
  await secondPage.goto(teamUrl)
  await expect(secondPage.getByRole('row').filter({ hasText: third.name })).toBeVisible()
  // Removing asks first: the button opens the question, and only "Yes, remove" submits.
  await secondPage.locator('summary', { hasText: `Remove ${third.name}` }).click()
  await secondPage.getByRole('button', { name: `Yes, remove ${third.name}` }).click()
  await expect(secondPage.getByRole('row').filter({ hasText: third.name })).toHaveCount(0)

  // Removed, the third is an outsider now: still 403.
  const asOutsider = await thirdPage.goto(teamUrl)
  expect(asOutsider?.status()).toBe(403)
  await expect(thirdPage.getByRole('heading', { name: /Something went wrong \(403\)/ })).toBeVisible()
})

test('without JavaScript: ending a session and signing out everywhere ask first, and Cancel changes nothing', async ({
  browser,
  signIn,
}) => {
  // One learner signed in on two devices (the sign-in fixture: sign-up is what the tests above test).
  const phone = await browser.newContext({ javaScriptEnabled: false })
  const phonePage = await phone.newPage()
  const learner = await signIn(phonePage, 'twodevices')
  const laptop = await browser.newContext({ javaScriptEnabled: false })
  const page = await laptop.newPage()
  await signIn(page, learner)

  await page.goto('/settings/sessions')
  await expect(page.getByRole('heading', { level: 1, name: 'Sessions' })).toBeVisible()
  const sessions = page.locator('.settings-sessions > li')
  await expect(sessions).toHaveCount(2)
  const question = page.getByText(/^End the session on .*\? That device will have to log in again\.$/)
  const endIt = page.getByRole('button', { name: /^Yes, end this session/ })
  await expect(question).toBeHidden()
  await expect(endIt).toBeHidden()

  // The first button only asks; Cancel shows the page again with nothing ended.
  await page.locator('summary').filter({ hasText: 'End this session' }).click()
  await expect(question).toBeVisible()
  await page.getByRole('link', { name: 'Cancel' }).click()
  await expect(question).toBeHidden()
  await expect(sessions).toHaveCount(2)

  // Asked and confirmed: the phone's session ends.
  await page.locator('summary').filter({ hasText: 'End this session' }).click()
  await endIt.click()
  await expect(page.getByRole('status')).toContainText('The session was ended.')
  await expect(sessions).toHaveCount(1)
  await phonePage.goto('/settings/sessions')
  await expect(phonePage).toHaveURL(/\/login\?redirectTo=/)

  // "Sign out everywhere" asks too, then signs this device out.
  await page.locator('summary').filter({ hasText: 'Sign out everywhere' }).click()
  await expect(page.getByText('Sign out on every device, this one too? You will have to log in again.')).toBeVisible()
  await page.getByRole('button', { name: 'Yes, sign out everywhere' }).click()
  await expect(page).toHaveURL(/\/login/)
  await page.goto('/settings/sessions')
  await expect(page).toHaveURL(/\/login\?redirectTo=/)
  await phone.close()
  await laptop.close()
})
