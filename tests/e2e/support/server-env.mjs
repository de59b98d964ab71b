// Where the end-to-end server keeps its state and how it signs cookies: read by
// scripts/e2e-server.mjs (which starts it) and by the tests (the sign-in fixture
// writes sessions into its database; the clock helpers move its clock).

/** Everything the e2e server writes lives here; emptied at every start. */
export const E2E_DIR = '.cache/e2e'
/** The server's SQLite file (DATABASE_URL is `file:./` + this). */
export const E2E_DATABASE_FILE = `${E2E_DIR}/questlog.db`
/** Signs the server's session cookies (SESSION_SECRET), so a test can sign one the same way. */
export const E2E_SESSION_SECRET = 'questlog-e2e-session-secret-not-for-production'
/** Milliseconds added to the server's clock (TEST_CLOCK_FILE; see tests/e2e/support/clock.ts). */
export const E2E_CLOCK_FILE = `${E2E_DIR}/clock-offset-ms`
/**
 * The loopback GitHub of tests/e2e/social-sign-in.spec.ts listens here (E2E_OAUTH_PORT overrides it);
 * the e2e server's GITHUB_* variables point at it.
 */
export const E2E_OAUTH_PORT = Number(process.env.E2E_OAUTH_PORT ?? 3299)
export const E2E_OAUTH_CLIENT_ID = 'questlog-e2e-github'
export const E2E_OAUTH_CLIENT_SECRET = 'questlog-e2e-github-secret'
