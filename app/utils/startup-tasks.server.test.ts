import { afterEach, describe, expect, it } from 'vitest'
import { DatabaseUnavailableError } from './db/errors.server'
import { setLogSink } from './log.server'
import { runStartupTasks } from './startup-tasks.server'

describe('runStartupTasks', () => {
  afterEach(() => setLogSink(null))

  it('runs tasks in order', async () => {
    const ran: string[] = []
    await runStartupTasks(
      [
        { name: 'a', run: async () => void ran.push('a') },
        { name: 'b', run: async () => void ran.push('b') },
      ],
      'local',
    )
    expect(ran).toEqual(['a', 'b'])
  })

  it('skips a task that cannot reach the primary in replica mode, so reads can still be served', async () => {
    const lines: string[] = []
    setLogSink((_level, line) => lines.push(line))
    const ran: string[] = []
    await runStartupTasks(
      [
        { name: 'content-sync', run: () => Promise.reject(new DatabaseUnavailableError('primary down')) },
        { name: 'after', run: async () => void ran.push('after') },
      ],
      'replica',
    )
    expect(ran).toEqual(['after'])
    expect(lines.join('\n')).toContain('startup task skipped: primary unreachable')
  })

  it('fails the start in local mode, and on a real error in any mode', async () => {
    await expect(
      runStartupTasks([{ name: 'x', run: () => Promise.reject(new DatabaseUnavailableError('down')) }], 'local'),
    ).rejects.toThrow('down')
    await expect(
      runStartupTasks([{ name: 'x', run: () => Promise.reject(new Error('bad config.json')) }], 'replica'),
    ).rejects.toThrow('bad config.json')
  })
})
