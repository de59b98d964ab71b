/**
 * Small pieces the practice UI shares with the server (pure, no dependencies: the
 * browser bundle imports this file).
 */

export const MAX_ANSWER_LENGTH = 500

/** The URL that shows one task again with the same attempt id (the answer form's action, the hint form). */
export function taskHref(
  path: string,
  { taskId, attemptId, hints }: { taskId: string; attemptId: string; hints: number },
): string {
  const query = new URLSearchParams({ task: taskId, attempt: attemptId })
  if (hints > 0) query.set('hints', String(hints))
  return `${path}?${query}`
}

/** The URL of the next task after answering `taskId` (it is skipped while others are left). */
export function nextTaskHref(path: string, taskId: string): string {
  return `${path}?${new URLSearchParams({ after: taskId })}`
}
