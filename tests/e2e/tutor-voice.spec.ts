import type { Client } from '@libsql/client'
import type { Page } from '@playwright/test'
import { whenInteractive } from './support/hydration'
import { libraryDocument } from './support/library'
import { expect, run, test } from './support/sign-in'

/**
 * The tutor's voice in a real browser (docs/tutor.md, "Voice"). Headless Chromium has no microphone
 * and no speech engine, so the browser's Web Speech APIs are replaced before any page script runs
 * by a recording fake: `SpeechRecognition` / `webkitSpeechRecognition` "hear" the question the test
 * set, and `speechSynthesis.speak` records each utterance's text (in sessionStorage, so it survives
 * a reload). The app's own code runs unchanged on top of them.
 */

declare global {
  interface Window {
    __heard: string
  }
}

function installSpeechFakes() {
  const spoken = () => JSON.parse(sessionStorage.getItem('spoken') ?? '[]') as string[]
  class FakeRecognition {
    lang = 'en'
    interimResults = false
    onresult: ((event: { results: { transcript: string }[][] }) => void) | null = null
    onend: (() => void) | null = null
    onerror: ((event: { error: string }) => void) | null = null
    start() {
      setTimeout(() => {
        this.onresult?.({ results: [[{ transcript: window.__heard }]] })
        this.onend?.()
      }, 50)
    }
    stop() {
      this.onend?.()
    }
  }
  Object.assign(window, { SpeechRecognition: FakeRecognition, webkitSpeechRecognition: FakeRecognition })
  if (typeof window.SpeechSynthesisUtterance === 'undefined') {
    Object.assign(window, {
      SpeechSynthesisUtterance: class {
        voice: unknown = null
        onstart: (() => void) | null = null
        onend: (() => void) | null = null
        constructor(public text: string) {}
      },
    })
  }
  const synthesis = {
    speak(utterance: { text: string; onstart?: (() => void) | null; onend?: (() => void) | null }) {
      sessionStorage.setItem('spoken', JSON.stringify([...spoken(), utterance.text]))
      utterance.onstart?.()
      setTimeout(() => utterance.onend?.(), 20)
    },
    cancel() {},
    getVoices: () => [],
  }
  Object.defineProperty(window, 'speechSynthesis', { value: synthesis, configurable: true })
}

const spokenOn = (page: Page) => page.evaluate(() => JSON.parse(sessionStorage.getItem('spoken') ?? '[]') as string[])

/** A library document with a word of its own, so the tutor quotes this passage. */
const pumpManual = (db: Client, word: string) =>
  libraryDocument(db, {
    title: `Pump manual ${word}`,
    source: 'upload:pumps.md',
    heading: 'Pumps',
    passage: `The ${word} pump starts when the tank is half empty. It stops when the tank is full.`,
  })

async function setReadAloud(page: Page, on: boolean) {
  await page.goto('/settings/voice')
  await page.getByLabel('Read the tutor’s answers aloud').setChecked(on)
  await page.getByRole('button', { name: 'Save voice preferences' }).click()
  await expect(page.getByText('Your voice preferences were saved.')).toBeVisible()
}

/** Asks by the microphone: the fake hears `question`, the form is filled and asked. */
async function askAloud(page: Page, question: string) {
  await page.goto('/tutor')
  await whenInteractive(page)
  await page.evaluate((q) => (window.__heard = q), question)
  await page.getByRole('button', { name: 'Speak your question' }).click()
  await expect(page).toHaveURL(/\/tutor\/[0-9A-Z]{26}#latest$/)
  await expect(page.getByRole('region', { name: 'Sources' }).last()).toBeVisible()
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(installSpeechFakes)
})

test('the microphone asks the heard question, and with “read answers aloud” on the answer is spoken', async ({
  page,
  signIn,
  e2eDatabase,
}) => {
  const learner = await signIn(page, 'VoiceOn')
  const word = `qvw${run}on`
  const doc = await pumpManual(e2eDatabase, word)
  await setReadAloud(page, true)

  await askAloud(page, `When does the ${word} pump start?`)
  await expect(page.getByText(`When does the ${word} pump start?`).first()).toBeVisible()
  await expect(page.getByRole('link', { name: doc.title }).last()).toBeVisible()
  // the answer quotes the passage and was read aloud without its quote marks and [n]
  await expect
    .poll(() => spokenOn(page))
    .toContainEqual(expect.stringContaining(`The ${word} pump starts when the tank is half empty.`))
  expect((await spokenOn(page)).some((text) => /\[\d\]|^>/.test(text))).toBe(false)

  const { rows } = await e2eDatabase.execute({
    sql: `SELECT "mode" FROM "TutorSession" WHERE "userId" = ? ORDER BY "createdAt" DESC LIMIT 1`,
    args: [learner.id],
  })
  expect(rows[0]?.mode).toBe('voice')
})

test('with “read answers aloud” off, an answer is not spoken until “Read aloud” is pressed', async ({
  page,
  signIn,
  e2eDatabase,
}) => {
  await signIn(page, 'VoiceOff')
  const word = `qvw${run}off`
  await pumpManual(e2eDatabase, word)
  await setReadAloud(page, false)

  await askAloud(page, `When does the ${word} pump stop?`)
  // give a read-aloud that should not happen time to happen
  await page.waitForTimeout(500)
  expect(await spokenOn(page)).toEqual([])

  await page.getByRole('button', { name: 'Read aloud' }).last().click()
  await expect.poll(() => spokenOn(page)).toEqual([expect.stringContaining(`The ${word} pump starts`)])
})
