import { describe, expect, it } from 'vitest'
import { asPage, giveWayToPages, pagesInProgress } from './page-priority.server'

const settled = async (promise: Promise<void> | undefined) => {
  let done = false
  void promise?.then(() => (done = true))
  await new Promise((resolve) => setImmediate(resolve))
  return promise === undefined || done
}

describe('pages first', () => {
  it('lets other work go on at once while no page is in progress', async () => {
    expect(pagesInProgress()).toBe(0)
    expect(giveWayToPages()).toBeUndefined()
  })

  it('holds other work while a page is in progress and lets it go when the page ends', async () => {
    const { ended } = asPage(() => undefined)
    const waiting = giveWayToPages()
    expect(waiting).toBeInstanceOf(Promise)
    expect(await settled(waiting)).toBe(false)
    ended()
    expect(await settled(waiting)).toBe(true)
    expect(pagesInProgress()).toBe(0)
    ended() // a second end changes nothing
    expect(pagesInProgress()).toBe(0)
  })

  it('never holds work for long, and never holds the page itself', async () => {
    const { result, ended } = asPage(() => giveWayToPages())
    expect(result).toBeUndefined()
    await giveWayToPages()
    expect(pagesInProgress()).toBe(1) // it went on although the page had not ended
    ended()
  })
})
