import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { NotificationsLink } from '~/modules/notifications/components/notifications-link'
import { unreadCount } from '~/modules/notifications/centre.server'
import { SearchBox } from '~/modules/search/components/search-box'
import { platformRoleCan } from '~/modules/accounts/permissions'
import { getSessionUser } from '~/utils/auth.server'
import { page, takeToast } from '~/utils/http.server'
import { TeamSwitcher } from '~/modules/teams/components/team-switcher'
import { listTeamChoices } from '~/modules/teams/teams.server'
import { getEnv } from '~/utils/env.server'
import { type ReactNode, useEffect } from 'react'
import appStyles from '~/styles/app.css?url'
import { useNonce } from '~/utils/nonce-provider'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: appStyles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [
  { title: 'Questlog — learn a little every day' },
  { name: 'description', content: 'Short practice tasks, spaced reviews and quests that keep you learning.' },
]

export const loader = page(async ({ request }: LoaderFunctionArgs) => {
  const [user, { toast, setCookie }] = await Promise.all([getSessionUser(request), takeToast(request)])
  const [teams, unreadNotifications] = user
    ? await Promise.all([listTeamChoices(user.id), unreadCount(user.id, new Date())])
    : [[], 0]
  return data(
    {
      user: user && {
        id: user.id,
        name: user.name,
        username: user.username,
        emailVerified: user.emailVerifiedAt !== null,
        canReadAuditLog: platformRoleCan(user.role, 'read:audit-log:any'),
      },
      devMailbox: getEnv().devMailbox,
      teams,
      unreadNotifications,
      activeTeamId: user?.activeTeamId ?? null,
      toast,
    },
    // The toast is shown once: the same answer clears its cookie.
    setCookie ? { headers: { 'Set-Cookie': setCookie } } : undefined,
  )
})

/** The signed-in user as the root loader saw it (null when signed out or on an error page without data). */
export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>('root')?.user ?? null
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  const rootData = useRouteLoaderData<typeof loader>('root')
  const user = rootData?.user ?? null
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <nav aria-label="Main" className="container nav">
            <Link to="/" className="brand">
              <span aria-hidden="true">◆</span> Questlog
            </Link>
            {user ? <SearchBox id="nav-search-q" /> : null}
            <ul>
              <li>
                <NavLink to="/" end>
                  Home
                </NavLink>
              </li>
              <li>
                <NavLink to="/feedback">Feedback</NavLink>
              </li>
              {user ? (
                <>
                  <li>
                    <NavLink to="/learn">Learn</NavLink>
                  </li>
                  <li>
                    <NavLink to="/reviews">Reviews</NavLink>
                  </li>
                  <li>
                    <NavLink to="/progress">Progress</NavLink>
                  </li>
                  <li>
                    <NavLink to="/quests">Quests</NavLink>
                  </li>
                  <li>
                    <NavLink to="/achievements">Trophies</NavLink>
                  </li>
                  <li>
                    <NavLink to="/tutor">Tutor</NavLink>
                  </li>
                  <li>
                    <NavLink to="/challenges">Challenges</NavLink>
                  </li>
                  <li>
                    <NavLink to="/league">League</NavLink>
                  </li>
                  <li>
                    <NavLink to="/certificates">Certificates</NavLink>
                  </li>
                  <li>
                    <NavLink to="/teams">Teams</NavLink>
                  </li>
                  <li>
                    <NavLink to="/billing">Billing</NavLink>
                  </li>
                  {user.canReadAuditLog ? (
                    <li>
                      <NavLink to="/admin/audit">Audit log</NavLink>
                    </li>
                  ) : null}
                  {rootData?.teams.length ? (
                    <li>
                      <TeamSwitcher teams={rootData.teams} activeTeamId={rootData.activeTeamId} />
                    </li>
                  ) : null}
                  <li>
                    <NotificationsLink unread={rootData?.unreadNotifications ?? 0} />
                  </li>
                  <li>
                    <NavLink to="/settings/profile">{user.name ?? user.username ?? 'Settings'}</NavLink>
                  </li>
                  <li>
                    <Form method="post" action="/logout">
                      <button type="submit" className="link-button">
                        Log out
                      </button>
                    </Form>
                  </li>
                </>
              ) : (
                <>
                  <li>
                    <NavLink to="/login">Log in</NavLink>
                  </li>
                  <li>
                    <NavLink to="/signup">Sign up</NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
        </header>
        {user && !user.emailVerified ? (
          <div className="container notice" role="status">
            Please confirm your e-mail address: we sent you a link. <Link to="/verify-email">Send it again</Link>
          </div>
        ) : null}
        <main id="main" className="container" tabIndex={-1}>
          {rootData?.toast ? (
            <p className={`toast toast-${rootData.toast.kind}`} role="status">
              {rootData.toast.message}
            </p>
          ) : null}
          {children}
        </main>
        <footer className="site-footer container">
          <p>
            Questlog — a little practice, every day.
            {rootData?.devMailbox ? (
              <>
                {' · '}
                <Link to="/dev/mailbox">Dev mailbox</Link>
              </>
            ) : null}
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  // Marks the page as interactive, so end-to-end tests do not type into a page whose
  // handlers are not attached yet (a click then races the router's start-up).
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true'
  }, [])
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  if (isRouteErrorResponse(error)) {
    const message =
      typeof error.data === 'object' && error.data && 'error' in error.data
        ? String(error.data.error)
        : error.statusText
    return (
      <section className="card error-page" aria-labelledby="error-title">
        <h1 id="error-title">{error.status === 404 ? 'Page not found' : `Something went wrong (${error.status})`}</h1>
        <p>{error.status === 404 ? 'We could not find what you were looking for.' : message}</p>
        <p>
          <a href="/">Back to the home page</a>
        </p>
      </section>
    )
  }
  return (
    <section className="card error-page" aria-labelledby="error-title">
      <h1 id="error-title">Something went wrong</h1>
      <p>An unexpected error happened on our side. It has been logged; please try again.</p>
      <p>
        <a href="/">Back to the home page</a>
      </p>
    </section>
  )
}
