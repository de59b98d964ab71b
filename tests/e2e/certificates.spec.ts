import type { Browser } from '@playwright/test'
import { whenInteractive } from './support/hydration'
import { addToTeam, seedMastery } from './support/mastery'
import { type SignIn, expect, test } from './support/sign-in'

/**
 * Team certificates in a real browser against the production build: a team admin defines a
 * certificate, a member whose mastery meets it is issued one, and its verify URL opens in a
 * signed-out browser showing the holder's name and the evidence; after the admin revokes it,
 * the same URL says "Revoked" with the reason. The member finds it under Certificates, with
 * its PDF.
 */

async function person(browser: Browser, signIn: SignIn, name: string) {
  const context = await browser.newContext()
  const page = await context.newPage()
  const who = await signIn(page, name)
  return { context, page, who }
}

const CONCEPT = 'fractions.add-subtract'

test('an admin issues a certificate to a member who meets it; the verify URL shows it signed out, then "revoked"', async ({
  browser,
  signIn,
  e2eDatabase,
}) => {
  const admin = await person(browser, signIn, 'certadmin')
  const holder = await person(browser, signIn, 'certholder')

  // The admin's team, with the holder as a member whose answers made the concept Proficient.
  const { page } = admin
  await page.goto('/teams')
  await whenInteractive(page)
  await page.getByLabel('Team name').fill('Certified Crew')
  await page.getByRole('button', { name: 'Create team' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Certified Crew' })).toBeVisible()
  const teamId = new URL(page.url()).pathname.split('/').pop()!
  await addToTeam(e2eDatabase, teamId, holder.who.id, 'member')
  await seedMastery(e2eDatabase, holder.who.id, CONCEPT, { level: 'proficient', mastery: 92 })

  // Define the certificate on the team page.
  await page.goto(`/teams/${teamId}`)
  await whenInteractive(page)
  const define = page.getByRole('form', { name: 'Define a certificate' })
  await define.getByLabel('Name').fill('Fraction adder')
  await define.getByLabel('Concepts (optional)').fill(CONCEPT)
  await define.getByLabel('Mastery required in each concept').selectOption('proficient')
  await define.getByRole('button', { name: 'Define certificate' }).click()
  await expect(page.getByRole('status').first()).toContainText('The certificate “Fraction adder” was defined.')

  // The holder meets it: issue it.
  const section = page.getByRole('region', { name: 'Certificates' })
  await section.getByRole('button', { name: `Issue “Fraction adder” to ${holder.who.name}` }).click()
  await expect(page.getByRole('status').first()).toContainText(`“Fraction adder” was issued to ${holder.who.name}.`)
  const verifyLink = page.getByRole('region', { name: 'Certificates' }).getByRole('link', { name: 'Fraction adder' })
  const verifyPath = await verifyLink.getAttribute('href')
  expect(verifyPath).toMatch(/^\/certificates\/verify\/[a-z2-7]{26}$/)

  // Anyone, signed out, can check it.
  const stranger = await browser.newContext()
  const publicPage = await stranger.newPage()
  await publicPage.goto(verifyPath!)
  await expect(publicPage.getByRole('heading', { level: 1, name: 'Certificate check' })).toBeVisible()
  await expect(publicPage.getByTestId('certificate-holder')).toHaveText(holder.who.name)
  await expect(publicPage.getByText('Certified Crew').first()).toBeVisible()
  await expect(publicPage.getByRole('status')).toContainText('Valid')
  const evidence = publicPage.getByRole('region', { name: 'Evidence at issue' })
  await expect(evidence.getByRole('row', { name: new RegExp(CONCEPT) })).toContainText('Proficient (92 %)')
  const html = await publicPage.content()
  expect(html).not.toContain(holder.who.email)
  expect(html).not.toContain(holder.who.id)

  // The holder finds it under Certificates, printable and as a PDF.
  await holder.page.goto('/certificates')
  await holder.page.getByRole('link', { name: 'Fraction adder' }).click()
  await expect(holder.page.getByRole('link', { name: /\/certificates\/verify\// })).toBeVisible()
  const pdfHref = await holder.page.getByRole('link', { name: 'Download PDF' }).getAttribute('href')
  const pdf = await holder.page.request.get(pdfHref!)
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')

  // The admin revokes it with a reason; the verify URL now says so.
  await page.getByLabel(`Why revoke “Fraction adder” of ${holder.who.name}`).fill('Issued to the wrong member')
  await page.getByRole('button', { name: `Revoke “Fraction adder” of ${holder.who.name}` }).click()
  await expect(page.getByRole('status').first()).toContainText('“Fraction adder” was revoked')
  await publicPage.reload()
  await expect(publicPage.getByRole('status')).toContainText('Revoked')
  await expect(publicPage.getByRole('status')).toContainText('Issued to the wrong member')
  await expect(publicPage.getByTestId('certificate-holder')).toHaveText(holder.who.name)

  await stranger.close()
  await admin.context.close()
  await holder.context.close()
})
