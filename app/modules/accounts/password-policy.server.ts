import { dictionary } from '@zxcvbn-ts/language-common'
import { z } from 'zod'
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-rules'

/**
 * The password rules (OWASP ASVS 5 §6.2): at least 8 characters, no composition
 * rules, long passphrases accepted whole (never truncated), and none of the most
 * common passwords. The list is zxcvbn's ranked list of leaked passwords (server-only:
 * it is 380 kB).
 */
export const COMMON_PASSWORD_COUNT = 10_000

let common: Set<string> | undefined
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].slice(0, COMMON_PASSWORD_COUNT))
  return common.has(password.toLowerCase())
}

export const NewPassword = z
  .string({ message: 'Enter a password' })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters`)
  .refine((p) => !isCommonPassword(p), 'This password is one of the most common ones; please choose another')
