/** "2026-01-02 03:04:05 UTC": the same text on the server and in the browser (no locale, no hydration mismatch). */
export function formatMailTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`
}
