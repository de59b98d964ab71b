import { expect, test, type Page } from '@playwright/test'

/**
 * Smoke tests against the production build (see playwright.config.ts): the home
 * page and its CSP, the feedback form with and without JavaScript, the 404 page
 * and keyboard accessibility.
 */

const HOME_TITLE = 'Questlog — learn a little every day'
const RECEIPT_URL = /\/feedback\/[0-9A-HJKMNP-TV-Z]{26}$/i
// Texts from app/modules/system/feedback.ts.
const KIND_ERROR = 'Choose what your feedback is about'
const MESSAGE_TOO_SHORT = 'Please write at least 10 characters'

/** Console errors and uncaught page errors (a CSP violation is a console error). */
function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  return errors
}

/** Resolves once Remix has booted on the client and React has hydrated the document. */
async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const w = window as unknown as { __remixContext?: unknown; __remixRouter?: unknown }
    const link = document.querySelector('nav[aria-label="Main"] a[href="/feedback"]')
    const hydrated = link !== null && Object.keys(link).some((key) => key.startsWith('__reactProps$'))
    return Boolean(w.__remixContext && w.__remixRouter) && hydrated
  })
  await page.waitForLoadState('networkidle')
}

/** Marks the current document; the mark survives client-side navigations only. */
async function markDocument(page: Page) {
  await page.evaluate(() => {
    ;(window as unknown as { __e2eDocument?: boolean }).__e2eDocument = true
  })
}

async function expectSameDocument(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __e2eDocument?: boolean }).__e2eDocument === true)).toBe(
    true,
  )
}

function feedbackForm(page: Page) {
  return {
    kind: page.getByRole('combobox', { name: 'What is it about?' }),
    message: page.getByRole('textbox', { name: 'Your message' }),
    email: page.getByRole('textbox', { name: 'Your e-mail (optional)' }),
    submit: page.getByRole('button', { name: 'Send feedback' }),
  }
}

async function goToFeedbackViaNavigation(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Feedback', exact: true }).click()
  await expect(page).toHaveURL(/\/feedback$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Send us feedback' })).toBeVisible()
  await expect(page).toHaveTitle('Feedback — Questlog')
}

async function expectReceipt(page: Page, message: string, kindLabel: string) {
  await expect(page).toHaveURL(RECEIPT_URL)
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you!' })).toBeVisible()
  await expect(page.getByRole('status')).toContainText(`We received your feedback (${kindLabel.toLowerCase()}) on`)
  await expect(page.getByRole('blockquote')).toHaveText(message)
  await expect(page).toHaveTitle('Thanks for your feedback — Questlog')
}

async function expectInvalidFormShown(page: Page, typed: { message: string; email: string }) {
  const form = feedbackForm(page)
  await expect(page).toHaveURL(/\/feedback$/)
  await expect(page.getByRole('alert')).toHaveText('Please fix the fields marked below.')

  await expect(form.kind).toHaveAttribute('aria-invalid', 'true')
  await expect(form.kind).toHaveAccessibleDescription(KIND_ERROR)
  await expect(form.message).toHaveAttribute('aria-invalid', 'true')
  await expect(form.message).toHaveAccessibleDescription(`10 to 2000 characters. ${MESSAGE_TOO_SHORT}`)
  // The errors are shown next to their own fields, not just somewhere on the page.
  await expect(page.locator('.field').filter({ has: form.kind })).toContainText(KIND_ERROR)
  await expect(page.locator('.field').filter({ has: form.message })).toContainText(MESSAGE_TOO_SHORT)
  // The valid e-mail field is not flagged.
  await expect(form.email).not.toHaveAttribute('aria-invalid', /.*/)
  await expect(form.email).toHaveAccessibleDescription('Only if you would like an answer.')

  // What was typed is kept.
  await expect(form.kind).toHaveValue('')
  await expect(form.message).toHaveValue(typed.message)
  await expect(form.email).toHaveValue(typed.email)
}

test('home page loads with navigation, title and a CSP nonce on every script, without console errors', async ({
  page,
}) => {
  const errors = collectErrors(page)
  const response = await page.goto('/')
  expect(response?.status()).toBe(200)

  await expect(page).toHaveTitle(HOME_TITLE)
  await expect(page.getByRole('heading', { level: 1, name: 'Learn a little, every day.' })).toBeVisible()
  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByRole('link', { name: 'Home', exact: true })).toHaveAttribute('href', '/')
  await expect(nav.getByRole('link', { name: 'Home', exact: true })).toHaveAttribute('aria-current', 'page')
  await expect(nav.getByRole('link', { name: 'Feedback', exact: true })).toHaveAttribute('href', '/feedback')

  // The enforced CSP carries a nonce...
  const csp = response?.headers()['content-security-policy'] ?? ''
  const nonce = /'nonce-([A-Za-z0-9+/]+={0,2})'/.exec(csp)?.[1]
  expect(nonce, `CSP header: ${csp}`).toBeTruthy()
  expect(csp).toContain("script-src 'self'")
  // ...fresh for every request...
  const second = await page.request.get('/')
  expect(second.headers()['content-security-policy']).not.toContain(`'nonce-${nonce}'`)
  // ...and every script tag in the HTML as sent carries it.
  const html = await response!.text()
  const scriptTags = html.match(/<script\b[^>]*>/g) ?? []
  expect(scriptTags.length).toBeGreaterThan(0)
  for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonce}"`)
  // In the live DOM too (Chromium hides the attribute, the property keeps it).
  const domNonces = await page
    .locator('script')
    .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce))
  expect(domNonces.length).toBeGreaterThan(0)
  expect(domNonces.every((n) => n === nonce)).toBe(true)

  // So the CSP did not block hydration.
  await waitForHydration(page)
  expect(errors).toEqual([])
})

test.describe('feedback form with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false })

  test('sends feedback from the home page and shows the receipt', async ({ page }) => {
    const errors = collectErrors(page)
    expect((await page.goto('/'))?.status()).toBe(200)
    await goToFeedbackViaNavigation(page)

    const form = feedbackForm(page)
    const message = `No-JS feedback ${Date.now()}: forms & <markup> still work.`
    await form.kind.selectOption({ label: 'An idea' })
    await form.message.fill(message)
    const [post] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/feedback'),
      form.submit.click(),
    ])
    // A plain HTML form post (no fetch), answered with a redirect to the receipt.
    expect(post.request().resourceType()).toBe('document')
    expect(post.status()).toBe(302)
    expect(post.headers()['location']).toMatch(RECEIPT_URL)

    await expectReceipt(page, message, 'An idea')
    expect(errors).toEqual([])
  })

  test('shows field errors next to the fields and keeps what was typed', async ({ page }) => {
    await page.goto('/feedback')
    const form = feedbackForm(page)
    await form.message.fill('too short')
    await form.email.fill('ada@example.com')
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/feedback'),
      form.submit.click(),
    ])
    expect(response.status()).toBe(400)
    expect(response.request().resourceType()).toBe('document')

    await expectInvalidFormShown(page, { message: 'too short', email: 'ada@example.com' })
  })
})

test.describe('feedback form with JavaScript enabled', () => {
  test('sends feedback after a client-side navigation and shows the receipt', async ({ page }) => {
    const errors = collectErrors(page)
    await page.goto('/')
    await waitForHydration(page)
    await markDocument(page)

    await goToFeedbackViaNavigation(page)
    await expectSameDocument(page) // client-side navigation, no full page load

    const form = feedbackForm(page)
    const message = `JS feedback ${Date.now()}: submitted with fetch.`
    await form.kind.selectOption({ label: 'Something is broken' })
    await form.message.fill(message)
    const [post] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/feedback')),
      form.submit.click(),
    ])
    expect(post.request().resourceType()).toBe('fetch') // submitted by Remix, not by the browser

    await expectReceipt(page, message, 'Something is broken')
    await expectSameDocument(page) // Remix handled the submission and the redirect
    expect(errors).toEqual([])
  })

  test('shows field errors next to the fields and keeps what was typed', async ({ page }) => {
    const errors = collectErrors(page)
    await page.goto('/feedback')
    await waitForHydration(page)
    await markDocument(page)

    const form = feedbackForm(page)
    await form.message.fill('too short')
    await form.email.fill('ada@example.com')
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/feedback')),
      form.submit.click(),
    ])
    expect(response.status()).toBe(400)
    expect(response.request().resourceType()).toBe('fetch')

    await expectInvalidFormShown(page, { message: 'too short', email: 'ada@example.com' })
    await expectSameDocument(page)
    // The only error allowed is the browser logging the 400 response itself.
    expect(errors.filter((e) => !e.includes('status of 400'))).toEqual([])
  })
})

test('an unknown URL shows the friendly "Page not found" page with a link home', async ({ page }) => {
  const response = await page.goto('/no-such-page/anywhere')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await expect(page.getByText('We could not find what you were looking for.')).toBeVisible()
  // The layout (and its navigation) is still there.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()

  const home = page.getByRole('link', { name: 'Back to the home page' })
  await expect(home).toHaveAttribute('href', '/')
  await home.click()
  await expect(page).toHaveURL(/^http:\/\/[^/]+\/$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Learn a little, every day.' })).toBeVisible()
})

test('keyboard: "Skip to content" is the first tab stop and moves focus to the main content', async ({ page }) => {
  await page.goto('/')
  await waitForHydration(page)

  await page.keyboard.press('Tab')
  const skip = page.getByRole('link', { name: 'Skip to content' })
  await expect(skip).toBeFocused()
  await expect(skip).toHaveAttribute('href', '#main')
  await expect(skip).toBeInViewport() // visible while focused

  await page.keyboard.press('Enter')
  const main = page.getByRole('main')
  await expect(main).toHaveAttribute('id', 'main')
  await expect(main).toBeFocused()
  await expect(page).toHaveURL(/#main$/)

  // The next tab stop is the first control inside <main>, past the navigation.
  await page.keyboard.press('Tab')
  await expect(page.getByRole('main').getByRole('link', { name: 'Create a free account' })).toBeFocused()
})

test('feedback form: every control has an associated label', async ({ page }) => {
  await page.goto('/feedback')

  const byLabel = {
    kind: page.getByLabel('What is it about?', { exact: true }),
    message: page.getByLabel('Your message', { exact: true }),
    email: page.getByLabel('Your e-mail (optional)', { exact: true }),
  }
  await expect(byLabel.kind).toHaveAttribute('name', 'kind')
  await expect(byLabel.kind).toHaveJSProperty('tagName', 'SELECT')
  await expect(byLabel.message).toHaveAttribute('name', 'message')
  await expect(byLabel.message).toHaveJSProperty('tagName', 'TEXTAREA')
  await expect(byLabel.email).toHaveAttribute('name', 'email')
  await expect(byLabel.email).toHaveAttribute('type', 'email')

  // No control in the form is left without a <label>; the honeypot is off-screen and hidden from assistive technology.
  await expect(page.locator('main form .hp[aria-hidden="true"] input[name="website"]')).toHaveAttribute(
    'tabindex',
    '-1',
  )
  const controls = page
    .locator('main form')
    .locator('input:not([type="hidden"]):not([name="website"]), select, textarea')
  await expect(controls).toHaveCount(3)
  const unlabelled = await controls.evaluateAll((els) =>
    els.filter((el) => ((el as HTMLInputElement).labels?.length ?? 0) === 0).map((el) => el.getAttribute('name')),
  )
  expect(unlabelled).toEqual([])
  await expect(page.getByRole('button', { name: 'Send feedback' })).toBeVisible()
})
