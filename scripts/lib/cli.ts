import { getEnv } from '../../app/utils/env.server'
import { describeFatalError } from '../../app/utils/fatal-errors.server'

/** Runs a script's main; prints a clear message instead of a stack trace for expected failures. */
export function runScript(main: () => Promise<number | void>) {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      const reason = describeFatalError(error)
      console.error(reason ? `\n${reason}\n` : error)
      process.exit(1)
    },
  )
}

export function databaseConfig() {
  return getEnv().database
}
