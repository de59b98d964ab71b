import { hash, verify, type Algorithm } from '@node-rs/argon2'

/**
 * Password hashing with argon2id at OWASP's recommended parameters
 * (m = 19 MiB, t = 2, p = 1). The hash string records its parameters, so a
 * later change of parameters can re-hash on the next successful login.
 */
export const ARGON2_OPTIONS = {
  algorithm: 2 as Algorithm, // Algorithm.Argon2id (a const enum, not importable under isolatedModules)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS)
}

export async function verifyPassword(password: string, passwordHash: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}
