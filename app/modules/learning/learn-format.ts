/**
 * Display helpers the learner's pages use in the browser too: no imports, so the client
 * bundle stays free of the learning rules (and of ts-fsrs).
 */

/** Days in the XP chart of the progress page. */
export const PROGRESS_DAYS = 30

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/** "3 Mar" for "2026-03-03": read from the key itself, so no time zone can shift it. */
export function shortDayLabel(dayKey: string): string {
  const [, month, day] = dayKey.split('-').map(Number) as [number, number, number]
  return `${day} ${MONTHS[month - 1] ?? '?'}`
}
