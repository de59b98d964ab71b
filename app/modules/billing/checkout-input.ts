import { z } from 'zod'

/** What the checkout form sends (POST /billing/checkout): plan=premium, or plan=team&teamId=…&seats=n. */

export const MAX_SEATS = 500

export const CheckoutInput = z.discriminatedUnion(
  'plan',
  [
    z.object({ plan: z.literal('premium') }),
    z.object({
      plan: z.literal('team'),
      // A team's id, as the teams module's forms check it (billing imports nothing of teams).
      teamId: z.ulid('Choose a team'),
      seats: z.coerce
        .number({ message: 'Enter a number of seats.' })
        .int('Enter a whole number of seats.')
        .min(1, 'Buy at least one seat.')
        .max(MAX_SEATS, `At most ${MAX_SEATS} seats can be bought at once.`),
    }),
  ],
  { error: () => 'Choose a plan: premium or team.' },
)
export type CheckoutInput = z.infer<typeof CheckoutInput>
