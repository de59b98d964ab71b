import type { Page } from '@playwright/test'
import { whenInteractive } from './support/hydration'
import { expect, run, test } from './support/sign-in'

/**
 * Knowledge ingestion: a team owner uploads a Markdown document on the team's documents page and
 * watches its job go to "Completed" with its chunk count (the worker is kicked at once, the page
 * refreshes itself); without JavaScript the upload works too and the job's row appears.
 */

const markdown = (topic: string) =>
  `# ${topic}\n\n${Array.from({ length: 12 }, (_, i) => `Sentence ${i} about ${topic} and how to practise it.`).join(' ')}\n\n## More\n\nA second section about ${topic}.\n`

async function newTeam(page: Page, name: string): Promise<string> {
  await page.goto('/teams')
  await page.getByLabel('Team name').fill(name)
  await page.getByRole('button', { name: 'Create team' }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  return new URL(page.url()).pathname.split('/').pop()!
}

async function upload(page: Page, file: string, topic: string) {
  await page.getByLabel('File to upload', { exact: true }).setInputFiles({
    name: file,
    mimeType: 'text/markdown',
    buffer: Buffer.from(markdown(topic)),
  })
  await page.getByRole('button', { name: 'Upload', exact: true }).click()
}

test('an owner uploads a Markdown document and watches its job complete with its chunks', async ({ page, signIn }) => {
  await signIn(page, 'docowner')
  await page.goto('/teams')
  await whenInteractive(page)
  const teamId = await newTeam(page, `Readers ${run}`)
  await page.getByRole('link', { name: 'Documents', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible()
  await whenInteractive(page)
  await upload(page, 'fractions.md', 'Fractions')
  await expect(page.getByRole('status').first()).toContainText('being processed')
  const row = page.getByRole('row', { name: /Fractions/ })
  // The upload kicks the worker at once: well before the scheduler's 30-second tick.
  await expect(row).toContainText('Completed', { timeout: 15_000 })
  await expect(row.getByRole('cell').nth(2)).toHaveText(/^[1-9]\d* \/ [1-9]\d*$/)
  expect(page.url()).toContain(`/teams/${teamId}/documents`)
})

test('without JavaScript the upload works and the job row appears', async ({ browser, signIn }) => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  const page = await context.newPage()
  await signIn(page, 'docnojs')
  const teamId = await newTeam(page, `No script ${run}`)
  await page.goto(`/teams/${teamId}/documents`)
  await upload(page, 'decimals.md', 'Decimals')
  await expect(page.getByRole('row', { name: /Decimals/ })).toBeVisible()
  await context.close()
})
