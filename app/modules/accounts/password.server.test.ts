import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './password.server'

describe('password hashing', () => {
  it('uses argon2id with the OWASP parameters and a random salt', async () => {
    const [a, b] = await Promise.all([
      hashPassword('correct horse battery staple'),
      hashPassword('correct horse battery staple'),
    ])
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(a).not.toBe(b)
  })

  it('verifies the right password, whole, and nothing else', async () => {
    const long = `${'a long passphrase, '.repeat(8)}end`
    const stored = await hashPassword(long)
    expect(await verifyPassword(long, stored)).toBe(true)
    expect(await verifyPassword(long.slice(0, -1), stored)).toBe(false)
    expect(await verifyPassword('', stored)).toBe(false)
    expect(await verifyPassword(long, 'not-a-hash')).toBe(false)
  })
})
