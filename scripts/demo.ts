/**
 * npm run demo — builds the app, migrates the local SQLite file, loads demo data
 * and starts the production server, then prints where to go and how to sign in.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import webpush from 'web-push'
import { getEnv } from '../app/utils/env.server'
import { DEMO_ACCOUNTS } from './demo-data'

function step(title: string, command: string, args: string[]) {
  console.log(`\n==> ${title}`)
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env })
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit code ${result.status}).`)
    process.exit(result.status ?? 1)
  }
}

const env = getEnv()

/**
 * Push works in the demo: the VAPID keys of the environment, else a pair made once and kept in
 * the data folder, so a browser's subscription outlives a restart of the demo.
 */
function demoVapidEnv(): Record<string, string> {
  if (env.vapid) return {}
  const file = join(env.DATA_DIR, 'demo-vapid-keys.json')
  let keys: { publicKey: string; privateKey: string }
  if (existsSync(file)) keys = JSON.parse(readFileSync(file, 'utf8')) as typeof keys
  else {
    keys = webpush.generateVAPIDKeys()
    mkdirSync(env.DATA_DIR, { recursive: true })
    writeFileSync(file, JSON.stringify(keys), { mode: 0o600 })
  }
  return {
    VAPID_PUBLIC_KEY: keys.publicKey,
    VAPID_PRIVATE_KEY: keys.privateKey,
    VAPID_SUBJECT: 'mailto:demo@example.com',
  }
}

step('Building the app', 'npm', ['run', '--silent', 'build'])
step('Migrating the database', 'npm', ['run', '--silent', 'db:migrate'])
step('Loading demo data', 'npm', ['run', '--silent', 'db:seed'])

console.log('\n==> Starting Questlog')
const server = spawn('npx', ['tsx', 'server/index.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: {
    DEV_MAILBOX: 'true',
    BILLING_SANDBOX: 'true',
    ...demoVapidEnv(),
    ...process.env,
    NODE_ENV: 'production',
    RUN_MIGRATIONS_ON_START: 'false',
  },
})
server.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk)
  if (chunk.toString().includes('Questlog is listening')) {
    const url = `http://${env.HOST === '0.0.0.0' ? 'localhost' : env.HOST}:${env.PORT}`
    console.log(`\n  Questlog is running at ${url}  (Ctrl+C to stop)\n`)
    console.log('  Demo logins:')
    for (const account of DEMO_ACCOUNTS)
      console.log(`    ${account.email.padEnd(24)} ${account.password.padEnd(26)} ${account.name}`)
    console.log(`\n  Database: ${env.database.mode === 'local' ? env.database.url : env.database.mode}\n`)
  }
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
