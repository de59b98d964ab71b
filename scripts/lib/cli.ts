import { EnvError, getEnv } from '../../app/utils/env.server'

/** Runs a script's main; prints a clear message instead of a stack trace for expected failures. */
export function runScript(main: () => Promise<number | void>) {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      if (error instanceof EnvError || (error instanceof Error && error.name === 'MigrationError')) {
        console.error(`\n${error.message}\n`)
      } else {
        console.error(error)
      }
      process.exit(1)
    },
  )
}

export function databaseConfig() {
  return getEnv().database
}
