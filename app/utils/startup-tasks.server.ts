import { log } from './log.server'

/**
 * Work that runs once at start-up after migrations, such as syncing topics from
 * content files (SYNC_TOPICS_ON_START). Modules register their task here.
 */
export interface StartupTask {
  name: string
  run: () => Promise<void>
}

const tasks: StartupTask[] = []

export function registerStartupTask(task: StartupTask) {
  if (!tasks.some((t) => t.name === task.name)) tasks.push(task)
}

export async function runStartupTasks(): Promise<void> {
  for (const task of tasks) {
    const started = performance.now()
    await task.run()
    log.info('startup task done', { task: task.name, ms: Math.round(performance.now() - started) })
  }
}
