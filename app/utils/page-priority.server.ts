import { inPageRequest } from './request-scope.server'

/**
 * Pages first when the process is busy. One event loop serves every request, and the local
 * database client lets it take a turn after each statement, so requests share it statement by
 * statement. That is fair to statements, not to people: a page's ~20 short reads each waited a
 * turn behind every answer being written, so under 8 learners answering as fast as they could,
 * a dashboard took 7-10 times as long as idle (npm run bench:pages).
 *
 * So a page (a GET) in progress comes first: work that is not a page (answers, forms, API
 * writes, scheduled jobs) waits at its next turn until no page is in progress, at most
 * MAX_WAIT_MS per turn, so it always goes on. A page stops counting when its response ends, or
 * after PAGE_COUNTS_FOR_MS (a long download is no longer someone waiting for a page).
 *
 * State is kept on globalThis: the server entry and the Remix build load separate copies.
 */
const MAX_WAIT_MS = 10
const PAGE_COUNTS_FOR_MS = 2_000

interface State {
  pages: number
  waiting: Set<() => void>
}
const state: State = ((globalThis as { __questlogPagePriority?: State }).__questlogPagePriority ??= {
  pages: 0,
  waiting: new Set(),
})

/** Counts a page as in progress; call the returned function when its response has ended. */
export function pageStarted(): () => void {
  state.pages++
  let done = false
  const ended = () => {
    if (done) return
    done = true
    clearTimeout(expiry)
    if (--state.pages === 0) for (const wake of state.waiting) wake()
  }
  const expiry = setTimeout(ended, PAGE_COUNTS_FOR_MS)
  expiry.unref()
  return ended
}

/** For work that is not a page: resolves once no page is in progress, or after MAX_WAIT_MS. */
export function giveWayToPages(): Promise<void> | undefined {
  if (state.pages === 0 || inPageRequest()) return undefined
  return new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(timer)
      state.waiting.delete(wake)
      resolve()
    }
    const timer = setTimeout(wake, MAX_WAIT_MS)
    state.waiting.add(wake)
  })
}
