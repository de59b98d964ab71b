import { type LoaderFunctionArgs, type MetaFunction, redirect } from '@remix-run/node'
import { NavLink, Outlet } from '@remix-run/react'
import { requireUser } from '~/utils/auth.server'
import { page } from '~/utils/http.server'

export const meta: MetaFunction = () => [{ title: 'Settings — Questlog' }]

const SECTIONS = [
  { to: '/settings/profile', label: 'Profile' },
  { to: '/settings/password', label: 'Password' },
  { to: '/settings/sessions', label: 'Sessions' },
  { to: '/settings/notifications', label: 'Notifications' },
  { to: '/settings/voice', label: 'Voice' },
  { to: '/settings/connections', label: 'Connections' },
  { to: '/settings/data', label: 'Your data' },
]

export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  await requireUser(request)
  if (new URL(request.url).pathname.replace(/\/$/, '') === '/settings') throw redirect('/settings/profile')
  return null
})

export default function SettingsLayout() {
  return (
    <div className="settings">
      <nav aria-label="Settings" className="settings-nav">
        <p className="settings-nav-title">Settings</p>
        <ul>
          {SECTIONS.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to}>{section.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings-body">
        <Outlet />
      </div>
    </div>
  )
}
