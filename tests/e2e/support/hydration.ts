import type { Page } from '@playwright/test'

/**
 * Waits until the page is interactive: with JavaScript on, until React has hydrated
 * (app/root.tsx marks <html data-hydrated>); with JavaScript off there is nothing to wait for.
 */
export async function whenInteractive(page: Page) {
  const scriptsRun = await page.evaluate(() => '__remixContext' in window)
  if (scriptsRun) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' })
}
