import type { Browser, Page } from '@playwright/test'
import { ulid } from 'ulid'
import { whenInteractive } from './support/hydration'
import { contentTopic, fillAnswer, shownTask } from './support/learner'
import { type SignIn, expect, test } from './support/sign-in'

/**
 * Quests in a real browser against the production build: a learner creates a quest with
 * three steps, starts it, ticks the steps, completes it and sees the XP once (with and
 * without JavaScript); a team instructor assigns a quest, the member finishes it, and the
 * team page shows who finished; without JavaScript, a quest's learning step ticks itself from
 * answers in practice, whose feedback shows the step and the achievement the answer unlocked.
 */

const { tasks: FRACTIONS } = contentTopic('math', 'fractions')

async function learner(browser: Browser, signIn: SignIn, javaScriptEnabled: boolean, name: string) {
  const context = await browser.newContext({ javaScriptEnabled })
  const page = await context.newPage()
  const who = await signIn(page, name)
  return { context, page, who }
}

const toast = (page: Page) => page.getByRole('status')

async function createQuest(page: Page, title: string, steps: string[]) {
  await page.goto('/quests')
  await whenInteractive(page)
  const form = page.getByRole('form', { name: 'New quest' })
  await form.getByLabel('Title', { exact: true }).fill(title)
  await form.getByLabel('Difficulty').selectOption('hard')
  await form.getByLabel('Estimated minutes').fill('25')
  await form.getByLabel('Steps (optional)').fill(steps.join('\n'))
  await form.getByRole('button', { name: 'Create quest' }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expect(toast(page)).toContainText('Your quest was created.')
}

async function finishQuest(page: Page, steps: string[]) {
  await page.getByRole('button', { name: 'Start', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Status: In progress' })).toBeVisible()
  for (const step of steps) {
    await page.getByRole('button', { name: new RegExp(`^Mark as done\\s+${step}$`) }).click()
    await expect(page.getByRole('button', { name: new RegExp(`^Mark as not done\\s+${step}$`) })).toBeVisible()
  }
  await expect(page.getByRole('heading', { name: /Steps \(3 of 3 done\)/ })).toBeVisible()
  await page.getByRole('button', { name: 'Complete quest' }).click()
  await expect(toast(page)).toContainText('Quest completed: +5 XP.')
  await expect(page.getByRole('heading', { name: 'Status: Completed' })).toBeVisible()
}

async function journey(page: Page, title: string) {
  const steps = ['Gather notes', 'Write summary', 'Share it']
  await createQuest(page, title, steps)
  // reordered with the up and down buttons
  await page.getByRole('button', { name: /^Move up\s+Write summary$/ }).click()
  await expect(page.locator('.quest-steps li').first()).toContainText('Write summary')
  await finishQuest(page, steps)
  await expect(page.locator('.facts')).toContainText('5 XP')
  // a reopened quest completed again pays nothing more
  await page.getByRole('button', { name: 'Reopen' }).click()
  await page.getByRole('button', { name: 'Complete quest' }).click()
  await expect(toast(page)).toContainText('its XP was paid the first time')
  await page.getByLabel(/Satisfaction/).selectOption('5')
  await page.getByRole('button', { name: 'Save rating' }).click()
  await expect(toast(page)).toContainText('Thank you for rating')
  await page.getByRole('link', { name: 'Quests', exact: true }).click()
  await expect(page).toHaveURL(/\/quests$/)
  await page.getByRole('combobox', { name: 'Status' }).selectOption('completed')
  await page.getByRole('button', { name: 'Filter' }).click()
  await expect(page.getByRole('link', { name: title })).toBeVisible()
}

test('with JavaScript: create a quest with three steps, start, tick, complete and see the XP once', async ({
  browser,
  signIn,
}) => {
  const { context, page } = await learner(browser, signIn, true, 'questjs')
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await journey(page, 'Tidy my study notes')
  expect(errors).toEqual([])
  await context.close()
})

test('without JavaScript: the same with plain forms', async ({ browser, signIn }) => {
  const { context, page } = await learner(browser, signIn, false, 'questnojs')
  await journey(page, 'Tidy my notes without scripts')
  await context.close()
})

test('an instructor assigns a quest; the member finishes it; the team page shows who finished', async ({
  browser,
  signIn,
  e2eDatabase,
}) => {
  const coach = await learner(browser, signIn, true, 'coach')
  const student = await learner(browser, signIn, true, 'student')
  const teacher = await learner(browser, signIn, true, 'teacher')

  // The coach creates the team; the student and the teacher join it (written directly: invitations have their own spec).
  await coach.page.goto('/teams')
  await whenInteractive(coach.page)
  await coach.page.getByLabel('Team name').fill('Quest Squad')
  await coach.page.getByRole('button', { name: 'Create team' }).click()
  await expect(coach.page.getByRole('heading', { level: 1, name: 'Quest Squad' })).toBeVisible()
  const teamId = new URL(coach.page.url()).pathname.split('/').pop()!
  const at = new Date().toISOString().replace('Z', '+00:00')
  for (const [userId, role] of [
    [student.who.id, 'member'],
    [teacher.who.id, 'instructor'],
  ] as const) {
    await e2eDatabase.execute({
      sql: `INSERT INTO "TeamMember" ("id", "teamId", "userId", "role", "joinedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
      args: [ulid(), teamId, userId, role, at, at, at],
    })
  }

  // The instructor assigns a quest to the student.
  const { page } = teacher
  await page.goto(`/teams/${teamId}`)
  await page.getByRole('link', { name: 'Assign a quest' }).click()
  await whenInteractive(page)
  await page.getByLabel(student.who.name).check()
  await page.getByLabel('Title', { exact: true }).fill('Read the handbook')
  await page.getByLabel('Steps (optional)').fill('Chapter 1\nChapter 2\nChapter 3')
  await page.getByLabel('Due date (optional)').fill('2030-01-31')
  await page.getByRole('button', { name: 'Assign quest' }).click()
  await expect(toast(page)).toContainText('The quest was assigned to 1 member.')
  const section = page.getByRole('region', { name: 'Assigned quests' })
  await expect(section).toContainText('Read the handbook')
  await expect(section).toContainText('0 of 1 finished')

  // The student sees it beside their own quests and finishes it.
  await student.page.goto('/quests')
  await expect(student.page.getByRole('heading', { name: 'Assigned by your teams' })).toBeVisible()
  await student.page.getByRole('link', { name: 'Read the handbook' }).click()
  await expect(student.page.locator('.facts')).toContainText('Quest Squad')
  await finishQuest(student.page, ['Chapter 1', 'Chapter 2', 'Chapter 3'])

  // The team page shows who finished.
  await page.goto(`/teams/${teamId}`)
  await expect(section).toContainText('1 of 1 finished')
  await expect(section.getByRole('row', { name: new RegExp(student.who.name) })).toContainText('Completed')
  for (const person of [coach, student, teacher]) await person.context.close()
})

test('without JavaScript: a learning step ticks itself from practice; the feedback shows it and an unlock; the quest pays once', async ({
  browser,
  signIn,
}) => {
  const { context, page } = await learner(browser, signIn, false, 'questlearner')
  const steps = ['Read the notes', 'Try the examples', 'Ask a question']
  await page.goto('/quests')
  const form = page.getByRole('form', { name: 'New quest' })
  await form.getByLabel('Title', { exact: true }).fill('Fractions sprint')
  await form.getByLabel('Estimated minutes').fill('20')
  await form.getByLabel('Steps (optional)').fill(steps.join('\n'))
  await form.getByLabel('Kind of learning step').selectOption('answer_tasks')
  await form.getByLabel('Title of the learning step (optional)').fill('Two right fraction answers')
  await form.getByLabel('Topic (for answers and levels)').selectOption({ label: 'Fractions' })
  await form.getByLabel('Number of correct answers').fill('2')
  await form.getByRole('button', { name: 'Create quest' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Fractions sprint' })).toBeVisible()
  const questUrl = page.url()
  await page.getByRole('button', { name: 'Start', exact: true }).click()
  for (const step of steps) await page.getByRole('button', { name: new RegExp(`^Mark as done\\s+${step}$`) }).click()
  // The learning step cannot be ticked by hand.
  await expect(page.getByRole('button', { name: /Mark as done\s+Two right fraction answers/ })).toHaveCount(0)

  await page.goto('/practice/fractions')
  const first = await shownTask(page, FRACTIONS)
  await fillAnswer(page, first, true)
  await page.getByRole('button', { name: 'Check my answer' }).click()
  await expect(page.getByRole('heading', { name: 'Correct!' })).toBeVisible()
  await expect(page.getByRole('status', { name: /^(Achievement|\d+ achievements) unlocked$/ })).toContainText(
    'First steps',
  )
  await expect(page.getByRole('status', { name: 'Quest steps done' })).toHaveCount(0)

  await page.getByRole('link', { name: 'Next task' }).click()
  const second = await shownTask(page, FRACTIONS)
  await fillAnswer(page, second, true)
  await page.getByRole('button', { name: 'Check my answer' }).click()
  await expect(page.getByRole('status', { name: 'Quest steps done' })).toContainText(
    'Fractions sprint: Two right fraction answers',
  )
  // An achievement is announced by one answer only.
  await expect(page.getByText('First steps')).toHaveCount(0)

  await page.goto(questUrl)
  await expect(page.getByRole('heading', { name: /Steps \(4 of 4 done\)/ })).toBeVisible()
  await page.getByRole('button', { name: 'Complete quest' }).click()
  await expect(toast(page)).toContainText(/Quest completed: \+\d+ XP\./)
  const paid = /\+(\d+) XP/.exec((await toast(page).first().textContent()) ?? '')?.[1]
  expect(Number(paid)).toBeGreaterThan(5) // learning work pays more than a plain quest's 5 XP
  await page.getByRole('button', { name: 'Reopen' }).click()
  await page.getByRole('button', { name: 'Complete quest' }).click()
  await expect(toast(page)).toContainText('its XP was paid the first time')
  await context.close()
})
