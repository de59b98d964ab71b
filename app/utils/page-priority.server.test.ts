import { describe, expect, it } from 'vitest'
import { giveWayToPages, pageStarted } from './page-priority.server'
import { withRequestScope } from './request-scope.server'

const settled = async (promise: Promise<void> | undefined) => {
  let done = false
  void promise?.then(() => (done = true))
  await new Promise((resolve) => setImmediate(resolve))
  return promise === undefined || done
}

describe('pages first', () => {
  it('lets other work go on at once while no page is in progress', () => {
    expect(giveWayToPages()).toBeUndefined()
  })

  it('holds other work while a page is in progress and lets it go when the page ends', async () => {
    const ended = pageStarted()
    const waiting = withRequestScope(() => giveWayToPages())
    expect(waiting).toBeInstanceOf(Promise)
    expect(await settled(waiting)).toBe(false)
    ended()
    expect(await settled(waiting)).toBe(true)
    expect(giveWayToPages()).toBeUndefined()
    ended() // a second end changes nothing: a later page still holds work back
    const second = pageStarted()
    expect(giveWayToPages()).toBeInstanceOf(Promise)
    second()
    expect(giveWayToPages()).toBeUndefined()
  })

  it('never holds work for long, and never holds a page itself', async () => {
    const ended = pageStarted()
    expect(withRequestScope(() => giveWayToPages(), { page: true })).toBeUndefined()
    await giveWayToPages()
    expect(giveWayToPages()).toBeInstanceOf(Promise) // it went on although the page had not ended
    ended()
  })
})
