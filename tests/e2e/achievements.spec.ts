import { contentTopic, fillAnswer, shownTask } from './support/learner'
import { expect, test } from './support/sign-in'

/**
 * The trophy page in a real browser against the production build (the achievements catalogue
 * is synced at start like the content): a new learner answers one task right, which unlocks
 * "First steps" (content/achievements/xp.json, 1 XP), then opens "Trophies" and finds it earned
 * with its date (announced first on the answer's feedback), the others with labelled progress bars, the secret ones as "???", and rarity
 * as a share of active learners.
 */

const { tasks: TASKS } = contentTopic('math', 'fractions')

test('a learner earns "First steps" by practising and finds it on the trophy page', async ({ page, signIn }) => {
  await signIn(page, 'trophies')
  await page.goto('/practice/fractions')
  const task = await shownTask(page, TASKS)
  await fillAnswer(page, task, true)
  await page.getByRole('button', { name: 'Check my answer' }).click()
  await expect(page.getByRole('heading', { name: 'Correct!' })).toBeVisible()
  await expect(page.getByRole('status', { name: /^(Achievement|\d+ achievements) unlocked$/ })).toContainText(
    'First steps',
  )

  await page.getByRole('navigation').getByRole('link', { name: 'Trophies', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Your trophies' })).toBeVisible()

  const earned = page.getByRole('region', { name: 'Earned' })
  const first = earned.getByRole('listitem').filter({ hasText: 'First steps' })
  await expect(first).toBeVisible()
  await expect(first).toContainText('Common')
  await expect(first).toContainText(/Earned on \d{1,2} \w{3} \d{4}/)
  await expect(first).toContainText(/held by \d+ % of active learners/)

  // Locked: a progress bar named after the achievement, its numbers in words (first answer's XP of 100).
  const century = page.getByRole('progressbar', { name: 'Century: progress' })
  await expect(century).toHaveAttribute('aria-valuetext', /^\d+ \/ 100 XP \(\d+%\)$/)
  await expect(page.getByRole('region', { name: 'Still to earn' })).toContainText('Earn 100 XP.')

  // Secrets: "???" with a rarity, no name.
  const secrets = page.getByRole('region', { name: 'Secret' })
  await expect(secrets.getByRole('heading', { name: '???' }).first()).toBeVisible()
  await expect(secrets).not.toContainText('Circuit whisperer')

  // The dashboard lists it under "Recent achievements".
  await page.getByRole('navigation').getByRole('link', { name: 'Learn', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Recent achievements' })).toContainText('First steps')
})
