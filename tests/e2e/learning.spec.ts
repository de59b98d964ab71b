import type { Browser, Page } from '@playwright/test'
import { moveServerClock, resetServerClock } from './support/clock'
import { contentTopic, fillAnswer, shownTask } from './support/learner'
import { type SignIn, expect, test } from './support/sign-in'

/**
 * The learning journey of issue 4 against the production build: a learner answers tasks
 * in a topic until the daily tier drops and sees the XP breakdown change; the server's
 * clock moves three days forward and a review comes due; the dashboard shows the new
 * level and the streak. Once with JavaScript and once without.
 */
const SUBJECT = 'math'
const TOPIC = 'negative-numbers'
const { tasks, config } = contentTopic(SUBJECT, TOPIC)
const DAY = 24 * 60 * 60 * 1000

test.describe.configure({ mode: 'serial' })
// Other spec files run against the same server: give them back its real clock.
test.afterAll(() => resetServerClock())

async function answerRight(page: Page) {
  const task = await shownTask(page, tasks)
  await fillAnswer(page, task, true)
  await page.getByRole('button', { name: 'Check my answer' }).click()
  await expect(page.getByRole('heading', { name: 'Correct!' })).toBeVisible()
  return page.getByRole('table', { name: 'How the XP for this answer was worked out' })
}

async function journey(page: Page) {
  await page.goto(`/practice/${TOPIC}`)
  await expect(page.getByRole('heading', { level: 1, name: `Practise: ${config.title}` })).toBeVisible()

  // The first dailyFullTasks right answers earn full XP…
  for (let i = 1; i <= config.dailyFullTasks; i++) {
    const breakdown = await answerRight(page)
    await expect(breakdown).toContainText(`Full XP: answer ${i} in this topic today`)
    await page.getByRole('link', { name: 'Next task' }).click()
  }
  // …and the next one less: the breakdown says so.
  const reduced = await answerRight(page)
  await expect(reduced).toContainText(
    `Reduced XP: answer ${config.dailyFullTasks + 1} in this topic today (after ${config.dailyFullTasks})`,
  )
  await expect(reduced).toContainText('× 0.5')

  // The dashboard: a new level in the topic and a one-day streak (the daily goal was met).
  await page.goto('/learn')
  const topics = page.getByRole('region', { name: 'Your topics' })
  await expect(topics.getByRole('listitem').filter({ hasText: config.title }).first()).toContainText('Level 2')
  await expect(page.getByRole('region', { name: 'Streaks' })).toContainText('Daily streak1 day')

  // Nothing to review yet; three days later the first answers have come due.
  await page.goto('/reviews')
  await expect(page.getByText('Nothing is due for review right now.')).toBeVisible()
  moveServerClock(3 * DAY)
  await page.reload()
  await expect(page.getByText(/\d+ reviews? (is|are) due\./)).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible()
  const review = await shownTask(page, tasks)
  await fillAnswer(page, review, true)
  await page.getByRole('button', { name: 'Check my answer' }).click()
  await expect(page.getByRole('heading', { name: 'Correct!' })).toBeVisible()
}

async function learner(browser: Browser, signIn: SignIn, javaScriptEnabled: boolean, name: string) {
  const context = await browser.newContext({ javaScriptEnabled })
  const page = await context.newPage()
  await signIn(page, name)
  return { context, page }
}

test('with JavaScript: the daily tier drops, a review comes due, the dashboard shows level and streak', async ({
  browser,
  signIn,
}) => {
  const { context, page } = await learner(browser, signIn, true, 'tierjs')
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await journey(page)
  expect(errors).toEqual([])
  await context.close()
})

test('without JavaScript: the same journey with plain forms and links', async ({ browser, signIn }) => {
  const { context, page } = await learner(browser, signIn, false, 'tiernojs')
  await journey(page)
  await context.close()
})
