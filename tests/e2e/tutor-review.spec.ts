import type { Client } from '@libsql/client'
import type { Page } from '@playwright/test'
import { libraryDocument } from './support/library'
import { expect, run, test } from './support/sign-in'

/**
 * From conversation to memory in a real browser (docs/tutor.md): a learner asks the tutor about a
 * document of the platform library, gets a cited answer, makes a review card from the cited
 * passage, and answers it on /reviews, where the source passage shows after answering — once
 * with JavaScript and once without. The document is written straight into the e2e server's
 * database (a library document, readable by every learner), with a word of its own per run and
 * pass so the tutor finds this passage and no other.
 */

const pressureHandbook = (db: Client, word: string) =>
  libraryDocument(db, {
    title: `Pressure handbook ${word}`,
    source: `https://example.org/${word}`,
    heading: 'Valves',
    passage: `The ${word} valve opens when the pressure rises above two bar. Below that it stays closed.`,
  })

async function journey(page: Page, db: Client, word: string) {
  const doc = await pressureHandbook(db, word)
  await page.goto('/tutor')
  await page.getByLabel('Your question').fill(`When does the ${word} valve open?`)
  await page.getByRole('button', { name: 'Ask' }).click()
  const sources = page.getByRole('region', { name: 'Sources' }).last()
  await expect(sources.getByRole('link', { name: doc.title })).toBeVisible()
  const conversation = page.url()

  // Make a review card from the cited passage (other runs' library documents may be cited too):
  // the question is filled in, the answer edited.
  const item = sources.getByRole('listitem').filter({ has: page.getByRole('link', { name: doc.title }) })
  await item.getByText('Make review cards').click()
  const form = item.getByRole('form', { name: /^Make a review card from source \d$/ })
  await expect(form.getByLabel('Question on the card')).toHaveValue(`When does the ${word} valve open?`)
  await form.getByLabel('Accepted answers').fill('above two bar\nabove 2 bar')
  await form.getByRole('button', { name: 'Save review card' }).click()
  await expect(page.getByText('Review card saved: it is due now on your reviews.')).toBeVisible()

  // It is due now on /reviews; the source passage shows only after answering.
  await page.goto('/reviews')
  await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible()
  await expect(page.getByText(`When does the ${word} valve open?`).first()).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Where this comes from' })).toHaveCount(0)
  await page.getByLabel('Your answer').fill('Above 2 bar')
  await page.getByRole('button', { name: 'Check my answer' }).click()
  await expect(page.getByRole('heading', { name: 'Correct!' })).toBeVisible()
  const source = page.getByRole('region', { name: 'Where this comes from' })
  await expect(source.getByText(doc.passage)).toBeVisible()
  await expect(source.getByRole('link', { name: doc.title })).toHaveAttribute('href', `https://example.org/${word}`)
  await expect(source.getByText('Valves')).toBeVisible()

  // The mastery page charts the document's concept with the tutor answer as evidence.
  await page.goto('/progress/mastery')
  await expect(page.getByRole('heading', { level: 2, name: doc.title })).toBeVisible()
  await expect(page.getByRole('img', { name: `Mastery of ${doc.title} over time` })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Made a review card from a tutor answer' })).toBeVisible()

  // The citation opens the document's page at the cited passage.
  await page.goto(conversation)
  await page.getByRole('region', { name: 'Sources' }).last().getByRole('link', { name: doc.title }).click()
  await expect(page).toHaveURL(/\/documents\/[0-9A-Z]{26}#chunk-[0-9A-Z]{26}$/)
  await expect(page.getByRole('heading', { level: 1, name: doc.title })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Valves' })).toBeVisible()
  await expect(page.locator(':target')).toHaveText(doc.passage)
}

test('a learner turns a cited tutor answer into a review card and reviews it with its source', async ({
  page,
  signIn,
  e2eDatabase,
}) => {
  await signIn(page, 'Memory')
  await journey(page, e2eDatabase, `zyx${run}js`)
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })
  test('the same, with plain form posts', async ({ page, signIn, e2eDatabase }) => {
    await signIn(page, 'MemoryNoJs')
    await journey(page, e2eDatabase, `zyx${run}nojs`)
  })
})
