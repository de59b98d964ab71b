import type { LinksFunction, MetaFunction } from '@remix-run/node'
import { Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError } from '@remix-run/react'
import type { ReactNode } from 'react'
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

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
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
            <ul>
              <li>
                <NavLink to="/" end>
                  Home
                </NavLink>
              </li>
              <li>
                <NavLink to="/feedback">Feedback</NavLink>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer container">
          <p>Questlog — a little practice, every day.</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  if (isRouteErrorResponse(error)) {
    const message =
      typeof error.data === 'object' && error.data && 'error' in error.data ? String(error.data.error) : error.statusText
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
