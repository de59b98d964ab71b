/** The words of the challenge notifications (announcements.server.ts, finalize.server.ts). */

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 101st, 111th. */
export function ordinal(n: number): string {
  const tens = n % 100
  if (tens >= 11 && tens <= 13) return `${n}th`
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`
}

export const startedTitle = (title: string) => `“${title}” has started`

export const startedMessage = (joined: boolean) =>
  joined
    ? 'Your answers in the challenge count towards your score from now on.'
    : 'Join it to take part: your answers since the start count once you do.'

export const endedTitle = (title: string, rank: number, participants: number) =>
  `“${title}” has ended: you placed ${ordinal(rank)} of ${participants}`

export const ENDED_MESSAGE = 'The final standings and the badges are on the challenge page.'

export const challengeLink = (challengeId: string) => `/challenges/${challengeId}`
