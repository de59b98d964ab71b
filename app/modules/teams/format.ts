/** Dates on team pages, in the viewer's time zone (the same text on the server and in the browser). */
export function formatDay(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone })
}

export function displayName(person: { name: string | null; username: string | null } | null | undefined): string {
  return person?.name ?? person?.username ?? 'Someone'
}
