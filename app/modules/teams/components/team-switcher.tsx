import { Form, useLocation } from '@remix-run/react'

/**
 * The team the user acts for, in the navigation. Switching posts to the teams
 * page (which checks the membership) and comes back to the current page.
 */
export function TeamSwitcher({
  teams,
  activeTeamId,
}: {
  teams: Array<{ id: string; name: string }>
  activeTeamId: string | null
}) {
  const location = useLocation()
  if (teams.length === 0) return null
  const active = teams.find((team) => team.id === activeTeamId)
  if (teams.length === 1 && active) return <span className="team-switcher">Team: {active.name}</span>
  return (
    <Form method="post" action="/teams?index" className="team-switcher">
      <input type="hidden" name="intent" value="switch" />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <label htmlFor="team-switcher">Team</label>
      <select id="team-switcher" name="teamId" defaultValue={active?.id ?? ''} key={active?.id ?? 'none'}>
        {active ? null : (
          <option value="" disabled>
            Choose a team…
          </option>
        )}
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button secondary">
        Switch
      </button>
    </Form>
  )
}
