/**
 * Display constants the learner's pages use in the browser too: no imports, so the client
 * bundle stays free of the learning rules (and of ts-fsrs). Day labels are in app/utils/time.ts.
 */

/** Days in the XP chart of the progress page. */
export const PROGRESS_DAYS = 30
