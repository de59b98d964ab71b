// Dates are formatted in app/utils/time.ts. Until billing-state.server.ts imports formatDay from there, it is passed on here.
export { formatDay } from '~/utils/time'

export function displayName(person: { name: string | null; username: string | null } | null | undefined): string {
  return person?.name ?? person?.username ?? 'Someone'
}
