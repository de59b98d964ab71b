import { dictionary } from '@zxcvbn-ts/language-common'
import { z } from 'zod'

/**
 * The password rules (OWASP ASVS 5 §6.2): at least 8 characters, no composition
 * rules, long passphrases accepted whole (never truncated), and none of the most
 * common passwords. The list is zxcvbn's ranked list of leaked passwords.
 */
export const MIN_PASSWORD_LENGTH = 8
/** Generous for passphrases; the cap only keeps hashing cheap for a stranger's megabyte. */
export const MAX_PASSWORD_LENGTH = 1024
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
