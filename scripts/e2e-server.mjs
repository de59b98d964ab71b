// Starts the production build on a fresh SQLite file for the end-to-end tests.
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import {
  E2E_CLOCK_FILE,
  E2E_DATABASE_FILE,
  E2E_DIR,
  E2E_OAUTH_CLIENT_ID,
  E2E_OAUTH_CLIENT_SECRET,
  E2E_OAUTH_PORT,
  E2E_SESSION_SECRET,
} from '../tests/e2e/support/server-env.mjs'

const dir = E2E_DIR
rmSync(dir, { recursive: true, force: true })
mkdirSync(dir, { recursive: true })
const child = spawn('npx', ['tsx', 'server/index.ts'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: process.env.E2E_PORT ?? '3210',
    DATABASE_URL: `file:./${E2E_DATABASE_FILE}`,
    // Fixed, so that the tests' sign-in fixture can sign a session cookie the way the server does.
    SESSION_SECRET: E2E_SESSION_SECRET,
    DATA_DIR: dir,
    // The tests read verification and invitation e-mails there.
    DEV_MAILBOX: 'true',
    // Each test client says which address it is, so per-address rate limits apply per test user.
    CLIENT_IP_HEADER: 'x-test-client-ip',
    // The offline sandbox stands in for Polar; a team starts with 3 seats, so buying 5 visibly changes the limit.
    BILLING_SANDBOX: 'true',
    DEFAULT_TEAM_SEATS: '3',
    // Tests move the server's clock forward by writing milliseconds here (tests/e2e/support/clock.ts).
    TEST_CLOCK_FILE: E2E_CLOCK_FILE,
    // "Log in with GitHub" goes to the loopback provider that social-sign-in.spec.ts starts on this port.
    GITHUB_CLIENT_ID: E2E_OAUTH_CLIENT_ID,
    GITHUB_CLIENT_SECRET: E2E_OAUTH_CLIENT_SECRET,
    GITHUB_AUTHORIZE_URL: `http://127.0.0.1:${E2E_OAUTH_PORT}/authorize`,
    GITHUB_TOKEN_URL: `http://127.0.0.1:${E2E_OAUTH_PORT}/token`,
    GITHUB_API_URL: `http://127.0.0.1:${E2E_OAUTH_PORT}`,
  },
})
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 0))
