import { ulid } from 'ulid'
import { whenInteractive } from './support/hydration'
import { expect, test } from './support/sign-in'

/**
 * Search in a real browser against the production build, with and without JavaScript: a learner
 * makes a quest, types the start of its title into the navigation's search box, sees the result
 * with the matched word highlighted, and follows it to the quest.
 */
for (const javaScriptEnabled of [true, false]) {
  test(`a learner finds their quest from the navigation (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
    signIn,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled })
    const page = await context.newPage()
    await signIn(page, `searcher-${javaScriptEnabled ? 'js' : 'nojs'}`)
    const word = `Heliotrope${ulid().slice(-6).toLowerCase()}`
    const title = `${word} expedition`

    await page.goto('/quests')
    if (javaScriptEnabled) await whenInteractive(page)
    const form = page.getByRole('form', { name: 'New quest' })
    await form.getByLabel('Title', { exact: true }).fill(title)
    await form.getByLabel('Estimated minutes').fill('25')
    await form.getByRole('button', { name: 'Create quest' }).click()
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()

    const box = page.getByRole('navigation', { name: 'Main' }).getByRole('search')
    await box.getByLabel('Search topics, tasks, quests and knowledge').fill(word.slice(0, 12))
    await box.getByRole('button', { name: 'Search' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible()
    const quests = page.getByRole('region', { name: 'Quests' })
    const result = quests.getByRole('link', { name: title })
    await expect(result).toBeVisible()
    await expect(result.locator('mark')).toHaveText(word)

    await result.click()
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await context.close()
  })
}
