import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { expect, type Page } from '@playwright/test'
import { whenInteractive } from './hydration'

/**
 * Shared by the learning end-to-end tests: signing up a learner, the content files (the
 * right answers come from them, never from the page) and filling an answer in as a
 * learner would.
 */
export const PASSWORD = 'a long passphrase for the learning tests'
export const run = Date.now().toString(36)

export interface ContentTask {
  id: string
  kind: 'multiple_choice' | 'numeric' | 'short_text'
  choices?: string[]
  answer: number | number[] | string[]
  hints?: string[]
  explanation: string
}

export function contentTopic(subject: string, topic: string) {
  const tasks = new Map((JSON.parse(readFileSync(`content/${subject}/${topic}/tasks.json`, 'utf8')) as ContentTask[]).map((t) => [t.id, t]))
  const config = JSON.parse(readFileSync(`content/${subject}/${topic}/config.json`, 'utf8')) as { title: string; dailyFullTasks: number; levelThresholds: number[] }
  return { tasks, config }
}

/**
 * Each test learner comes from an address of its own (the e2e server trusts the
 * x-test-client-ip header through CLIENT_IP_HEADER), so the per-address sign-up
 * limit applies to each alone, as for real people.
 */
export async function asNewClient(page: Page) {
  const octet = () => 1 + Math.floor(Math.random() * 254)
  await page.setExtraHTTPHeaders({ 'x-test-client-ip': `198.18.${octet()}.${octet()}` })
}

export async function signUp(page: Page, name: string) {
  await asNewClient(page)
  await page.goto('/signup')
  await whenInteractive(page)
  await page.getByLabel('E-mail address').fill(`${name}.${run}@example.com`)
  await page.getByLabel('Username').fill(`${name}_${run}`)
  await page.getByLabel('Your name').fill(`${name} Learner`)
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByLabel('Password again').fill(PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible()
}

/** The task on the page, looked up in the content files. */
export async function shownTask(page: Page, tasks: Map<string, ContentTask>): Promise<ContentTask> {
  const id = await page.locator('input[name="taskId"]').inputValue()
  const task = tasks.get(id)
  expect(task, `task ${id} is in the content files`).toBeDefined()
  return task!
}

const indexes = (answer: ContentTask['answer']) => (Array.isArray(answer) ? (answer as number[]) : [answer as number])

/** Fills in the right (or a wrong) answer the way a learner would. */
export async function fillAnswer(page: Page, task: ContentTask, right: boolean) {
  if (task.kind === 'multiple_choice') {
    const good = indexes(task.answer)
    const picks = right ? good : [task.choices!.findIndex((_c, i) => !good.includes(i))]
    for (const i of picks) await page.getByLabel(task.choices![i]!, { exact: true }).check()
  } else if (task.kind === 'numeric') {
    await page.getByLabel('Your answer').fill(right ? String(task.answer) : String((task.answer as number) + 1000))
  } else {
    await page.getByLabel('Your answer').fill(right ? (task.answer as string[])[0]! : 'certainly not this')
  }
}

/** Moves the server's clock forward (scripts/e2e-server.mjs reads TEST_CLOCK_FILE on every "now"). */
const CLOCK_FILE = '.cache/e2e/clock-offset-ms'
export function moveServerClock(byMs: number) {
  const current = existsSync(CLOCK_FILE) ? Number(readFileSync(CLOCK_FILE, 'utf8')) || 0 : 0
  writeFileSync(CLOCK_FILE, String(current + byMs))
}

export function resetServerClock() {
  writeFileSync(CLOCK_FILE, '0')
}
