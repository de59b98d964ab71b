import { expect, test } from '@playwright/test'

/** Mutations only from our own pages: a form on another site is refused with 403. */

test('a form on another site cannot post to Questlog', async ({ page, baseURL }) => {
  const message = `Cross-site attempt ${Date.now()}`
  // A page that is not ours (an opaque origin), with a form aimed at our feedback action.
  await page.setContent(`
    <form method="post" action="${baseURL}/feedback">
      <input name="kind" value="idea"><input name="message" value="${message}">
      <button>Send</button>
    </form>`)
  const [response] = await Promise.all([
    page.waitForResponse(`${baseURL}/feedback`),
    page.getByRole('button', { name: 'Send' }).click(),
  ])
  expect(response.status()).toBe(403)
  expect(await response.text()).toContain('must be made from a Questlog page')
})

test('the same form on our own page is accepted', async ({ page }) => {
  await page.goto('/feedback')
  await page.getByLabel('What is it about?').selectOption('idea')
  await page.getByLabel('Your message').fill('Posted from our own page, so it is accepted.')
  await page.getByRole('button', { name: 'Send feedback' }).click()
  await expect(page).toHaveURL(/\/feedback\/[0-9A-Z]{26}$/i)
})

test('every response, not only pages, carries nosniff and a referrer policy', async ({ request }) => {
  for (const path of ['/healthcheck', '/favicon.svg']) {
    const response = await request.get(path)
    expect(response.status()).toBe(200)
    expect(response.headers()['x-content-type-options']).toBe('nosniff')
    expect(response.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin')
  }
})
