import { rmSync, writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { serverNow } from './clock.server'

const file = vi.hoisted(() => {
  const path = `${process.cwd()}/.cache/clock-${process.pid}.txt`
  process.env.TEST_CLOCK_FILE = path
  return path
})
afterAll(() => rmSync(file, { force: true }))

describe('serverNow', () => {
  it('is the system clock until a test moves it, then moved by the offset in the file', () => {
    expect(Math.abs(serverNow().getTime() - Date.now())).toBeLessThan(1000)
    const threeDays = 3 * 24 * 60 * 60 * 1000
    writeFileSync(file, String(threeDays))
    expect(Math.abs(serverNow().getTime() - (Date.now() + threeDays))).toBeLessThan(1000)
  })
})
