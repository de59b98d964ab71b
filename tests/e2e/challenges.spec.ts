import { execFileSync } from 'node:child_process'
import type { Browser, Page } from '@playwright/test'
import { moveServerClock, resetServerClock } from './support/clock'
import { whenInteractive } from './support/hydration'
import { contentTopic, fillAnswer, shownTask } from './support/learner'
import { addToTeam } from './support/mastery'
import { E2E_CLOCK_FILE, E2E_DATABASE_FILE } from './support/server-env.mjs'
import { type SignIn, expect, test } from './support/sign-in'

/**
 * A team challenge in a real browser against the production build: the team's owner creates it,
 * two members join (one of them without JavaScript) and answer tasks of its topic; the board
 * orders them. Then the period ends — the server clock moves past the end and the
 * 'challenges:finalize' job runs (through `npm run challenges:finalize`, which reads the same
 * moved clock, instead of waiting up to an hour for the scheduler) — and the winner's badge
 * appears on their trophy page.
 */

const TOPIC = 'fractions'
const { tasks: TASKS, config } = contentTopic('math', TOPIC)
const HOUR = 60 * 60 * 1000
/** "YYYY-MM-DDTHH:MM" in UTC (the test learners' time zone). */
const local = (date: Date) => date.toISOString().slice(0, 16)

async function person(browser: Browser, signIn: SignIn, name: string, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled })
  const page = await context.newPage()
  const who = await signIn(page, name)
  return { context, page, who }
}

/** Answers `right` tasks of the topic correctly on the practice page. */
async function practise(page: Page, right: number) {
  await page.goto(`/practice/${TOPIC}`)
  for (let i = 0; i < right; i++) {
    if (i > 0) await page.getByRole('link', { name: 'Next task' }).click()
    const task = await shownTask(page, TASKS)
    await fillAnswer(page, task, true)
    await page.getByRole('button', { name: 'Check my answer' }).click()
    await expect(page.getByRole('heading', { name: 'Correct!' })).toBeVisible()
  }
}

/** The finalisation job, now, on the e2e server's database and clock. */
function finalizeNow() {
  return execFileSync('npx', ['tsx', 'scripts/challenges-finalize.ts'], {
    env: { ...process.env, DATABASE_URL: `file:./${E2E_DATABASE_FILE}`, TEST_CLOCK_FILE: E2E_CLOCK_FILE },
    encoding: 'utf8',
  })
}

test.afterEach(() => resetServerClock())

test('two members join a team challenge, the board orders them, and the winner gets a badge when it ends', async ({
  browser,
  signIn,
  e2eDatabase,
}) => {
  test.setTimeout(90_000)
  const owner = await person(browser, signIn, 'coach')
  const ada = await person(browser, signIn, 'ada')
  const bo = await person(browser, signIn, 'bo', false)

  // The owner's team, with the two learners as members.
  await owner.page.goto('/teams')
  await whenInteractive(owner.page)
  await owner.page.getByLabel('Team name').fill('Challenge Crew')
  await owner.page.getByRole('button', { name: 'Create team' }).click()
  await expect(owner.page.getByRole('heading', { level: 1, name: 'Challenge Crew' })).toBeVisible()
  const teamId = new URL(owner.page.url()).pathname.split('/').pop()!
  for (const member of [ada, bo]) await addToTeam(e2eDatabase, teamId, member.who.id, 'member')

  // The owner makes an XP challenge on fractions, running from an hour ago for two hours more.
  await owner.page.goto('/challenges')
  await whenInteractive(owner.page)
  const now = Date.now()
  await owner.page.getByLabel('Title').fill('Fraction sprint')
  await owner.page.getByLabel('For').selectOption({ label: 'Team Challenge Crew' })
  await owner.page.getByLabel('Scoring').selectOption('xp')
  await owner.page.getByLabel('Starts').fill(local(new Date(now - HOUR)))
  await owner.page.getByLabel('Ends').fill(local(new Date(now + 2 * HOUR)))
  await owner.page.getByLabel(config.title, { exact: true }).check()
  await owner.page.getByRole('button', { name: 'Create challenge' }).click()
  await expect(owner.page.getByRole('heading', { level: 1, name: 'Fraction sprint' })).toBeVisible()
  await expect(owner.page.getByTestId('time-left')).toContainText('hour')
  const challengePath = new URL(owner.page.url()).pathname

  // The team page lists it.
  await owner.page.goto(`/teams/${teamId}`)
  await expect(
    owner.page.getByRole('region', { name: 'Challenges' }).getByRole('link', { name: 'Fraction sprint' }),
  ).toBeVisible()

  // Both join (Bo without JavaScript) and answer: Ada two right answers, Bo one.
  for (const member of [ada, bo]) {
    await member.page.goto(challengePath)
    await member.page.getByRole('button', { name: 'Join the challenge' }).click()
    await expect(member.page.getByRole('button', { name: 'Leave the challenge' })).toBeVisible()
  }
  await practise(ada.page, 2)
  await practise(bo.page, 1)

  await ada.page.goto(challengePath)
  const board = ada.page.getByRole('table', { name: 'Leaderboard of Fraction sprint' })
  const rows = board.getByRole('row')
  await expect(rows.nth(1)).toContainText(ada.who.name)
  await expect(rows.nth(1)).toContainText('(you)')
  await expect(rows.nth(2)).toContainText(bo.who.name)
  await expect(ada.page.getByTestId('my-rank')).toContainText('Your rank: 1')
  await bo.page.goto(challengePath)
  await expect(bo.page.getByTestId('my-rank')).toContainText('Your rank: 2')
  await expect(bo.page.getByRole('img', { name: /XP earned by day/ })).toBeVisible()

  // The period ends: the server's clock moves past the end; joining is refused, the job finalises.
  moveServerClock(3 * HOUR)
  await owner.page.goto(challengePath)
  await expect(owner.page.getByText('This challenge has ended')).toBeVisible()
  await expect(owner.page.getByRole('button', { name: 'Join the challenge' })).toHaveCount(0)
  // (the server's own scheduler may have got there first: then this run finds nothing left)
  expect(finalizeNow()).toMatch(/finalised [01] challenge/)
  expect(finalizeNow()).toContain('finalised 0 challenge') // a second run changes nothing

  await ada.page.goto(challengePath)
  await expect(ada.page.getByText('the standings are final')).toBeVisible()
  await ada.page.goto('/achievements')
  const badges = ada.page.getByRole('region', { name: 'Badges' })
  await expect(badges.getByText('Challenge winner')).toBeVisible()
  await expect(badges.getByText('Finisher')).toBeVisible()
  // each badge names the challenge it came from: the winner's and the finisher's
  await expect(badges.getByRole('link', { name: 'Fraction sprint' })).toHaveCount(2)
  await bo.page.goto('/achievements')
  await expect(bo.page.getByRole('region', { name: 'Badges' }).getByText('Podium')).toBeVisible()
})
