/**
 * One-line JSON logs (what happened, to whom; never secrets or passwords).
 * Tests can silence or capture them through `setLogSink`.
 */
type Level = 'info' | 'warn' | 'error'
type Fields = Record<string, unknown>
type Sink = (level: Level, line: string) => void

const defaultSink: Sink = (level, line) => {
  if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`)
  else process.stdout.write(`${line}\n`)
}

let sink: Sink = defaultSink

export function setLogSink(next: Sink | null) {
  sink = next ?? defaultSink
}

function write(level: Level, msg: string, fields?: Fields) {
  sink(level, JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }))
}

export const log = {
  info: (msg: string, fields?: Fields) => write('info', msg, fields),
  warn: (msg: string, fields?: Fields) => write('warn', msg, fields),
  error: (msg: string, fields?: Fields) => write('error', msg, fields),
}
