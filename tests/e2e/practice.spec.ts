import type { Browser, Page } from '@playwright/test'
import { ulid } from 'ulid'
import { type ContentTask, contentTopic, fillAnswer, shownTask as shownTaskIn } from './support/learner'
import { expect, test } from './support/sign-in'

/**
 * Practice and the review queue in a real browser against the production build (its
 * content is synced at start): a new learner practises a topic, answers one task right
 * and one wrong, asks for a hint, sees the explanation and the XP breakdown, then opens
 * the review queue — once with JavaScript and once without. The right answers are read
 * from the content files, never from the page (the page must not contain them).
 */

const SUBJECT = 'math'
const TOPIC = 'fractions'
const { tasks: TASKS, config } = contentTopic(SUBJECT, TOPIC)
const TOPIC_TITLE = config.title
const shownTask = (page: Page) => shownTaskIn(page, TASKS)

/** The page must not give the answer away before the learner has answered. */
async function expectNoAnswerInPage(page: Page, task: ContentTask) {
  const html = await page.content()
  expect(html).not.toContain(task.explanation)
  if (task.kind === 'short_text')
    for (const accepted of task.answer as string[])
      expect(html.toLowerCase()).not.toContain(`>${accepted.toLowerCase()}<`)
}

async function journey(page: Page, { javaScript }: { javaScript: boolean }) {
  await page.goto(`/practice/${TOPIC}`)
  await expect(page.getByRole('heading', { level: 1, name: `Practise: ${TOPIC_TITLE}` })).toBeVisible()
  await expect(page.getByText(/Level 1 · 0 XP/)).toBeVisible()

  // 1. A right answer: verdict, explanation, XP and its breakdown.
  const first = await shownTask(page)
  await expectNoAnswerInPage(page, first)
  await fillAnswer(page, first, true)
  if (javaScript) {
    // Hold the answer back a moment to see the button say what is happening.
    await page.route(/\/practice\/[^/?]+\.data/, async (route) => {
      if (route.request().method() === 'POST') await new Promise((resolve) => setTimeout(resolve, 800))
      await route.continue()
    })
    await page.getByRole('button', { name: 'Check my answer' }).click()
    await expect(page.getByRole('button', { name: 'Checking…' })).toBeVisible()
  } else {
    await page.getByRole('button', { name: 'Check my answer' }).click()
  }
  const verdict = page.getByRole('heading', { name: 'Correct!' })
  await expect(verdict).toBeVisible()
  if (javaScript) await expect(verdict).toBeFocused()
  await expect(page.getByText(first.explanation)).toBeVisible()
  const breakdown = page.getByRole('table', { name: 'How the XP for this answer was worked out' })
  await expect(breakdown).toContainText('Earned')
  await expect(page.getByText(/^\+[1-9]\d* XP$/)).toBeVisible()
  await expect(page.getByText(/comes back for review/)).toBeVisible()

  // 2. A wrong answer to the next task: the right answer is shown, no XP.
  await page.getByRole('link', { name: 'Next task' }).click()
  const second = await shownTask(page)
  expect(second.id).not.toBe(first.id)
  await fillAnswer(page, second, false)
  await page.getByRole('button', { name: 'Check my answer' }).click()
  await expect(page.getByRole('heading', { name: 'Not quite.' })).toBeVisible()
  await expect(page.getByText('The right answer')).toBeVisible()
  await expect(page.getByText('+0 XP')).toBeVisible()
  await expect(page.getByText(second.explanation)).toBeVisible()

  // 3. A hint keeps the task and its attempt id, then a right answer still counts.
  await page.getByRole('link', { name: 'Next task' }).click()
  const third = await shownTask(page)
  if (third.hints?.length) {
    const attemptId = await page.locator('input[name="attemptId"]').inputValue()
    await page.getByRole('button', { name: 'Show a hint' }).click()
    await expect(page.getByText(third.hints[0]!)).toBeVisible()
    expect(await page.locator('input[name="taskId"]').inputValue()).toBe(third.id)
    expect(await page.locator('input[name="attemptId"]').inputValue()).toBe(attemptId)
    expect(await page.locator('input[name="hintUsed"]').inputValue()).toBe('1')
  }
  await fillAnswer(page, third, true)
  await page.getByRole('button', { name: 'Check my answer' }).click()
  await expect(page.getByRole('heading', { name: 'Correct!' })).toBeVisible()

  // 4. The review queue: the wrong answer comes back within minutes.
  await page.getByRole('link', { name: 'Review queue' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Reviews' })).toBeVisible()
  await expect(page.getByText('Nothing is due for review right now.')).toBeVisible()
  await expect(page.getByText(/Your next review comes due (later today|tomorrow)\./)).toBeVisible()
}

async function newPage(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ javaScriptEnabled })
  return { context, page: await context.newPage() }
}

test('with JavaScript: practise a topic, right and wrong answers, a hint, then the review queue', async ({
  browser,
  signIn,
}) => {
  const { context, page } = await newPage(browser, true)
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  await signIn(page, 'prac')
  await journey(page, { javaScript: true })
  expect(errors).toEqual([])

  // The same learner through the JSON APIs (the browser's session cookie).
  const stats = await page.request.get(`/api/topics/${TOPIC}/stats`)
  expect(stats.status()).toBe(200)
  expect(await stats.json()).toMatchObject({ attempts: 3, correctAttempts: 2, tasks: { answered: 3 } })
  const task = [...TASKS.values()].find((t) => t.kind === 'numeric')!
  const body = { taskId: task.id, attemptId: ulid(), answer: String(task.answer), isCorrect: false }
  const submitted = await page.request.post('/api/tasks/submit', { data: body })
  expect(submitted.status()).toBe(200)
  expect(await submitted.json()).toMatchObject({ isCorrect: true, replayed: false, explanation: task.explanation })
  expect(await (await page.request.post('/api/tasks/submit', { data: body })).json()).toMatchObject({
    isCorrect: true,
    replayed: true,
  })
  const refused = await page.request.post('/api/tasks/submit', { data: { ...body, attemptId: 'not-a-ulid' } })
  expect(refused.status()).toBe(400)
  expect(Object.keys((await refused.json()).fieldErrors)).toEqual(['attemptId'])
  await context.close()
})

test('without JavaScript: the same with plain forms and links', async ({ browser, signIn }) => {
  const { context, page } = await newPage(browser, false)
  await signIn(page, 'pnojs')
  await journey(page, { javaScript: false })
  await context.close()
})

test('a signed-out visitor is sent to log in, and the APIs answer 401 JSON', async ({ page, request }) => {
  await page.goto(`/practice/${TOPIC}`)
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fpractice%2Ffractions/)
  const api = await request.get(`/api/xp/user?topicSlug=${TOPIC}`)
  expect(api.status()).toBe(401)
  expect(await api.json()).toEqual({ error: expect.any(String) })
})
