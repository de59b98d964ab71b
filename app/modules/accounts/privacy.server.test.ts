import { describe, expect, it } from 'vitest'
import { deletedEmail, withoutSecrets } from './privacy.server'

describe('withoutSecrets', () => {
  it('drops secret-looking keys at every depth and keeps everything else', () => {
    const when = new Date('2026-01-02T03:04:05Z')
    expect(
      withoutSecrets({
        id: 'u1',
        tokenHash: 'x',
        password: 'x',
        nested: [{ hash: 'x', contentHash: 'x', clientSecret: 'x', keep: 1, when }],
        json: { deep: { passwordHash: 'x', fine: null } },
      }),
    ).toEqual({ id: 'u1', nested: [{ keep: 1, when }], json: { deep: { fine: null } } })
  })
})

describe('deletedEmail', () => {
  it('is the seed 002 address on a reserved domain', () => {
    expect(deletedEmail('01ABC')).toBe('user_01ABC@deleted.invalid')
  })
})
