import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { E2E_CLOCK_FILE } from './server-env.mjs'

/**
 * The e2e server's clock: scripts/e2e-server.mjs points TEST_CLOCK_FILE at E2E_CLOCK_FILE,
 * and app/utils/clock.server.ts (`serverNow`) adds the milliseconds in it to every "now".
 */
export function moveServerClock(byMs: number) {
  const current = existsSync(E2E_CLOCK_FILE) ? Number(readFileSync(E2E_CLOCK_FILE, 'utf8')) || 0 : 0
  writeFileSync(E2E_CLOCK_FILE, String(current + byMs))
}

/** Gives the server back its real clock (other spec files run against the same server). */
export function resetServerClock() {
  writeFileSync(E2E_CLOCK_FILE, '0')
}
