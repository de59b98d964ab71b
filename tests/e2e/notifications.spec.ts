import { contentTopic, fillAnswer, shownTask } from './support/learner'
import { expect, test } from './support/sign-in'

/**
 * Notification preferences and the in-app centre in a real browser: a learner turns e-mail off
 * and in-app on for "Achievement unlocked", earns "First steps" by answering a task right, sees
 * the unread count in the navigation and the notification in the centre, opens it (which marks
 * it read), and the dev mailbox holds no e-mail about it.
 */

const { tasks: TASKS } = contentTopic('math', 'fractions')

test('an achievement notifies in-app only when the learner turned its e-mail off', async ({ page, signIn }) => {
  const learner = await signIn(page, 'notified')
  await page.goto('/settings/notifications')
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible()
  const email = page.getByRole('checkbox', { name: 'Achievement unlocked: E-mail' })
  const inApp = page.getByRole('checkbox', { name: 'Achievement unlocked: In-app' })
  await expect(email).toBeChecked()
  await email.uncheck()
  await inApp.check()
  await page.getByRole('button', { name: 'Save notification settings' }).click()
  await expect(page.getByText('Your notification settings were saved.')).toBeVisible()
  await expect(email).not.toBeChecked()
  await expect(inApp).toBeChecked()

  const nav = page.getByRole('navigation', { name: 'Main' })
  await expect(nav.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible()

  await page.goto('/practice/fractions')
  const task = await shownTask(page, TASKS)
  await fillAnswer(page, task, true)
  await page.getByRole('button', { name: 'Check my answer' }).click()
  await expect(page.getByRole('heading', { name: 'Correct!' })).toBeVisible()

  // The badge counts it once the next page loads.
  await page.goto('/learn')
  const badge = nav.getByRole('link', { name: /^Notifications, \d+ unread$/ })
  await expect(badge).toBeVisible()
  // one answer can unlock more than one achievement
  const unread = Number(/(\d+) unread/.exec((await badge.getAttribute('aria-label'))!)![1])
  await expect(badge.locator('.nav-unread')).toHaveText(String(unread))
  await badge.click()
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible()
  const item = page.getByRole('listitem').filter({ hasText: 'Achievement unlocked: First steps' })
  await expect(item).toBeVisible()
  await item.getByRole('button', { name: /^Open/ }).click()
  await expect(page).toHaveURL(/\/achievements$/)
  // opening it marked it read
  await expect(
    nav.getByRole('link', {
      name: unread === 1 ? 'Notifications' : `Notifications, ${unread - 1} unread`,
      exact: true,
    }),
  ).toBeVisible()

  // No e-mail about it: with e-mail off for the type, no e-mail delivery was even recorded.
  await page.goto('/dev/mailbox')
  await expect(page.getByRole('heading', { name: /mailbox/i }).first()).toBeVisible()
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: learner.email })
      .filter({ hasText: /Achievement/ }),
  ).toHaveCount(0)
})
