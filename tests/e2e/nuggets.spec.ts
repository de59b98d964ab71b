import { ulid } from 'ulid'
import { whenInteractive } from './support/hydration'
import { expect, run, test } from './support/sign-in'

/**
 * Nuggets: an instructor uploads a small Markdown document, sees the proposals ingestion made
 * from its sections, edits one, adds a multiple-choice practice task and publishes it; a learner
 * of the team opens the lesson, answers the task right on the practice page and sees the XP.
 */

const PHOTO =
  'Plants make sugar from light in a process called photosynthesis. Chlorophyll in the leaves absorbs the light. ' +
  'The leaves take carbon dioxide from the air and water from the roots. Photosynthesis releases oxygen. ' +
  'The sugar made by photosynthesis feeds the whole plant and is stored as starch in the roots.'
const RESP =
  'Cells burn sugar to release energy in a process called respiration. Respiration needs oxygen and releases carbon dioxide. ' +
  'It happens in the mitochondria of every cell, day and night. ' +
  'Without respiration a cell has no energy for its work, so it cannot grow or repair itself.'

const sqlDate = (date: Date) => date.toISOString().replace('Z', '+00:00')

test('an instructor publishes a proposed nugget with a practice task; a learner answers it and earns XP', async ({
  browser,
  signIn,
  e2eDatabase,
}) => {
  const teacher = await browser.newContext()
  const page = await teacher.newPage()
  await signIn(page, 'nuggetteacher')
  await page.goto('/teams')
  await whenInteractive(page)
  const teamName = `Biology ${run}`
  await page.getByLabel('Team name').fill(teamName)
  await page.getByRole('button', { name: 'Create team' }).click()
  await expect(page.getByRole('heading', { level: 1, name: teamName })).toBeVisible()
  const teamId = new URL(page.url()).pathname.split('/').pop()!

  await page.goto(`/teams/${teamId}/documents`)
  await whenInteractive(page)
  await page.getByLabel('File to upload', { exact: true }).setInputFiles({
    name: 'biology.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from(`# Photosynthesis\n\n${PHOTO}\n\n# Respiration\n\n${RESP}\n`),
  })
  await page.getByRole('button', { name: 'Upload', exact: true }).click()
  await expect(page.getByRole('row', { name: /biology/ })).toContainText('Completed', { timeout: 20_000 })

  // The proposals, one per section.
  await page.getByRole('link', { name: 'nuggets' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Nuggets' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Respiration' })).toBeVisible()
  await page.getByRole('link', { name: 'Photosynthesis' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Photosynthesis' })).toBeVisible()
  await whenInteractive(page)

  // Edit it.
  const title = `Light into sugar ${run}`
  await page.getByLabel('Title', { exact: true }).fill(title)
  await page
    .getByLabel('Key points, one per line')
    .fill(
      'Chlorophyll absorbs light.\nPhotosynthesis releases oxygen. ' +
        'The sugar made by photosynthesis feeds the whole plant and is stored as starch in the roots.',
    )
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()

  // Add a practice task.
  const add = page.getByRole('form', { name: 'Add a practice task' })
  await add.getByLabel('Question').fill('What do plants make from light?')
  await add.getByLabel('Options (multiple choice), one per line').fill('Salt\nSugar\nStone')
  await add.getByLabel('Number of the right option (multiple choice)').fill('2')
  await add.getByRole('button', { name: 'Add task' }).click()
  await expect(page.getByText('Task 1: What do plants make from light?')).toBeVisible()

  // Publish.
  await page.getByRole('button', { name: 'Publish', exact: true }).click()
  await expect(page.getByRole('link', { name: 'open the lesson' })).toBeVisible()
  const lessonPath = new URL(
    (await page.getByRole('link', { name: 'open the lesson' }).getAttribute('href'))!,
    page.url(),
  ).pathname
  await teacher.close()

  // A learner of the team.
  const learnerContext = await browser.newContext()
  const learner = await learnerContext.newPage()
  const who = await signIn(learner, 'nuggetlearner')
  const at = sqlDate(new Date())
  await e2eDatabase.execute({
    sql: `INSERT INTO "TeamMember" ("id", "teamId", "userId", "role", "joinedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, 'member', ?, ?, ?)`,
    args: [ulid(), teamId, who.id, at, at, at],
  })
  await learner.goto('/lessons')
  await learner.getByRole('link', { name: title }).click()
  await expect(learner.getByRole('heading', { level: 1, name: title })).toBeVisible()
  expect(new URL(learner.url()).pathname).toBe(lessonPath)
  await expect(learner.getByRole('region', { name: 'Key points' })).toContainText('Chlorophyll absorbs light.')
  await learner.getByRole('link', { name: 'What do plants make from light?' }).click()
  await expect(learner.getByRole('button', { name: 'Check my answer' })).toBeVisible()
  await whenInteractive(learner)
  await learner.getByLabel('Sugar', { exact: true }).check()
  await learner.getByRole('button', { name: 'Check my answer' }).click()
  await expect(learner.getByRole('heading', { name: 'Correct!' })).toBeVisible()
  await expect(learner.getByText(/^\+[1-9]\d* XP$/)).toBeVisible()
  await learnerContext.close()
})
