/**
 * A honeypot field on public forms: people never see or fill it; naive bots
 * fill every field. A filled one means the form is refused and nothing written.
 */
export const HONEYPOT_FIELD = 'website'

export function honeypotFilled(formData: FormData): boolean {
  const value = formData.get(HONEYPOT_FIELD)
  return typeof value === 'string' && value.trim() !== ''
}

export const HONEYPOT_MESSAGE =
  'This form was filled in by a robot, so it was not sent. If you are a person, please reload the page and try again.'
