import type { Browser } from '@playwright/test'
import { whenInteractive } from './support/hydration'
import { seedNarrativePath } from './support/narrative'
import { type SignIn, expect, run, test } from './support/sign-in'

/**
 * A learner walks a team's narrative path of three steps to its end in a real browser: the second
 * step's choice is locked until its quick check is answered right (a wrong answer keeps it locked),
 * and coming back resumes where they were — once with JavaScript and once without.
 */

async function learner(browser: Browser, signIn: SignIn, javaScriptEnabled: boolean, name: string) {
  const context = await browser.newContext({ javaScriptEnabled })
  const page = await context.newPage()
  const who = await signIn(page, name)
  return { context, page, who }
}

for (const javaScript of [true, false]) {
  test(`a learner walks a path to its end through a quick check (${javaScript ? 'with' : 'without'} JavaScript)`, async ({
    browser,
    signIn,
    e2eDatabase,
  }) => {
    const { context, page, who } = await learner(browser, signIn, javaScript, javaScript ? 'walker' : 'nojswalker')
    const path = await seedNarrativePath(e2eDatabase, who.id, `${run}${javaScript ? 'js' : 'nojs'}`)
    const ready = async () => {
      if (javaScript) await whenInteractive(page)
    }

    await page.goto(`/paths/${path.pathId}`)
    await ready()
    await expect(page.getByRole('heading', { level: 1, name: path.title })).toBeVisible()
    await expect(page.getByRole('heading', { level: 2, name: path.steps[0] })).toBeVisible()
    await page.getByRole('button', { name: 'Start the path' }).click()

    await page.getByRole('button', { name: 'Continue' }).click()
    await expect(page.getByRole('heading', { level: 2, name: path.steps[1] })).toBeVisible()
    await expect(page.getByRole('region', { name: 'Key points' })).toContainText('Two equal parts make halves.')

    // Resuming: a fresh visit comes back to the same step.
    await page.goto(`/paths/${path.pathId}`)
    await ready()
    await expect(page.getByRole('heading', { level: 2, name: path.steps[1] })).toBeVisible()

    // The gated choice is locked; a wrong answer keeps it so.
    await expect(page.getByText('Locked')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Finish' })).toHaveCount(0)
    await page.getByLabel(path.quickCheck.wrong).check()
    await page.getByRole('button', { name: 'Check my answer' }).click()
    await expect(page.getByRole('heading', { name: 'Not quite.' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Finish' })).toHaveCount(0)

    // A right answer opens it.
    await page.getByLabel(path.quickCheck.right).check()
    await page.getByRole('button', { name: 'Check my answer' }).click()
    await expect(page.getByRole('heading', { name: 'Correct!' })).toBeVisible()
    await page.getByRole('button', { name: 'Finish' }).click()

    await expect(page.getByRole('heading', { level: 2, name: path.steps[2] })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'You reached the end of this path' })).toBeVisible()
    await context.close()
  })
}
