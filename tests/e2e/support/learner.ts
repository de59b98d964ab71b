import { readFileSync } from 'node:fs'
import { expect, type Page } from '@playwright/test'

/**
 * Shared by the learning end-to-end tests: the content files (the right answers come
 * from them, never from the page) and filling an answer in as a learner would. A learner
 * is signed in by the `signIn` fixture (./sign-in.ts).
 */
export interface ContentTask {
  id: string
  kind: 'multiple_choice' | 'numeric' | 'short_text'
  choices?: string[]
  answer: number | number[] | string[]
  hints?: string[]
  explanation: string
}

export function contentTopic(subject: string, topic: string) {
  const tasks = new Map(
    (JSON.parse(readFileSync(`content/${subject}/${topic}/tasks.json`, 'utf8')) as ContentTask[]).map((t) => [t.id, t]),
  )
  const config = JSON.parse(readFileSync(`content/${subject}/${topic}/config.json`, 'utf8')) as {
    title: string
    dailyFullTasks: number
    levelThresholds: number[]
  }
  return { tasks, config }
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
