import { describe, expect, it } from 'vitest'
import { NewPassword, isCommonPassword } from './password-policy.server'

const error = (password: string) => NewPassword.safeParse(password).error?.issues[0]?.message

describe('password policy', () => {
  it.each([
    ['7 characters', 'a7$kq2z', 'Use at least 8 characters'],
    ['a very common password', 'password1', 'one of the most common'],
    ['a common one in capitals', 'QWERTYUIOP', 'one of the most common'],
  ])('refuses %s', (_name, password, message) => {
    expect(error(password)).toContain(message)
  })

  it.each([
    ['8 uncommon characters', 'v7#Lq2!z'],
    ['a long passphrase with spaces', 'the owl reads tide tables at dawn on tuesdays'],
    ['a 1,024-character passphrase', 'plum '.repeat(204) + 'tree'],
  ])('accepts %s, whole', (_name, password) => {
    expect(NewPassword.parse(password)).toBe(password)
  })

  it('refuses more than 1,024 characters rather than cutting it short', () => {
    expect(error('x'.repeat(1025))).toContain('at most 1024')
  })

  it('knows the commonest passwords', () => {
    expect(isCommonPassword('123456')).toBe(true)
    expect(isCommonPassword('iloveyou')).toBe(true)
    expect(isCommonPassword('the owl reads tide tables')).toBe(false)
  })
})
