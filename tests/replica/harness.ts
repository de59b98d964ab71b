import { mkdirSync, mkdtempSync } from 'node:fs'
import { join, resolve } from 'node:path'

export { Primary, sleep, waitFor } from '../../scripts/lib/processes'
export { AppServer, feedbackIdFrom, type HealthBody } from '../../scripts/lib/app-server'

/** Scratch folders for the replica tests (under .cache/, ignored by git). */
export function workDir(name: string) {
  mkdirSync(resolve('.cache/replica'), { recursive: true })
  return mkdtempSync(join(resolve('.cache/replica'), `${name}-`))
}
