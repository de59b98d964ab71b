import { z } from 'zod'

/** Fields of an account, validated the same way wherever they are typed. */
export const Email = z
  .string({ message: 'Enter your e-mail address' })
  .trim()
  .toLowerCase()
  .max(254, 'That e-mail address is too long')
  .pipe(z.email('Enter a valid e-mail address'))

export const Username = z
  .string({ message: 'Choose a username' })
  .trim()
  .toLowerCase()
  .min(3, 'Use at least 3 characters')
  .max(20, 'Use at most 20 characters')
  .regex(/^[a-z0-9_]+$/, 'Use only letters, digits and underscores')

export const DisplayName = z
  .string({ message: 'Enter your name' })
  .trim()
  .min(1, 'Enter your name')
  .max(80, 'Use at most 80 characters')

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone.includes('/') || zone === 'UTC'
  } catch {
    return false
  }
}

export const TimeZone = z
  .string({ message: 'Choose a time zone' })
  .trim()
  .refine(isTimeZone, 'Choose a time zone from the list, e.g. Europe/Berlin')

export const LoginInput = z.object({
  email: Email,
  // Any length at login: the policy applies when a password is chosen, not when one is checked.
  password: z.string({ message: 'Enter your password' }).min(1, 'Enter your password').max(4096, 'Enter your password'),
  redirectTo: z.string().optional(),
})
export type LoginInput = z.infer<typeof LoginInput>
