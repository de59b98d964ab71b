/**
 * npm run bench:auth — what signing in costs, measured side by side in one run:
 *  - argon2id at OWASP's parameters: hashing and verifying one password;
 *  - verifyLogin for a wrong password against an unknown address (they should
 *    take about as long: the unknown address is checked against a dummy hash);
 *  - the home page over HTTP signed out versus signed in (the session lookup,
 *    a database read per request), from the production build (needs `npm run build`).
 * Rounds alternate so that drift on this shared machine affects both sides alike.
 */
import { existsSync } from 'node:fs'
import { AppServer } from '../lib/app-server'
import { benchDatabase, sampleSet, time } from './lib'

const ROUNDS = 4
const LOGINS_PER_ROUND = 10
const PAGES_PER_ROUND = 100

async function main() {
  process.env.NODE_ENV = 'production'
  const database = await benchDatabase('auth')
  const { hashPassword, verifyPassword } = await import('../../app/modules/accounts/password.server')
  const { createAccount, verifyLogin } = await import('../../app/modules/accounts/accounts.server')
  const { disconnectDatabase } = await import('../../app/utils/db.server')
  const { sample, print, mean } = sampleSet()
  let app: AppServer | undefined
  try {
    const password = 'a benchmark passphrase of some length'
    const user = await createAccount({ email: 'bench@example.com', username: 'bench', name: 'Bench', password })
    const hash = await hashPassword(password)
    await verifyLogin('warm-up@example.com', password)
    for (let round = 0; round < ROUNDS; round++) {
      await time(sample('argon2id hash'), LOGINS_PER_ROUND, () => hashPassword(password))
      await time(sample('argon2id verify'), LOGINS_PER_ROUND, () => verifyPassword(password, hash))
      const order = round % 2 === 0 ? ['wrong', 'unknown'] : ['unknown', 'wrong']
      for (const kind of order) {
        await time(
          sample(`verifyLogin · ${kind === 'wrong' ? 'wrong password' : 'unknown address'}`),
          LOGINS_PER_ROUND,
          () => verifyLogin(kind === 'wrong' ? user.email : 'nobody@example.com', 'not the password'),
        )
      }
    }
    await disconnectDatabase()

    if (existsSync('build/server/index.js')) {
      app = await AppServer.start({
        name: 'auth',
        env: { DATABASE_URL: database.url, RUN_MIGRATIONS_ON_START: 'false', SYNC_TOPICS_ON_START: 'false' },
      })
      const login = await app.fetch('/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
        body: new URLSearchParams({ email: user.email, password }).toString(),
      })
      if (login.status !== 302) throw new Error(`login answered ${login.status}`)
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!
      const page = async (signedIn: boolean) => {
        const response = await app!.fetch('/', signedIn ? { headers: { cookie } } : {})
        const html = await response.text()
        if (response.status !== 200 || html.includes('Log out') !== signedIn)
          throw new Error(`unexpected page (signed in: ${signedIn})`)
      }
      for (let i = 0; i < 20; i++) await Promise.all([page(true), page(false)])
      for (let round = 0; round < ROUNDS; round++) {
        for (const signedIn of round % 2 === 0 ? [false, true] : [true, false]) {
          await time(sample(`HTTP GET / · ${signedIn ? 'signed in' : 'signed out'}`), PAGES_PER_ROUND, () =>
            page(signedIn),
          )
        }
      }
    } else {
      console.log('(no production build: skipping the HTTP comparison; run npm run build)')
    }

    console.log(`\nlocal SQLite file · ${ROUNDS} alternating rounds\n`)
    print()
    console.log('\nratios (mean latency):')
    console.log(
      `  unknown address ÷ wrong password   ${(mean('verifyLogin · unknown address') / mean('verifyLogin · wrong password')).toFixed(2)}×  (≈ 1: no timing hint)`,
    )
    if (app)
      console.log(
        `  signed in ÷ signed out (GET /)      ${(mean('HTTP GET / · signed in') / mean('HTTP GET / · signed out')).toFixed(2)}×`,
      )
  } finally {
    await app?.stop()
    database.remove()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
