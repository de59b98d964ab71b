export function displayName(person: { name: string | null; username: string | null } | null | undefined): string {
  return person?.name ?? person?.username ?? 'Someone'
}
